"""Page geometry and page decoration of a letter (reportlab).

US Letter. Page 1 carries the letterhead, the member's address where a #10
windowed envelope shows it (tri-folded letter: window 4.5 × 1.125 in, 7/8 in
from the left edge, address starting 2 in from the top of the sheet), and the
date and reference beside it. Later pages carry a one-line running head. Every
page carries "Reference …" and "Page N of M" in its footer; the total is only
known at the end, so the canvas keeps each page's drawing state and writes the
footers when the document is saved (reportlab's "numbered canvas" pattern).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from ixreview.letters.fonts import BOLD, ITALIC, REGULAR, register_fonts

PAGE_W, PAGE_H = LETTER
LEFT = 0.875 * inch  # lines up with the envelope window's left edge
RIGHT = 0.75 * inch
BOTTOM = 0.85 * inch  # above the footer
FRAME_W = PAGE_W - LEFT - RIGHT

# Envelope window area on the sheet (see module docstring); text is inset a little.
WINDOW_X = 0.875 * inch + 6
WINDOW_TOP = PAGE_H - 2.0 * inch
WINDOW_W = 3.9 * inch
WINDOW_H = 1.05 * inch

FIRST_FRAME_TOP = PAGE_H - 3.25 * inch
LATER_FRAME_TOP = PAGE_H - 0.85 * inch

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#145e78")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#9aa7ad")
SHADE = colors.HexColor("#eef3f5")
DRAFT = colors.Color(0.80, 0.10, 0.10, alpha=0.16)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    heading: ParagraphStyle
    subject: ParagraphStyle
    clause_title: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    quote: ParagraphStyle
    bullet: ParagraphStyle
    right: ParagraphStyle
    banner: ParagraphStyle

    def cell_indented(self, level: int) -> ParagraphStyle:
        """A table cell indented by clause nesting level."""
        return _indented(self.cell, level)

    def quote_sub(self, level: int) -> ParagraphStyle:
        """A nested quotation line (sub-clause), hanging-indented by nesting level."""
        return _quote_sub(self.quote, level)


@lru_cache(maxsize=1)
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=9.5,
        leading=12.8,
        textColor=INK,
        spaceAfter=6,
        allowWidows=0,
        bulletFontName=REGULAR,
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=0),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=10.5,
            leading=13,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=4,
        ),
        subject=ParagraphStyle(
            "subject",
            parent=body,
            fontName=BOLD,
            fontSize=11.5,
            leading=14.5,
            spaceBefore=8,
            spaceAfter=8,
        ),
        clause_title=ParagraphStyle(
            "clause_title", parent=body, spaceBefore=4, spaceAfter=3, keepWithNext=True
        ),
        cell=ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.6, spaceAfter=0),
        cell_bold=ParagraphStyle(
            "cell_bold", parent=body, fontName=BOLD, fontSize=8.5, leading=10.6, spaceAfter=0
        ),
        quote=ParagraphStyle(
            "quote", parent=body, fontName=ITALIC, leftIndent=14, textColor=MUTED, spaceAfter=3
        ),
        bullet=ParagraphStyle("bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=3),
        right=ParagraphStyle("right", parent=body, alignment=TA_RIGHT, spaceAfter=0),
        banner=ParagraphStyle(
            "banner",
            parent=body,
            fontName=BOLD,
            textColor=colors.HexColor("#a00000"),
            borderColor=colors.HexColor("#a00000"),
            borderWidth=1,
            borderPadding=6,
            spaceBefore=6,
            spaceAfter=16,
        ),
    )


@lru_cache(maxsize=8)
def _indented(cell: ParagraphStyle, level: int) -> ParagraphStyle:
    return ParagraphStyle(f"cell_indent{level}", parent=cell, leftIndent=6 * level)


@lru_cache(maxsize=8)
def _quote_sub(quote: ParagraphStyle, level: int) -> ParagraphStyle:
    indent = quote.leftIndent + 14 * level
    return ParagraphStyle(
        f"quote_sub{level}",
        parent=quote,
        leftIndent=indent + 12,
        firstLineIndent=-12,
        spaceAfter=1,
    )


@dataclass(frozen=True)
class PageDecor:
    """What the page callbacks and the footer draw; all text already final."""

    plan_name: str
    plan_lines: list[str]  # address lines
    plan_contact: str  # "Phone … · Fax … · TTY 711"
    plan_website: str | None
    logo: Path | None
    window_markup: list[str]  # member name first, then address lines (escaped markup)
    date_label: str
    date_text: str
    reference_label: str
    reference: str
    running_head: str
    footer_left: str
    page_format: str  # "Page {page} of {pages}"
    watermark: str | None
    signature_boxes: list[tuple[int, float, float, float, float]] = field(default_factory=list)


@lru_cache(maxsize=8)
def _image(path: str, mtime: float) -> ImageReader:
    return ImageReader(path)


def draw_first_page(canvas: Canvas, decor: PageDecor) -> None:
    canvas.saveState()
    _letterhead(canvas, decor)
    _window_address(canvas, decor)
    _date_block(canvas, decor)
    canvas.restoreState()
    _watermark(canvas, decor)


def draw_later_page(canvas: Canvas, decor: PageDecor) -> None:
    canvas.saveState()
    canvas.setFont(BOLD, 8.5)
    canvas.setFillColor(ACCENT)
    y = PAGE_H - 0.55 * inch
    canvas.drawString(LEFT, y, decor.plan_name)
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(PAGE_W - RIGHT, y, decor.running_head)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, y - 6, PAGE_W - RIGHT, y - 6)
    canvas.restoreState()
    _watermark(canvas, decor)


def _letterhead(canvas: Canvas, decor: PageDecor) -> None:
    top = PAGE_H - 0.5 * inch
    logo_size = 0.72 * inch
    text_x = LEFT
    if decor.logo is not None:
        reader = _image(str(decor.logo), decor.logo.stat().st_mtime)
        canvas.drawImage(
            reader,
            LEFT,
            top - logo_size,
            logo_size,
            logo_size,
            mask="auto",
            preserveAspectRatio=True,
            anchor="sw",
        )
        text_x = LEFT + logo_size + 10
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 15)
    canvas.drawString(text_x, top - 15, decor.plan_name)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8.5)
    y = top - 28
    for line in decor.plan_lines[:3]:
        canvas.drawString(text_x, y, line)
        y -= 10.5
    # Contact details on the right, aligned with the plan's name.
    right = PAGE_W - RIGHT
    canvas.drawRightString(right, top - 28, decor.plan_contact)
    if decor.plan_website:
        canvas.drawRightString(right, top - 38.5, decor.plan_website)
    rule_y = min(y + 3, top - logo_size) - 8
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(LEFT, rule_y, PAGE_W - RIGHT, rule_y)


def _window_address(canvas: Canvas, decor: PageDecor) -> None:
    """Member name and address, shrunk if needed so all of it shows in the window."""
    st = styles()
    size = 10.0
    while True:
        style = ParagraphStyle(
            "addr", parent=st.body, fontSize=size, leading=size * 1.2, spaceAfter=0
        )
        paras = [Paragraph(line, style) for line in decor.window_markup]
        height = sum(p.wrap(WINDOW_W, WINDOW_H)[1] for p in paras)
        if height <= WINDOW_H or size <= 6.5:
            break
        size -= 0.5
    y = WINDOW_TOP
    for p in paras:
        _, h = p.wrap(WINDOW_W, WINDOW_H)
        p.drawOn(canvas, WINDOW_X, y - h)
        y -= h


DATE_BLOCK_W = 2.8 * inch  # right of the envelope window, up to the right margin


def _date_block(canvas: Canvas, decor: PageDecor) -> None:
    """Date and reference, right-aligned; a reference too long for one line with its
    label goes under the label rather than wrapping inside the reference."""
    st = styles()
    width = DATE_BLOCK_W
    x = PAGE_W - RIGHT - width
    rows = [f"<b>{decor.date_label}:</b> {decor.date_text}"]
    one_line = f"<b>{decor.reference_label}:</b> {decor.reference}"
    if Paragraph(one_line, st.right).wrap(width, WINDOW_H)[1] > st.right.leading * 1.5:
        rows += [f"<b>{decor.reference_label}:</b>", decor.reference]
    else:
        rows.append(one_line)
    y = WINDOW_TOP
    for markup in rows:
        p = Paragraph(markup, st.right)
        _, h = p.wrap(width, WINDOW_H)
        p.drawOn(canvas, x, y - h)
        y -= h + 2


def _watermark(canvas: Canvas, decor: PageDecor) -> None:
    if not decor.watermark:
        return
    canvas.saveState()
    canvas.setFillColor(DRAFT)
    canvas.translate(PAGE_W / 2, PAGE_H / 2)
    canvas.rotate(52)
    size = 30.0
    while canvas.stringWidth(decor.watermark, BOLD, size) > PAGE_H * 0.85 and size > 12:
        size -= 1
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(0, -size / 3, decor.watermark)
    canvas.restoreState()


def numbered_canvas(decor: PageDecor) -> Callable[..., Canvas]:
    """A canvas class that writes "Page N of M" and the reference on every page at save."""

    class _NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, total: int) -> None:
            self.saveState()
            y = 0.5 * inch
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(LEFT, y + 11, PAGE_W - RIGHT, y + 11)
            self.setFont(REGULAR, 8)
            self.setFillColor(MUTED)
            self.drawString(LEFT, y, decor.footer_left)
            page = decor.page_format.format(page=self._pageNumber, pages=total)
            self.drawRightString(PAGE_W - RIGHT, y, page)
            self.restoreState()

    return _NumberedCanvas
