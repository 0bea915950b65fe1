"""`pip install .` gives a working `ixreview` with all its package data.

Builds the wheel from a copy of the source tree (so parallel tests never share a
build directory), installs it into a new virtual environment, and runs the
installed command. Only ixreview comes from the wheel: the new environment sees
the project's already installed dependencies through a .pth file, so no network
is needed. A plain path line in a .pth file does not run the editable-install
hook that lives in the same site-packages, so the source tree cannot leak in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _run(cmd: list[str | Path], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
        **kw,  # type: ignore[arg-type]
    )
    assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    # Without the developer's installed ICD-10-CM index: the wheel build derives its own.
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "icd10cm")
    shutil.copytree(ROOT / "ixreview", src / "ixreview", ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("wheelhouse")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "--disable-pip-version-check", "-q", "-w", out, src], cwd=src)
    (built,) = out.glob("ixreview-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel installed; returns its bin directory."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    _run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
          "--no-deps", "--no-index", "--disable-pip-version-check", "-q", wheel], cwd=venv.parent)
    where = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(_run([venv / "bin" / "python", "-c", where], cwd=venv.parent).stdout.strip())
    deps = sysconfig.get_paths()["purelib"]  # this test's venv: the project's dependencies
    (purelib / "zz_ixreview_test_deps.pth").write_text(deps + "\n", encoding="utf-8")
    return venv / "bin"


def test_wheel_carries_every_kind_of_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    def some(prefix: str, suffix: str) -> list[str]:
        return [n for n in names if n.startswith(prefix) and n.endswith(suffix)]

    assert len(some("ixreview/policies/", ".yaml")) >= 3
    assert some("ixreview/resources/fonts/", ".ttf")
    assert "ixreview/resources/icons/ixreview.svg" in names
    assert {f"ixreview/resources/icons/ixreview-{s}.png" for s in (16, 32, 48, 256)} <= names
    samples = {Path(p).name for p in some("ixreview/resources/samples/", ".json")}
    assert "ixreview/resources/samples/samples.yaml" in names
    assert samples == {p.name for p in (ROOT / "ixreview/resources/samples").glob("*.json")}
    assert some("ixreview/letters/templates/", ".yaml")
    # The ICD-10-CM index, derived from the library at build time (setup.py).
    assert len(some("ixreview/resources/icd10cm/icd10cm-index-", ".sqlite")) == 1
    assert "ixreview/py.typed" in names
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    assert "ixreview = ixreview.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_command_comes_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    where = _run([installed / "python", "-c", "import ixreview; print(ixreview.__file__)"],
                 cwd=tmp_path).stdout.strip()
    assert Path(where).is_relative_to(installed.parent), where
    version = _run([installed / "ixreview", "--version"], cwd=tmp_path).stdout
    assert "ixreview" in version


def test_installed_command_lists_policies(installed: Path, tmp_path: Path) -> None:
    out = _run([installed / "ixreview", "policies"], cwd=tmp_path).stdout
    assert "ING-CC-0090" in out
    assert "BCBST-IXEMPRA" in out
    assert "draft" in out.lower()


def test_installed_command_evaluates_a_shipped_sample(installed: Path, tmp_path: Path) -> None:
    sample_dir = _run(
        [installed / "python", "-c",
         "from importlib.resources import files; "
         "print(files('ixreview') / 'resources' / 'samples')"],
        cwd=tmp_path,
    ).stdout.strip()
    sample = Path(sample_dir) / "bcbst-pend-her2-report.json"
    assert sample.is_relative_to(installed.parent)
    env = {**os.environ, "IXREVIEW_CACHE_DIR": str(tmp_path / "cache")}  # an empty cache
    proc = _run([installed / "ixreview", "evaluate", sample, "--policy", "BCBST-IXEMPRA",
                 "--json"], cwd=tmp_path, env=env)
    result = json.loads(proc.stdout)
    assert result["outcome"] == "needs_information"
    assert "biomarkers.her2_test_on_file" in result["missing"]
    # The wheel's own ICD-10-CM index answered: nothing was derived in the cache.
    assert not list((tmp_path / "cache").glob("icd10cm-index-*.sqlite"))
