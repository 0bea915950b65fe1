"""The embedded Unicode font (DejaVu Sans, shipped in ixreview/resources/fonts).

Registered once per process: parsing the TrueType files is the slowest part of
a first render. reportlab embeds only the glyphs a letter uses (a subset), so
Ibáñez, Søndergaard, Nguyễn, Łukasz and ≥ × µ ³ print on any reader without the
font installed.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "IxSans"
BOLD = "IxSans-Bold"
ITALIC = "IxSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}


def font_dir() -> Path:
    return Path(str(resources.files("ixreview").joinpath("resources", "fonts")))


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the letter fonts with reportlab; returns the regular face's name."""
    folder = font_dir()
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    # <b> and <i> in paragraphs pick the right face; bold italic falls back to bold.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` the regular face cannot draw (for checks and tests)."""
    register_fonts()
    font = pdfmetrics.getFont(REGULAR)
    cmap = font.face.charToGlyph
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
