"""Compile every Qt Designer form in forms/ into ixreview/ui/generated/ with pyside6-uic.

Run after editing a form in Designer:  .venv/bin/python scripts/compile_forms.py
`--check` compiles to memory and exits 1 when a generated file is stale (the test
suite does the same, so a form and its Python never drift).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
GENERATED = ROOT / "ixreview" / "ui" / "generated"
HEADER = (
    "# Generated from forms/{name} by scripts/compile_forms.py (pyside6-uic).\n"
    "# Do not edit: change the form in Qt Designer and run the script again.\n"
    "# ruff: noqa\n"
    "# mypy: ignore-errors\n"
)
INIT = '"""Python compiled from forms/*.ui by scripts/compile_forms.py; do not edit."""\n'


def uic_executable() -> str:
    here = Path(sys.executable).parent / "pyside6-uic"
    found = str(here) if here.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install PySide6 in this environment")
    return found


def compile_form(form: Path) -> str:
    """The Python text for one form, header included."""
    out = subprocess.run(
        [uic_executable(), "--generator", "python", str(form)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return HEADER.format(name=form.name) + out


def target_for(form: Path) -> Path:
    return GENERATED / f"ui_{form.stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = []
    GENERATED.mkdir(parents=True, exist_ok=True)
    for form in sorted(FORMS.glob("*.ui")):
        text = compile_form(form)
        target = target_for(form)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target.name)
        if not args.check:
            target.write_text(text, encoding="utf-8")
    init = GENERATED / "__init__.py"
    if not args.check and (not init.exists() or init.read_text(encoding="utf-8") != INIT):
        init.write_text(INIT, encoding="utf-8")
    if args.check and stale:
        print("stale generated forms: " + ", ".join(stale), file=sys.stderr)
        return 1
    print(("checked " if args.check else "compiled ") + f"{len(list(FORMS.glob('*.ui')))} forms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
