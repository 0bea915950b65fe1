"""Render a `LetterData` to PDF bytes (reportlab platypus), from the templates.

The kind's template lists the sections in order; each is a heading, paragraphs
and/or a component built here from the data. The signature block is a
component too: unsigned (a preview) or with the signer's printed name,
credentials, role, meaning and the signing time that `sign_letter` then uses
for the PAdES signature, so the printed time and the signed time are the same.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ixreview.domain.evaluation import ClauseResult, ClauseRole, Truth
from ixreview.letters import layout
from ixreview.letters.errors import LetterError
from ixreview.letters.fonts import REGULAR
from ixreview.letters.layout import FRAME_W, PageDecor, styles
from ixreview.letters.model import LetterData, LetterKind, denial_basis
from ixreview.letters.templates import Section, TemplateSet, fill, load_templates
from ixreview.letters.values import format_date, format_datetime, letter_values
from ixreview.letters.wording import (
    Effect,
    Explainer,
    clause_citation,
    effect,
    route_not_taken,
    status_key,
)


@dataclass(frozen=True)
class SignatureBox:
    """Where the printed signature block landed: 0-based page, PDF points (x1, y1, x2, y2)."""

    page: int
    box: tuple[float, float, float, float]


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
    builder = _Builder(data, tpl, values, signed_at)
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


_GROUP = colors.HexColor("#f7f9fa")


# One colour per effect on the outcome, as on screen (ixreview.ui.icons).
_EFFECT_COLOURS = {
    Effect.AGAINST: "#a00000",
    Effect.SUPPORTS: "#1d6b2f",
    Effect.UNDOCUMENTED: "#8a5a00",
    Effect.NONE: "#555555",
}


_SMALL = 2.5 * 72  # a flowable this tall moves to the next page with its heading


def _keep_lead(lead: list[Flowable], body: list[Flowable]) -> list[Flowable]:
    """A heading and its introduction never end a page without what they introduce.

    A short first item is kept with them; a long one (a criteria table that will
    split anyway) is not, so it starts right after its heading rather than
    leaving half a page empty: it only asks for room for its first rows.
    """
    if not lead:
        return body
    if not body:
        if len(lead) == 1:
            return lead
        return [KeepTogether(lead[:2]), *lead[2:]]
    first = body[0]
    _, height = first.wrap(FRAME_W, layout.PAGE_H)
    if height <= _SMALL:
        return [KeepTogether([*lead, first]), *body[1:]]
    lead_height = sum(f.wrap(FRAME_W, layout.PAGE_H)[1] for f in lead)
    return [CondPageBreak(lead_height + 0.9 * 72), *lead, *body]


def _unkept(flowables: list[Flowable]) -> list[Flowable]:
    """The flowables with any KeepTogether opened up: nested in another KeepTogether, its
    forced-split height (reportlab's 0xffffff) would make the outer one never fit."""
    out: list[Flowable] = []
    for f in flowables:
        if isinstance(f, KeepTogether):
            out.extend(_unkept(list(f._content)))
        elif not isinstance(f, CondPageBreak):
            out.append(f)
    return out


_CELL_PADDING = 6  # reportlab's default left and right padding of a table cell


def _descendants(clauses: list[ClauseResult], root: str) -> list[ClauseResult]:
    """Clauses nested under `root`, in the evaluation's order."""
    inside = {root}
    out: list[ClauseResult] = []
    for clause in clauses:
        if clause.parent in inside:
            inside.add(clause.id)
            out.append(clause)
    return out


def _unmarkup(markup: str) -> str:
    """Markup back to plain text for canvas strings (entities only; no tags used there)."""
    return markup.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class _SignatureFlowable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Draws the signature table and records where it landed (for the signature widget)."""

    def __init__(self, table: Table, record: Callable[[SignatureBox], None]) -> None:
        super().__init__()
        self._table = table
        self._record = record

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self._table.wrap(aw, ah)
        return self.width, self.height

    def draw(self) -> None:
        self._table.drawOn(self.canv, 0, 0)
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self._record(SignatureBox(page, (x, y, x + self.width, y + self.height)))


class _Builder:
    def __init__(
        self,
        data: LetterData,
        tpl: TemplateSet,
        values: dict[str, object],
        signed_at: datetime | None,
    ) -> None:
        self.data = data
        self.tpl = tpl
        self.kt = tpl.kind(data.kind)
        self.values = values
        self.signed_at = signed_at
        self.st = styles()
        self.signature_box: SignatureBox | None = None
        self.where = f"{data.kind.value}.yaml"
        # Member-facing text, in reading order: codes explained at first use.
        self.plain = Explainer(tpl)

    def _fill(self, text: str) -> str:
        return fill(text, self.values, where=self.where)

    def _fmt(self, name: str, extra: dict[str, object] | None = None) -> str:
        values = self.values if extra is None else {**self.values, **extra}
        return fill(self.tpl.fmt(self.data.kind, name), values, where=f"{self.where}: {name}")

    def story(self) -> list[Flowable]:
        out: list[Flowable] = []
        if self.data.is_draft_policy:
            out.append(Paragraph(escape(self.tpl.label("draft_banner")), self.st.banner))
        parts = [self._section(section) for section in self.kt.sections]
        # "Sincerely", the signature block and the cc stay with the section before
        # them: a last page holding only a signature says nothing of what was signed.
        names = [section.component for section in self.kt.sections]
        if "signature" in names:
            start = max(names.index("signature") - 1, 0)
            tail = _unkept([f for part in parts[start:] for f in part])
            parts = [*parts[:start], [KeepTogether(tail)]]
        for part in parts:
            out.extend(part)
        return out

    def _section(self, section: Section) -> list[Flowable]:
        if section.only_if is not None and not self.values.get(section.only_if):
            return []
        if section.unless is not None and self.values.get(section.unless):
            return []
        lead: list[Flowable] = []
        if section.heading:
            lead.append(Paragraph(self._fill(section.heading), self.st.heading))
        for text in section.paragraphs:
            lead.append(Paragraph(self.plain.explain(self._fill(text)), self.st.body))
        body = self._component(section.component) if section.component is not None else []
        return _keep_lead(lead, body)

    def _component(self, name: str) -> list[Flowable]:
        build: dict[str, Callable[[], list[Flowable]]] = {
            "re_block": self._re_block,
            "criteria_table": self._criteria_table,
            "policy_citation": self._policy_citation,
            "denial_reasons": self._denial_reasons,
            "what_would_change": self._what_would_change,
            "authorization_table": self._authorization_table,
            "information_items": self._information_items,
            "signature": self._signature,
            "cc_block": self._cc_block,
        }
        return build[name]()

    # -- components -------------------------------------------------------------------------

    def _re_block(self) -> list[Flowable]:
        d = self.data
        label = self.tpl.label
        rows: list[tuple[str, str]] = [
            (label("member"), d.member.name),
            (label("member_id"), d.member.id),
            (label("birth_date"), format_date(self.tpl, d.member.birth_date)),
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
            (label("decision_date"), format_date(self.tpl, d.decision_date)),
        ]
        cell, bold = self.st.cell, self.st.cell_bold
        data = [
            [
                Paragraph(f"<b>{escape(label('re'))}</b>" if i == 0 else "", cell),
                Paragraph(escape(k), bold),
                Paragraph(self.plain.explain(escape(v)), cell),
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
        subject = Paragraph(self.plain.explain(self._fill(self.kt.subject)), self.st.subject)
        return [table, subject]

    def _criteria_table(self) -> list[Flowable]:
        st, label = self.st, self.tpl.label
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
        clauses = self.data.evaluation.clauses
        if self.data.kind is LetterKind.APPROVAL:  # the route met, not the ones not taken
            clauses = [c for c in clauses if not route_not_taken(c, self.data.evaluation.clauses)]
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
                status = escape(self._status_text(clause))
                colour = _EFFECT_COLOURS[effect(clause, self.data.evaluation.clauses)]
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
        first = self._clause_column(clauses)
        widths = [first, FRAME_W - first - 1.3 * 72, 1.3 * 72]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        return [table, Spacer(1, 6)]

    def _clause_column(self, clauses: list[ClauseResult]) -> float:
        """Wide enough for the longest word of any clause label ("Continuation" is never
        broken inside), at least 0.85 in, at most 1.6 in."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        need = 0.85 * 72
        for clause in clauses:
            style = self.st.cell_indented(clause.depth)
            for word in (clause.number or clause.id).split():
                width = stringWidth(word, style.fontName, style.fontSize)
                need = max(need, width + style.leftIndent + 2 * _CELL_PADDING + 1)
        return min(need, 1.6 * 72)

    def _status_text(self, clause: ClauseResult) -> str:
        key = status_key(clause)
        try:
            return self.tpl.common.status[key]
        except KeyError:
            raise LetterError(f"common.yaml: status.{key} is missing") from None

    def _policy_citation(self) -> list[Flowable]:
        text = f"<b>{escape(self.tpl.label('policy'))}</b> {self.values['policy_citation']}"
        return [Paragraph(text, self.st.body)]

    def _denial_reasons(self) -> list[Flowable]:
        assert self.data.denial is not None
        given = {r.clause_id: r.reason for r in self.data.denial.reasons}
        evaluation = self.data.evaluation
        out: list[Flowable] = []
        not_received = self.data.denial.information_not_received is not None
        for clause in denial_basis(evaluation, self.data.denial):
            prefix = "exclusion" if clause.role is ClauseRole.EXCLUSION else "reason"
            if not_received:
                prefix = f"undocumented_{prefix}"
            extra: dict[str, object] = {
                "clause_cite": clause_citation(self.tpl, clause),
                "clause_number": clause.number or clause.id,
                "clause_text": clause.text,
                "reason": given[clause.id],
            }
            quote: list[Flowable] = [
                Paragraph(self._fmt(f"{prefix}_wording", extra), self.st.quote)
            ]
            # A clause such as "Any of the following indications" means little without
            # the alternatives under it: quote them, each with its finding.
            for sub in _descendants(evaluation.clauses, clause.id):
                sub_values: dict[str, object] = {
                    "clause_number": sub.number or sub.id,
                    "clause_text": sub.text,
                    "status": self._status_text(sub),
                }
                style = self.st.quote_sub(max(sub.depth - clause.depth, 1))
                quote.append(Paragraph(self._fmt("sub_clause", sub_values), style))
            if len(quote) > 1:
                quote.append(Spacer(1, 4))
            label = self._fmt(f"{prefix}_clause", extra)
            # Flat (not KeepTogether): a long quotation may continue on the next page,
            # but the clause's title never ends a page on its own.
            title = Paragraph(f"<b>{label}</b>", self.st.clause_title)
            out += [
                title,
                *quote,
                Paragraph(self.plain.explain(self._fmt(f"{prefix}_text", extra)), self.st.body),
            ]
        return out

    def _what_would_change(self) -> list[Flowable]:
        assert self.data.denial is not None
        return [
            Paragraph(self.plain.explain(escape(item)), self.st.bullet, bulletText="•")
            for item in self.data.denial.what_would_change
        ]

    def _authorization_table(self) -> list[Flowable]:
        a = self.data.approval
        assert a is not None
        rows = [
            (self._fmt("authorization_number"), f"<b>{escape(a.authorization_number)}</b>"),
            (self._fmt("authorization_period"), self._fmt("period_value")),
            (self._fmt("units_per_dose"), str(a.units_per_dose)),
            (self._fmt("units_per_period"), str(a.units_per_period)),
        ]
        if a.doses is not None:
            rows.append((self._fmt("doses"), str(a.doses)))
        data = [
            [Paragraph(self.plain.explain(k), self.st.cell_bold), Paragraph(v, self.st.cell)]
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

    def _information_items(self) -> list[Flowable]:
        info = self.data.information
        assert info is not None
        return [
            Paragraph(
                self.plain.explain(
                    self._fmt("item_text", {"item": it.item, "why_needed": it.why_needed})
                ),
                self.st.bullet,
                bulletText=f"{n}.",
            )
            for n, it in enumerate(info.items, start=1)
        ]

    def _signature(self) -> list[Flowable]:
        s = self.data.signer
        st, label = self.st, self.tpl.label
        meaning = s.meaning or self.kt.meaning
        name = s.name + (f", {s.credentials}" if s.credentials else "")
        if self.signed_at is None:
            when = f"<i>{escape(label('unsigned'))}</i>"
        else:
            stamp = format_datetime(self.tpl, self.signed_at)
            when = fill(label("signed_on"), {"signed_at": stamp}, where="labels.signed_on")
        lines = [
            Paragraph(f"<b>{escape(meaning)}</b>", st.cell),
            Paragraph(f'<font size="11"><b>{escape(name)}</b></font>', st.body),
            Paragraph(escape(s.role), st.cell),
            Paragraph(when, st.cell),
        ]
        if self.signed_at is not None:
            lines.append(Paragraph(f"<i>{escape(label('signature_note'))}</i>", st.small))
        table = Table([[line] for line in lines], colWidths=[4.2 * 72], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                    ("BOX", (0, 0), (-1, -1), 0.8, layout.ACCENT),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, layout.ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 9),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("TOPPADDING", (0, 0), (-1, 0), 6),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
                ]
            )
        )

        def record(box: SignatureBox) -> None:
            self.signature_box = box

        closing = Paragraph(escape(label("closing")), st.body)
        return [Spacer(1, 8), KeepTogether([closing, _SignatureFlowable(table, record)])]

    def _cc_block(self) -> list[Flowable]:
        p = self.data.prescriber
        lines = [self._fmt_common("cc_line"), *[escape(line) for line in p.address_lines]]
        if p.phone:
            lines.append(f"{escape(self.tpl.label('phone'))} {escape(p.phone)}")
        body = "<br/>".join(lines)
        table = Table(
            [
                [
                    Paragraph(f"<b>{escape(self.tpl.label('cc'))}</b>", self.st.cell),
                    Paragraph(body, self.st.cell),
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

    def _fmt_common(self, name: str) -> str:
        return fill(self.tpl.fmt(None, name), self.values, where=f"common.yaml: {name}")


__all__ = ["RenderedLetter", "SignatureBox", "default_logo", "render_letter"]
