"""The ICD-10-CM index: installed with the product, derived cold only as a fallback.

A new machine must pass under the strict warning filter, and the first case must
not wait for the library's XML parse when the product was installed normally.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ixreview.domain import icd10

EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"

PROBE = """
import json, sys
from ixreview.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
sys.stderr.write("LOADED=" + json.dumps("simple_icd_10_cm" in sys.modules) + "\\n")
sys.exit(code)
"""


def _evaluate(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-c",
            PROBE,
            "evaluate",
            str(EXAMPLE),
            "--policy",
            "ING-CC-0090",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_the_installation_carries_the_index() -> None:
    # scripts/bootstrap.sh (and the wheel build) derive it; the suite runs after them.
    path = icd10.installed_index_path()
    assert path is not None, "run `python -m ixreview.domain.icd10 install` (bootstrap does)"
    assert path.parent == icd10.installed_index_dir()
    assert icd10.index_path() == path
    info = icd10.lookup("c50.412")
    assert info is not None and info.billable and "breast" in info.description.lower()


def test_cold_path_derives_the_index_in_the_cache_under_strict_warnings(tmp_path: Path) -> None:
    cache = tmp_path / "empty-cache"
    env = dict(os.environ, IXREVIEW_CACHE_DIR=str(cache))
    env[icd10.IGNORE_INSTALLED_ENV] = "1"
    env["PYTHONWARNINGS"] = "error"
    proc = _evaluate(env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["outcome"] in {"meets_criteria", "needs_information"}
    assert "Traceback" not in proc.stderr
    # Derived once into the cache, by a child process: the library's XML parse never
    # stays in the reviewer's process.
    assert len(list(cache.glob("icd10cm-index-v*.sqlite"))) == 1
    assert "LOADED=false" in proc.stderr
    # A second run reuses it.
    again = _evaluate(env)
    assert again.returncode == 0, again.stderr
    assert len(list(cache.glob("icd10cm-index-v*.sqlite"))) == 1


def test_an_index_of_another_library_version_is_never_read(tmp_path: Path) -> None:
    stale = tmp_path / "icd10cm-index-v1-old-library.sqlite"
    stale.write_bytes(b"not an index")
    env = dict(os.environ, IXREVIEW_CACHE_DIR=str(tmp_path))
    env[icd10.IGNORE_INSTALLED_ENV] = "1"
    proc = _evaluate(env)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / icd10.index_name()).is_file()


def test_the_test_session_does_not_use_the_real_home_cache() -> None:
    cache = Path(os.environ["IXREVIEW_CACHE_DIR"])
    assert cache.name == "cache" and cache.parent.name.startswith("ixreview-tests-")
    assert not str(cache).startswith(str(Path("~").expanduser() / ".cache"))
