"""Designer forms and their generated Python never drift apart."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_match_the_designer_files(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    script = runpy.run_path(str(ROOT / "scripts" / "compile_forms.py"))
    stale = []
    for form in sorted((ROOT / "forms").glob("*.ui")):
        target = script["target_for"](form)
        if not target.exists() or target.read_text(encoding="utf-8") != script["compile_form"](
            form
        ):
            stale.append(form.name)
    assert stale == [], f"run {sys.executable} scripts/compile_forms.py"
    assert len(list((ROOT / "forms").glob("*.ui"))) >= 9
