"""benchmarks/run.py: runs every bench module in isolation and records all outcomes."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def runner() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_runner", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_runner"] = module  # dataclasses resolve annotations through it
    spec.loader.exec_module(module)
    return module


GOOD = '''
def measure(quick=False):
    return [
        {"name": "fast thing", "target": "median < 10 ms", "unit": "ms",
         "samples": [1.0, 2.0, 3.0, 4.0, 100.0] if quick else [5.0], "peak_mb": 41.5,
         "met": True, "note": "a | pipe"},
        {"name": "slow thing", "target": "median < 1 ms", "unit": "ms", "samples": [1500.0],
         "peak_mb": None, "met": False, "note": "", "profile": "import time: heavy.module"},
        {"name": "reported only", "target": "", "unit": "MB", "samples": [12.0],
         "peak_mb": 12.0, "met": None, "note": "no target"},
    ]
'''
CRASH = "import nonexistent_module_for_the_runner_test\n"
BAD_SHAPE = "def measure(quick=False):\n    return [{'name': 'x'}]\n"


def _bench_dir(tmp_path: Path) -> Path:
    (tmp_path / "bench_a_good.py").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bench_b_crash.py").write_text(CRASH, encoding="utf-8")
    (tmp_path / "bench_c_shape.py").write_text(BAD_SHAPE, encoding="utf-8")
    (tmp_path / "helper.py").write_text("X = 1\n", encoding="utf-8")  # not a bench module
    return tmp_path


def test_discovers_only_bench_modules(runner: ModuleType, tmp_path: Path) -> None:
    paths = runner.discover(_bench_dir(tmp_path))
    assert [p.stem for p in paths] == ["bench_a_good", "bench_b_crash", "bench_c_shape"]
    assert [p.stem for p in runner.discover(tmp_path, only="crash")] == ["bench_b_crash"]


def test_a_failing_module_is_recorded_and_the_others_still_run(
    runner: ModuleType, tmp_path: Path
) -> None:
    runs = [runner.run_module(p, quick=True) for p in runner.discover(_bench_dir(tmp_path))]
    good, crash, shape = runs
    assert good.error is None and len(good.results) == 3
    assert "nonexistent_module_for_the_runner_test" in crash.error
    assert "lacks" in shape.error and "target" in shape.error

    text = runner.render({"CPU": "Test CPU", "Python": "3.11"}, runs, True,
                         dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC))
    assert "| CPU | Test CPU |" in text
    assert "2026-11-22" in text
    # median, spread and p95 of [1, 2, 3, 4, 100]; the pipe in a note cannot break the table
    row = "| fast thing | 5 | 3.00 ms | 1.00 ms – 100 ms | 80.8 ms | median < 10 ms | yes |"
    assert row in text
    assert "| 42 MB | a / pipe |" in text
    assert "| slow thing | 1 | 1.50 s |" in text and "**NO**" in text
    assert "| reported only | 1 | 12.0 MB |" in text and "| none stated | – |" in text
    assert "## Missed targets and their profiles" in text and "heavy.module" in text
    assert text.count("**FAILED**") == 2
    assert "### bench_b_crash" in text and "### bench_c_shape" in text


def test_percentile_interpolates_between_ranks(runner: ModuleType) -> None:
    assert runner.percentile([5.0], 0.95) == 5.0
    assert runner.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert runner.percentile([10.0, 0.0], 0.95) == pytest.approx(9.5)


def test_machine_description_names_cpu_memory_os_and_python(runner: ModuleType) -> None:
    info = runner.machine_info()
    assert set(info) >= {"CPU", "Cores", "RAM", "OS", "Python"}
    assert info["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}")
    assert info["RAM"].endswith("GB")


def test_a_partial_run_keeps_the_other_modules_last_figures(
    runner: ModuleType, tmp_path: Path
) -> None:
    import json

    record = tmp_path / "performance.json"
    old = [
        runner.ModuleRun("bench_a", 1.0, [{"name": "old a"}], None, "2026-01-01 at commit 1"),
        runner.ModuleRun("bench_b", 2.0, [{"name": "old b"}], None, "2026-01-01 at commit 1"),
        runner.ModuleRun("bench_gone", 3.0, [{"name": "removed module"}], None, "old"),
    ]
    record.write_text(json.dumps([r.__dict__ for r in old]), encoding="utf-8")
    modules = [tmp_path / "bench_a.py", tmp_path / "bench_b.py"]
    fresh = [runner.ModuleRun("bench_a", 1.5, [{"name": "new a"}], None, "today")]
    merged = runner.merge_with_record(fresh, record, modules)
    assert [(r.module, r.results[0]["name"], r.measured) for r in merged] == [
        ("bench_a", "new a", "today"),
        ("bench_b", "old b", "2026-01-01 at commit 1"),
    ]
