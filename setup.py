"""Build hook: the wheel carries the ICD-10-CM index derived from the library.

Everything else about the package is declared in pyproject.toml. At build time
(`pip wheel .`, `python -m build`) the index is derived from the simple-icd-10-cm
installed in the build environment, so a new installation never derives it in
front of the first case. Editable installs get it from scripts/bootstrap.sh.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithIcd10Index(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        # Loaded by path: importing the ixreview package here would need its
        # run-time dependencies in the build environment.
        spec = importlib.util.spec_from_file_location(
            "_ixreview_icd10_build", HERE / "ixreview" / "domain" / "icd10.py"
        )
        assert spec is not None and spec.loader is not None
        icd10 = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = icd10  # dataclasses look their module up there
        spec.loader.exec_module(icd10)
        built = icd10.install(Path(self.build_lib) / "ixreview" / "resources" / "icd10cm")
        print(f"ixreview: ICD-10-CM index {built.name}")


setup(cmdclass={"build_py": BuildPyWithIcd10Index})
