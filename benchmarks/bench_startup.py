"""Start-up: process start to an interactive sign-in window, offscreen (target < 1 s).

Each sample spawns `python -c "from ixreview.ui.app import run; run()"` with
QT_QPA_PLATFORM=offscreen and IXREVIEW_STARTUP_PROBE=1; the app prints "shown" once
the sign-in window is on screen and its event loop runs, then exits. The time is
measured in this process from spawn to that line. A second check lists which
heavy modules (pyhanko, reportlab, sqlite_utils) were imported by then: none
should be.

    .venv/bin/python benchmarks/bench_startup.py [--quick]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 1000.0
HEAVY = ("pyhanko", "reportlab", "sqlite_utils")
CHILD = (
    "import sys; from ixreview.ui import app; import atexit; "
    "atexit.register(lambda: print('heavy=' + ','.join(m for m in "
    f"{HEAVY!r} if m in sys.modules), flush=True)); sys.exit(app.run())"
)


def one_start() -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IXREVIEW_STARTUP_PROBE": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    shown_at = None
    heavy = ""
    for line in proc.stdout:
        if line.strip() == "shown" and shown_at is None:
            shown_at = time.perf_counter()
        elif line.startswith("heavy="):
            heavy = line.strip().removeprefix("heavy=")
    proc.wait(timeout=60)
    if shown_at is None:
        raise RuntimeError("the app never reported its sign-in window")
    return (shown_at - start) * 1000, heavy


def measure(quick: bool = False) -> list[dict[str, Any]]:
    one_start()  # warm the OS file cache and byte-code, as a second launch would be
    samples, heavy_seen = [], set()
    for _ in range(5 if quick else 15):
        ms, heavy = one_start()
        samples.append(ms)
        heavy_seen |= {h for h in heavy.split(",") if h}
    p95 = sorted(samples)[max(0, round(0.95 * len(samples)) - 1)]
    return [
        {
            "name": "GUI start to interactive sign-in window (offscreen)",
            "target": "p95 < 1000 ms",
            "unit": "ms",
            "samples": samples,
            "peak_mb": None,
            "met": p95 < TARGET_MS and not heavy_seen,
            "note": (
                f"median {statistics.median(samples):.0f} ms, p95 {p95:.0f} ms; heavy modules "
                f"loaded before the window: {', '.join(sorted(heavy_seen)) or 'none'}"
            ),
        }
    ]


if __name__ == "__main__":
    print(json.dumps(measure(quick="--quick" in sys.argv), indent=2))
