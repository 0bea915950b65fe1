"""The letter's sections in the template's order: headings, paragraphs, prose and signature.

Each section is a heading, paragraphs and a component, kept with what they
introduce (a heading never ends a page alone; the closing, signature and cc stay
with the section before them).

The kind's template lists the sections; `render_tables` builds the tables among
them and `render` lays the story out on pages. The signature block is a
component too: unsigned (a preview) or with the signer's printed name,
credentials, role, meaning and the signing time that `sign_letter` then uses
for the PAdES signature, so the printed time and the signed time are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ixreview.domain.evaluation import ClauseResult, ClauseRole
from ixreview.letters import layout, render_tables
from ixreview.letters.errors import LetterError
from ixreview.letters.fonts import REGULAR
from ixreview.letters.layout import FRAME_W, styles
from ixreview.letters.model import LetterData, denial_basis
from ixreview.letters.templates import Section, TemplateSet, fill
from ixreview.letters.values import format_datetime
from ixreview.letters.wording import Explainer, clause_citation, status_key


@dataclass(frozen=True)
class SignatureBox:
    """Where the printed signature block landed: 0-based page, PDF points (x1, y1, x2, y2)."""

    page: int
    box: tuple[float, float, float, float]


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


def _descendants(clauses: list[ClauseResult], root: str) -> list[ClauseResult]:
    """Clauses nested under `root`, in the evaluation's order."""
    inside = {root}
    out: list[ClauseResult] = []
    for clause in clauses:
        if clause.parent in inside:
            inside.add(clause.id)
            out.append(clause)
    return out


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


class LetterStory:
    """Builds the flowables of one letter, section by section (`story`)."""

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

    def fill(self, text: str) -> str:
        return fill(text, self.values, where=self.where)

    def fmt(self, name: str, extra: dict[str, object] | None = None) -> str:
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
            lead.append(Paragraph(self.fill(section.heading), self.st.heading))
        for text in section.paragraphs:
            lead.append(Paragraph(self.plain.explain(self.fill(text)), self.st.body))
        body = self._component(section.component) if section.component is not None else []
        return _keep_lead(lead, body)

    def _component(self, name: str) -> list[Flowable]:
        build: dict[str, Callable[[], list[Flowable]]] = {
            "re_block": lambda: render_tables.re_block(self),
            "criteria_table": lambda: render_tables.criteria_table(self),
            "policy_citation": self._policy_citation,
            "denial_reasons": self._denial_reasons,
            "what_would_change": self._what_would_change,
            "authorization_table": lambda: render_tables.authorization_table(self),
            "information_items": self._information_items,
            "signature": self._signature,
            "cc_block": lambda: render_tables.cc_block(self),
        }
        return build[name]()

    # -- components -------------------------------------------------------------------------


    # -- components that are prose, and the signature ---------------------------------------

    def status_text(self, clause: ClauseResult) -> str:
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
                Paragraph(self.fmt(f"{prefix}_wording", extra), self.st.quote)
            ]
            # A clause such as "Any of the following indications" means little without
            # the alternatives under it: quote them, each with its finding.
            for sub in _descendants(evaluation.clauses, clause.id):
                sub_values: dict[str, object] = {
                    "clause_number": sub.number or sub.id,
                    "clause_text": sub.text,
                    "status": self.status_text(sub),
                }
                style = self.st.quote_sub(max(sub.depth - clause.depth, 1))
                quote.append(Paragraph(self.fmt("sub_clause", sub_values), style))
            if len(quote) > 1:
                quote.append(Spacer(1, 4))
            label = self.fmt(f"{prefix}_clause", extra)
            # Flat (not KeepTogether): a long quotation may continue on the next page,
            # but the clause's title never ends a page on its own.
            title = Paragraph(f"<b>{label}</b>", self.st.clause_title)
            out += [
                title,
                *quote,
                Paragraph(self.plain.explain(self.fmt(f"{prefix}_text", extra)), self.st.body),
            ]
        return out

    def _what_would_change(self) -> list[Flowable]:
        assert self.data.denial is not None
        return [
            Paragraph(self.plain.explain(escape(item)), self.st.bullet, bulletText="•")
            for item in self.data.denial.what_would_change
        ]


    def _information_items(self) -> list[Flowable]:
        info = self.data.information
        assert info is not None
        return [
            Paragraph(
                self.plain.explain(
                    self.fmt("item_text", {"item": it.item, "why_needed": it.why_needed})
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


    def fmt_common(self, name: str) -> str:
        return fill(self.tpl.fmt(None, name), self.values, where=f"common.yaml: {name}")
