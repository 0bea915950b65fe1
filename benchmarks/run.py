"""Run every benchmark and write the performance record, docs/performance.md.

    .venv/bin/python benchmarks/run.py            # full run (the figures we publish)
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions, for a quick look
    .venv/bin/python benchmarks/run.py --only cli # only bench_cli.py; the other modules'
                                                  # figures are kept from the last run

Each `benchmarks/bench_<area>.py` exposes `measure(quick: bool = False) -> list[dict]`,
each dict: name, target, unit ("ms" or "MB"), samples, peak_mb, met, note, and
optionally `profile` (text that explains a missed target: a pyinstrument or py-spy
summary). Every module runs in its own child process, so one module's imports,
caches and memory high-water mark do not colour another's figures, and a module
that crashes or hangs is recorded as failed while the others still run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = ROOT / "docs" / "performance.md"
MODULE_TIMEOUT_S = 45 * 60  # the million-row history generator is the slowest part

REQUIRED_KEYS = ("name", "target", "unit", "samples", "peak_mb", "met", "note")


@dataclass
class ModuleRun:
    module: str
    seconds: float
    results: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    measured: str = ""  # "YYYY-MM-DD HH:MM UTC at commit abc1234", set when recorded


# --------------------------------------------------------------------------- machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def _os_name() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, kernel {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT, capture_output=True, text=True, timeout=10, check=True,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT, capture_output=True, text=True, timeout=10, check=True,
        )
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine_info() -> dict[str, str]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": _cpu_model(),
        "Cores": f"{os.cpu_count()} (usable by this process: {usable})",
        "RAM": _ram_gb(),
        "OS": _os_name(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Commit": _git_commit(),
    }


# --------------------------------------------------------------------------- running


def discover(directory: Path = HERE, only: str | None = None) -> list[Path]:
    paths = sorted(directory.glob("bench_*.py"))
    return [p for p in paths if only is None or only in p.stem]


def _child(path: Path, quick: bool, result_path: Path) -> int:
    """Child mode: import one bench module, run it, write its results as JSON."""
    import importlib.util

    sys.path.insert(0, str(ROOT))  # `import ixreview` from the source tree, like the tests
    sys.path.insert(0, str(path.parent))  # bench modules may share helpers beside them
    try:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        results = mod.measure(quick=quick)
        payload: dict[str, Any] = {"results": _validated(results)}
    except BaseException:  # record anything, even SystemExit from a bench
        payload = {"error": traceback.format_exc(limit=8)}
    result_path.write_text(json.dumps(payload, default=str), encoding="utf-8")
    return 0


def _validated(results: object) -> list[dict[str, Any]]:
    if not isinstance(results, list):
        raise TypeError(f"measure() returned {type(results).__name__}, not a list of dicts")
    for r in results:
        if not isinstance(r, dict):
            raise TypeError(f"measure() returned an item of type {type(r).__name__}")
        missing = [k for k in REQUIRED_KEYS if k not in r]
        if missing:
            raise KeyError(f"result {r.get('name', '?')!r} lacks {', '.join(missing)}")
    return results  # type: ignore[return-value]


def run_module(path: Path, quick: bool, timeout_s: float = MODULE_TIMEOUT_S) -> ModuleRun:
    """Run one bench module in a child process; never raises for the module's faults."""
    module = path.stem
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ixreview-bench-") as tmp:
        result_path = Path(tmp) / "result.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(path),
               "--result", str(result_path)] + (["--quick"] if quick else [])
        try:
            proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return ModuleRun(module, time.perf_counter() - start,
                             error=f"timed out after {timeout_s:.0f} s")
        seconds = time.perf_counter() - start
        if not result_path.exists():
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
            return ModuleRun(module, seconds,
                             error=f"the module's process ended with status {proc.returncode}"
                                   f" and no result:\n{tail}")
        payload = json.loads(result_path.read_text(encoding="utf-8"))
    if "error" in payload:
        return ModuleRun(module, seconds, error=payload["error"])
    return ModuleRun(module, seconds, results=payload["results"])


def merge_with_record(runs: list[ModuleRun], record: Path, modules: list[Path]) -> list[ModuleRun]:
    """The runs just made, plus the last recorded run of every other existing module.

    So `--only X` refreshes X's figures without dropping the rest; each module's
    row in the record says when and at which commit it was measured.
    """
    fresh = {r.module for r in runs}
    kept: list[ModuleRun] = []
    if record.is_file():
        existing = {p.stem for p in modules}
        for item in json.loads(record.read_text(encoding="utf-8")):
            if item["module"] not in fresh and item["module"] in existing:
                kept.append(ModuleRun(**item))
    return sorted([*runs, *kept], key=lambda r: r.module)


