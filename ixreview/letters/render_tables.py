"""The letter's tables: the "Re:" block, the criteria table, the authorization and the cc block.

Each builds its reportlab tables from the letter's data and wording
(`render_sections.LetterStory`); the order of sections, their headings and
paragraphs are `render_sections`, the page around them is `render`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ixreview.domain.evaluation import ClauseResult, ClauseRole, Truth
from ixreview.letters import layout
from ixreview.letters.fonts import REGULAR
from ixreview.letters.layout import FRAME_W
from ixreview.letters.model import LetterKind
from ixreview.letters.values import format_date
from ixreview.letters.wording import Effect, effect, route_not_taken

if TYPE_CHECKING:
    from ixreview.letters.render_sections import LetterStory

_GROUP = colors.HexColor("#f7f9fa")


# One colour per effect on the outcome, as on screen (ixreview.ui.icons).
_EFFECT_COLOURS = {
    Effect.AGAINST: "#a00000",
    Effect.SUPPORTS: "#1d6b2f",
    Effect.UNDOCUMENTED: "#8a5a00",
    Effect.NONE: "#555555",
}


_CELL_PADDING = 6  # reportlab's default left and right padding of a table cell


def re_block(story: LetterStory) -> list[Flowable]:
    """The "Re:" block (member, request, drug, prescriber, date) and the subject line."""
    d = story.data
    label = story.tpl.label
    rows: list[tuple[str, str]] = [
        (label("member"), d.member.name),
        (label("member_id"), d.member.id),
        (label("birth_date"), format_date(story.tpl, d.member.birth_date)),
    ]
    if d.member.plan:
        rows.append((label("plan"), d.member.plan))
    rows += [
        (label("reference"), d.reference),
        (label("drug"), d.drug),
        (label("billing_code"), "J9207"),
        (label("regimen"), d.regimen),
        (label("dose"), d.dose),
        (label("prescriber"), d.prescriber.name),
        (label("decision_date"), format_date(story.tpl, d.decision_date)),
    ]
    cell, bold = story.st.cell, story.st.cell_bold
    data = [
        [
            Paragraph(f"<b>{escape(label('re'))}</b>" if i == 0 else "", cell),
            Paragraph(escape(k), bold),
            Paragraph(story.plain.explain(escape(v)), cell),
        ]
        for i, (k, v) in enumerate(rows)
    ]
    table = Table(data, colWidths=[0.4 * 72, 1.25 * 72, FRAME_W - 1.65 * 72], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    subject = Paragraph(story.plain.explain(story.fill(story.kt.subject)), story.st.subject)
    return [table, subject]


def criteria_table(story: LetterStory) -> list[Flowable]:
    """Each clause of the policy with its finding, approval clauses then exclusions."""
    st, label = story.st, story.tpl.label
    header = [
        Paragraph(escape(label("criteria_clause")), st.cell_bold),
        Paragraph(escape(label("criteria_wording")), st.cell_bold),
        Paragraph(escape(label("criteria_finding")), st.cell_bold),
    ]
    rows: list[list[Flowable | str]] = [header]
    style: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("GRID", (0, 0), (-1, -1), 0.4, layout.RULE),
        ("BACKGROUND", (0, 0), (-1, 0), layout.SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    clauses = story.data.evaluation.clauses
    if story.data.kind is LetterKind.APPROVAL:  # the route met, not the ones not taken
        clauses = [c for c in clauses if not route_not_taken(c, story.data.evaluation.clauses)]
    groups = [
        ("criteria_approval_group", [c for c in clauses if c.role is ClauseRole.APPROVAL]),
        ("criteria_exclusion_group", [c for c in clauses if c.role is ClauseRole.EXCLUSION]),
    ]
    for group_label, members in groups:
        if not members:
            continue
        row = len(rows)
        rows.append([Paragraph(f"<b>{escape(label(group_label))}</b>", st.cell), "", ""])
        style += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), _GROUP)]
        for clause in members:
            row = len(rows)
            status = escape(story.status_text(clause))
            colour = _EFFECT_COLOURS[effect(clause, story.data.evaluation.clauses)]
            rows.append(
                [
                    Paragraph(
                        escape(clause.number or clause.id), st.cell_indented(clause.depth)
                    ),
                    Paragraph(escape(clause.text), st.cell),
                    Paragraph(f'<font color="{colour}"><b>{status}</b></font>', st.cell),
                ]
            )
            if clause.status == Truth.NOT_APPLICABLE:
                style.append(("TEXTCOLOR", (0, row), (-1, row), layout.MUTED))
    first = _clause_column(story, clauses)
    widths = [first, FRAME_W - first - 1.3 * 72, 1.3 * 72]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return [table, Spacer(1, 6)]


def _clause_column(story: LetterStory, clauses: list[ClauseResult]) -> float:
    """Wide enough for the longest word of any clause label ("Continuation" is never
    broken inside), at least 0.85 in, at most 1.6 in."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    need = 0.85 * 72
    for clause in clauses:
        style = story.st.cell_indented(clause.depth)
        for word in (clause.number or clause.id).split():
            width = stringWidth(word, style.fontName, style.fontSize)
            need = max(need, width + style.leftIndent + 2 * _CELL_PADDING + 1)
    return min(need, 1.6 * 72)


def authorization_table(story: LetterStory) -> list[Flowable]:
    """An approval's authorization number, period and units."""
    a = story.data.approval
    assert a is not None
    rows = [
        (story.fmt("authorization_number"), f"<b>{escape(a.authorization_number)}</b>"),
        (story.fmt("authorization_period"), story.fmt("period_value")),
        (story.fmt("units_per_dose"), str(a.units_per_dose)),
        (story.fmt("units_per_period"), str(a.units_per_period)),
    ]
    if a.doses is not None:
        rows.append((story.fmt("doses"), str(a.doses)))
    data = [
        [Paragraph(story.plain.explain(k), story.st.cell_bold), Paragraph(v, story.st.cell)]
        for k, v in rows
    ]
    table = Table(data, colWidths=[2.6 * 72, FRAME_W - 2.6 * 72], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.4, layout.RULE),
                ("BACKGROUND", (0, 0), (0, -1), layout.SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [table, Spacer(1, 8)]


def cc_block(story: LetterStory) -> list[Flowable]:
    """The copy to the prescriber, with their address and phone."""
    p = story.data.prescriber
    lines = [story.fmt_common("cc_line"), *[escape(line) for line in p.address_lines]]
    if p.phone:
        lines.append(f"{escape(story.tpl.label('phone'))} {escape(p.phone)}")
    body = "<br/>".join(lines)
    table = Table(
        [
            [
                Paragraph(f"<b>{escape(story.tpl.label('cc'))}</b>", story.st.cell),
                Paragraph(body, story.st.cell),
            ]
        ],
        colWidths=[0.4 * 72, FRAME_W - 0.4 * 72],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [Spacer(1, 14), KeepTogether([table])]
