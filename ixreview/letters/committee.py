"""The policy committee's packet: what a policy revision would change on the record,
as a PDF (reportlab) to circulate before the committee decides whether to adopt it.

Input is plain data (`PacketData`), built by the caller from the replay: the chart
(outcome now vs under the revision, drawn as vectors), the counts by kind of
change and by clause, the table of requests whose outcome would change, and a
sign-off block (prepared by, then the committee's decision, chair and date).
Members appear only when the reviewer asked for them (`PacketRow.member`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from ixreview.letters.fonts import BOLD, register_fonts

NOW_COLOUR = colors.HexColor("#4a6fa5")
UNDER_COLOUR = colors.HexColor("#d08c2b")


@dataclass(frozen=True)
class PacketRow:
    reference: str
    received_on: str
    outcome_now: str  # in words
    outcome_under: str
    clauses: str  # the changed clauses in words
    member: str | None = None


@dataclass(frozen=True)
class PacketData:
    plan: str
    policy: str  # "BCBST-IXEMPRA@draft"
    title: str
    status: str  # "draft" or "in force"
    period: str  # "all requests on record" or "received 2026-01-01 to 2026-06-30"
    prepared_by: str  # full name with credentials
    prepared_on: str  # date
    requests: int
    changed: int
    members_affected: int
    not_evaluable: int
    outcomes: list[str]  # chart categories, in words
    now_counts: list[int]
    under_counts: list[int]
    by_change: list[tuple[str, int]]
    by_clause: list[tuple[str, int]]  # clause number and words, count
    rows: list[PacketRow] = field(default_factory=list)
    members_shown: bool = False


def _styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=15, leading=19),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8.5, leading=10.5),
    }


def _chart(data: PacketData) -> Drawing:
    font = register_fonts()
    drawing = Drawing(7.2 * inch, 2.9 * inch)
    chart = VerticalBarChart()
    chart.x, chart.y = 0.6 * inch, 0.45 * inch
    chart.width, chart.height = 4.6 * inch, 2.0 * inch
    chart.data = [data.now_counts, data.under_counts]
    chart.categoryAxis.categoryNames = data.outcomes
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    top = max([*data.now_counts, *data.under_counts, 1])
    chart.valueAxis.valueStep = max(1, -(-top // 5))  # whole requests on the axis
    chart.bars[0].fillColor = NOW_COLOUR
    chart.bars[1].fillColor = UNDER_COLOUR
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 6
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 5.4 * inch, 2.2 * inch
    legend.fontName = font
    legend.fontSize = 8
    legend.colorNamePairs = [(NOW_COLOUR, "Now"), (UNDER_COLOUR, f"Under {data.policy}")]
    drawing.add(legend)
    drawing.add(
        String(
            0.6 * inch, 2.72 * inch, "Outcome of the requests on record", fontName=BOLD, fontSize=9
        )
    )
    return drawing


def _table(rows: list[list[Flowable | str]], widths: list[float], *, long: bool = False) -> Table:
    cls = LongTable if long else Table
    table = cls(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f3f3")]),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def render_packet(data: PacketData) -> bytes:
    """The committee packet as PDF bytes (US Letter, landscape, numbered pages)."""
    s = _styles()
    P = Paragraph

    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    story: list[Flowable] = [
        P(f"Policy impact: {esc(data.policy)}", s["title"]),
        P(f"{esc(data.title)} ({esc(data.status)}).", s["body"])
        if not data.plan
        else P(f"{esc(data.title)} ({esc(data.status)}). {esc(data.plan)}.", s["body"]),
        P(
            f"Requests: {esc(data.period)}. Each request is evaluated with its facts as last "
            "saved or decided, under the version it is reviewed under now and under this "
            "version. Nothing was decided or changed.",
            s["body"],
        ),
        Spacer(1, 6),
        P(
            f"<b>{data.requests}</b> requests replayed; <b>{data.changed}</b> would change "
            f"outcome (<b>{data.members_affected}</b> members); {data.not_evaluable} could not "
            "be evaluated.",
            s["body"],
        ),
        _chart(data),
    ]
    counts: list[Flowable] = []
    if data.by_change:
        rows: list[list[Flowable | str]] = [
            [P("Change of outcome", s["head"]), P("Requests", s["head"])]
        ]
        rows += [[P(esc(k), s["cell"]), str(n)] for k, n in data.by_change]
        counts.append(P("By kind of change", s["h2"]))
        counts.append(_table(rows, [5.0 * inch, 1.0 * inch]))
    if data.by_clause:
        rows = [[P("Clause whose status changes", s["head"]), P("Requests", s["head"])]]
        rows += [[P(esc(k), s["cell"]), str(n)] for k, n in data.by_clause]
        counts.append(P("By clause (requests whose outcome changes)", s["h2"]))
        counts.append(_table(rows, [5.0 * inch, 1.0 * inch]))
    story += counts
    story.append(P("Requests whose outcome would change", s["h2"]))
    if not data.rows:
        story.append(P("None.", s["body"]))
    else:
        head = ["Reference", "Received", "Now", "Under the revision", "Clauses that change"]
        widths = [1.25 * inch, 0.85 * inch, 1.45 * inch, 1.45 * inch, 4.5 * inch]
        if data.members_shown:
            head.insert(1, "Member")
            widths = [1.2 * inch, 1.3 * inch, 0.8 * inch, 1.3 * inch, 1.3 * inch, 3.6 * inch]
        table_rows: list[list[Flowable | str]] = [[P(h, s["head"]) for h in head]]
        for r in data.rows:
            cells = [r.reference, r.received_on, r.outcome_now, r.outcome_under, r.clauses]
            if data.members_shown:
                cells.insert(1, r.member or "")
            table_rows.append([P(esc(c), s["cell"]) for c in cells])
        story.append(_table(table_rows, widths, long=True))
    story.append(
        KeepTogether(
            [
                P("Sign-off", s["h2"]),
                P(f"Prepared by {esc(data.prepared_by)} on {esc(data.prepared_on)}.", s["body"]),
                Spacer(1, 8),
                P(
                    "Committee decision:  ☐ adopt the revision   ☐ do not adopt   "
                    "☐ adopt with changes",
                    s["body"],
                ),
                Spacer(1, 22),
                P("Chair: ______________________________    Date: ________________", s["body"]),
            ]
        )
    )
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(LETTER),
        leftMargin=0.6 * inch,
        rightMargin=0.6 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
        title=f"Policy impact: {data.policy}",
        author=data.plan,
    )

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(register_fonts(), 8)
        canvas.drawString(
            0.6 * inch,
            0.35 * inch,
            f"Policy impact {data.policy} · {data.prepared_on} · Page {doc.page}",
        )
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