# --------------------------------------------------------------------------- statistics


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _fmt(value: float, unit: str) -> str:
    if unit == "ms" and value >= 1000:
        return f"{value / 1000:.2f} s"
    digits = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    return f"{value:,.{digits}f} {unit}"


def summarize(result: dict[str, Any]) -> dict[str, str]:
    samples = [float(s) for s in result.get("samples") or []]
    unit = str(result.get("unit", ""))
    met = result.get("met")
    target = str(result.get("target") or "")
    row = {
        "name": str(result["name"]),
        "n": str(len(samples)),
        "median": "–", "spread": "–", "p95": "–",
        "target": target or "none stated",
        "met": "–" if not target or met is None else ("yes" if met else "**NO**"),
        "peak": "–" if result.get("peak_mb") is None else f"{float(result['peak_mb']):,.0f} MB",
        "note": str(result.get("note") or "").replace("|", "/").replace("\n", " "),
    }
    if samples:
        row["median"] = _fmt(percentile(samples, 0.5), unit)
        row["spread"] = f"{_fmt(min(samples), unit)} – {_fmt(max(samples), unit)}"
        row["p95"] = _fmt(percentile(samples, 0.95), unit)
    return row


# --------------------------------------------------------------------------- report


def render(machine: dict[str, str], runs: list[ModuleRun], quick: bool, when: dt.datetime) -> str:
    lines = [
        "# Performance record",
        "",
        "Written by `.venv/bin/python benchmarks/run.py"
        + (" --quick`" if quick else "`")
        + " (do not edit by hand; rerun it). Each figure is measured over repeated runs"
        " after a warm-up; *spread* is min – max; *p95* is the 95th percentile;"
        " *peak memory* is the peak resident set size of the process that did the work.",
        "",
        f"Date: {when.strftime('%Y-%m-%d %H:%M %Z').strip()}"
        + ("  (quick run: fewer repetitions)" if quick else ""),
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine.items()),
        "",
        "## Figures",
        "",
        "| figure | runs | median | spread (min – max) | p95 | target | met | peak memory | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        for result in run.results:
            r = summarize(result)
            lines.append(
                f"| {r['name']} | {r['n']} | {r['median']} | {r['spread']} | {r['p95']}"
                f" | {r['target']} | {r['met']} | {r['peak']} | {r['note']} |"
            )
        if run.error is not None:
            lines.append(f"| `{run.module}` | – | – | – | – | – | **FAILED** | – |"
                         " the benchmark did not complete; see below |")
    failed = [r for r in runs if r.error is not None]
    if failed:
        lines += ["", "## Benchmarks that failed", ""]
        for run in failed:
            lines += [f"### {run.module}", "", "```", run.error.rstrip(), "```", ""]
    missed = [res for run in runs for res in run.results
              if res.get("target") and res.get("met") is False]
    if missed:
        lines += ["", "## Missed targets and their profiles", ""]
        for res in missed:
            lines += [f"### {res['name']}", ""]
            profile = str(res.get("profile") or "").rstrip()
            lines += (["```", profile, "```"] if profile
                      else ["No profile was supplied by the benchmark module."])
            lines.append("")
    lines += [
        "",
        "## Modules",
        "",
        *(f"- `{r.module}.py`: {r.seconds:.1f} s"
          + (", failed" if r.error else f", {len(r.results)} figure(s)")
          + (f"; measured {r.measured}" if r.measured else "") for r in runs),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--only", help="run only bench modules whose name contains this")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the record")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child, args.quick, args.result)

    modules = discover(HERE, args.only)
    if not modules:
        print("no benchmark modules matched", file=sys.stderr)
        return 2
    runs = []
    for path in modules:
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        run = run_module(path, args.quick)
        status = "FAILED" if run.error else f"{len(run.results)} figure(s)"
        print(f"  {path.stem}: {status} in {run.seconds:.1f} s", file=sys.stderr, flush=True)
        runs.append(run)
    when = dt.datetime.now().astimezone()
    stamp = f"{when.strftime('%Y-%m-%d %H:%M %Z').strip()} at commit {_git_commit()}"
    for run in runs:
        run.measured = stamp
    runs = merge_with_record(runs, args.out.with_suffix(".json"), discover(HERE))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(
        json.dumps([run.__dict__ for run in runs], indent=1, default=str) + "\n", encoding="utf-8")
    args.out.write_text(render(machine_info(), runs, args.quick, when), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
