"""Render a `LetterData` to PDF bytes (reportlab platypus): the pages around the letter's story.

This module lays out the page: the document and its frames, the first page's
letterhead, address window and date, the running head and footer of later
pages, the page numbers and a draft policy's watermark, and the PDF's metadata.
What goes on the pages, section by section from the kind's template, is
`render_sections` (prose and the signature block) and `render_tables`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ixreview.letters import layout
from ixreview.letters.errors import LetterError
from ixreview.letters.fonts import REGULAR
from ixreview.letters.layout import FRAME_W, PageDecor
from ixreview.letters.model import LetterData
from ixreview.letters.render_sections import LetterStory, SignatureBox
from ixreview.letters.templates import TemplateSet, fill, load_templates
from ixreview.letters.values import format_date, letter_values


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    pages: int
    signature_box: SignatureBox | None


def default_logo() -> Path:
    return Path(str(resources.files("ixreview").joinpath("resources", "icons", "plan-logo.png")))


def render_letter(
    data: LetterData,
    *,
    signed_at: datetime | None = None,
    templates: TemplateSet | None = None,
) -> RenderedLetter:
    """Lay out the letter. `signed_at` None renders an unsigned preview.

    Raises `LetterError` (naming the field) for a logo that cannot be read and
    `TemplateError` for a template that does not fit the data.
    """
    tpl = templates or load_templates()
    values = letter_values(data, tpl)
    builder = LetterStory(data, tpl, values, signed_at)
    story = builder.story()
    decor = _decor(data, tpl, values)

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=LETTER,
        leftMargin=layout.LEFT,
        rightMargin=layout.RIGHT,
        topMargin=layout.PAGE_H - layout.LATER_FRAME_TOP,
        bottomMargin=layout.BOTTOM,
        title=f"Determination letter {data.reference}",
        author=data.plan.name,
        subject=tpl.kind(data.kind).subject.split("{")[0].strip() or data.kind.value,
        creator="ixreview",
        keywords=letter_keywords(data),
        initialFontName=REGULAR,  # else reportlab references unembedded Helvetica
        initialFontSize=9.5,
    )
    first = Frame(
        layout.LEFT,
        layout.BOTTOM,
        FRAME_W,
        layout.FIRST_FRAME_TOP - layout.BOTTOM,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later = Frame(
        layout.LEFT,
        layout.BOTTOM,
        FRAME_W,
        layout.LATER_FRAME_TOP - layout.BOTTOM,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                id="First",
                frames=[first],
                autoNextPageTemplate="Later",
                onPage=lambda c, _d: layout.draw_first_page(c, decor),
            ),
            PageTemplate(
                id="Later",
                frames=[later],
                onPage=lambda c, _d: layout.draw_later_page(c, decor),
            ),
        ]
    )
    # Binary (Flate only) streams: ASCII85 adds 25 % to the file and, in reportlab's
    # pure-Python encoder, a third of the render time. Process-wide, harmless.
    rl_config.useA85 = 0
    canvasmaker = layout.numbered_canvas(decor)
    doc.build(story, canvasmaker=canvasmaker)
    return RenderedLetter(pdf=out.getvalue(), pages=doc.page, signature_box=builder.signature_box)


KEYWORD_PREFIX = "ixreview-letter"


def letter_keywords(data: LetterData) -> str:
    """PDF /Keywords naming the letter's reference and kind, for `ixreview verify` to find
    the record. Inside the signed bytes, so trustworthy once the signature checks out."""
    return f"{KEYWORD_PREFIX}; reference={data.reference}; kind={data.kind.value}"


def _decor(data: LetterData, tpl: TemplateSet, values: dict[str, object]) -> PageDecor:
    plan = data.plan
    logo = plan.logo_path if plan.logo_path is not None else default_logo()
    if not logo.is_file():
        raise LetterError(f"plan.logo_path: no such file: {logo}")
    contact = fill(tpl.fmt(None, "plan_contact"), values, where="common.yaml: formats.plan_contact")
    return PageDecor(
        plan_name=plan.name,
        plan_lines=list(plan.address_lines),
        plan_contact=_unmarkup(contact),
        plan_website=plan.website,
        logo=logo,
        window_markup=[f"<b>{escape(data.member.name)}</b>"]
        + [escape(line) for line in data.member.address_lines],
        date_label=tpl.label("date"),
        date_text=format_date(tpl, data.decision_date),
        reference_label=tpl.label("reference"),
        reference=data.reference,
        running_head=f"{data.reference} · {tpl.label('continued')}",
        footer_left=_unmarkup(fill(tpl.label("footer"), values, where="labels.footer")),
        page_format=tpl.label("page"),
        watermark=tpl.label("draft_watermark") if data.is_draft_policy else None,
    )


def _unmarkup(markup: str) -> str:
    """Markup back to plain text for canvas strings (entities only; no tags used there)."""
    return markup.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


__all__ = ["RenderedLetter", "SignatureBox", "default_logo", "render_letter"]
