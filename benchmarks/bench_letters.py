"""Benchmarks for determination letters: render + sign one letter, in process.

Target (issue 4): render and sign one letter, median under 150 ms in process,
warm (after the first import and the first signature, which pay for importing
pyHanko and parsing the fonts). One sample is the whole `sign_letter` call the
app makes when a reviewer decides: unlock the reviewer's key with the password
(Argon2id), render the three-page denial letter with reportlab, PAdES-sign it
with pyHanko (ECDSA P-256). The parts are reported alongside, as is verifying.

    .venv/bin/python benchmarks/bench_letters.py
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 150.0


def _samples(func: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(quick: bool = False) -> list[dict[str, Any]]:
    from ixreview.letters import (
        LetterKind,
        create_organization_ca,
        enroll_reviewer,
        render_letter,
        sign_letter,
        verify_letter,
    )
    from ixreview.letters.samples import PHYSICIAN, sample_letter

    n = 10 if quick else 40
    ca = create_organization_ca("Benchmark Health Plan", "admin-password")
    credential = enroll_reviewer(
        ca,
        "admin-password",
        name=PHYSICIAN.name,
        role=PHYSICIAN.role,
        credentials=PHYSICIAN.credentials,
        password="reviewer-password",
    )
    letter = sample_letter(LetterKind.DENIAL)

    first_start = time.perf_counter()
    signed = sign_letter(letter, credential, "reviewer-password")
    first_ms = (time.perf_counter() - first_start) * 1000

    total = _samples(lambda: sign_letter(letter, credential, "reviewer-password"), n)
    unlock = _samples(lambda: credential.unlock("reviewer-password"), n)
    now = datetime.now(UTC).replace(microsecond=0)
    render = _samples(lambda: render_letter(letter, signed_at=now), n)
    verify = _samples(lambda: verify_letter(signed.pdf, [ca.cert_pem], signed.sha256), n)
    median = statistics.median(total)

    parts = (
        f"medians of the parts, measured separately: unlock key (Argon2id) "
        f"{statistics.median(unlock):.0f} ms, render {statistics.median(render):.0f} ms "
        f"({signed.pages} pages); the PAdES signature is the rest. First signature in the "
        f"process {first_ms:.0f} ms (imports pyHanko, parses the fonts)"
    )
    return [
        {
            "name": "letters: render + sign one letter (in process, warm)",
            "target": "median < 150 ms",
            "unit": "ms",
            "samples": total,
            "peak_mb": _peak_mb(),
            "met": median < TARGET_MS,
            "note": parts,
        },
        {
            "name": "letters: verify one signed letter (in process, warm)",
            "target": "none stated (reported)",
            "unit": "ms",
            "samples": verify,
            "peak_mb": _peak_mb(),
            "met": True,
            "note": "pyHanko validation against the organization root, no network",
        },
    ]


if __name__ == "__main__":
    for row in measure(quick="--quick" in sys.argv):
        s = sorted(row["samples"])
        print(
            f"{row['name']}: median {statistics.median(s):.1f} ms, "
            f"p95 {s[int(0.95 * (len(s) - 1))]:.1f} ms, n={len(s)}, "
            f"target {row['target']}, met={row['met']}\n  {row['note']}"
        )
