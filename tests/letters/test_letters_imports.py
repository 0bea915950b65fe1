"""pyHanko costs ~0.55 s to import: nothing but signing and verifying may load it."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_importing_the_package_loads_neither_pyhanko_nor_reportlab() -> None:
    loaded = _modules_after("import ixreview.letters; from ixreview.letters import LetterData")
    assert "pyhanko" not in loaded and "pyhanko.sign" not in loaded
    assert "reportlab" not in loaded


def test_rendering_a_preview_does_not_load_pyhanko() -> None:
    loaded = _modules_after(
        "from ixreview.letters import LetterKind, render_letter\n"
        "from ixreview.letters.samples import sample_letter\n"
        "render_letter(sample_letter(LetterKind.APPROVAL))"
    )
    assert "reportlab.platypus" in loaded
    assert not any(name.startswith("pyhanko") for name in loaded)
