"""`ixreview evaluate` as a whole process: light imports, exit statuses, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"
HEAVY = ("PySide6", "pyhanko", "reportlab", "sqlite_utils", "simple_icd_10_cm")

# Runs the real CLI entry point, then reports which heavy modules it loaded.
PROBE = f"""
import json, sys
from ixreview.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
sys.stderr.write("LOADED=" + json.dumps(loaded) + "\\n")
sys.exit(code)
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def loaded(proc: subprocess.CompletedProcess[str]) -> list[str]:
    line = next(x for x in proc.stderr.splitlines() if x.startswith("LOADED="))
    modules: list[str] = json.loads(line.removeprefix("LOADED="))
    return modules


def test_evaluate_never_imports_qt_signing_pdf_or_the_store() -> None:
    proc = run_cli("evaluate", str(EXAMPLE), "--policy", "BCBST-IXEMPRA", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["policy"]["id"] == "BCBST-IXEMPRA"
    assert loaded(proc) == []


def test_policies_never_imports_them_either() -> None:
    proc = run_cli("policies")
    assert proc.returncode == 0
    assert loaded(proc) == []


def test_invalid_input_as_a_process(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "ixreview-case/1", "received_at": "yesterday"}', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "ixreview", "evaluate", str(bad), "--policy", "ING-CC-0090"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"error: {bad}: reference: is required",
        f"error: {bad}: received_at: must be a timestamp in ISO 8601 with an offset "
        '(got "yesterday")',
    ]
    assert "Traceback" not in proc.stderr


def test_unknown_version_as_a_process() -> None:
    proc = run_cli("evaluate", str(EXAMPLE), "--policy", "BCBST-IXEMPRA@2030")
    assert proc.returncode == 2
    assert (
        'error: policy BCBST-IXEMPRA has no version "2030"; versions: current, draft' in proc.stderr
    )
    assert "Traceback" not in proc.stderr
