"""A picture of the treatment history: each regimen, each progression, the resistance windows.

One row per prior regimen: a bar from first to last dose (to the request date
while ongoing), a red diamond at each progression, and for taxanes and
anthracyclines a shaded window after the last dose (taxane 12 / 4 months,
anthracycline 6 / 3 months, by setting). The verdict at the right of the row is
the domain's own (`ixreview.domain.resistance`), so the picture and the criteria
never disagree. A dashed line marks the date the request was received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ixreview.domain.case import Case, Setting
from ixreview.domain.drugs import DrugClass
from ixreview.domain.resistance import WINDOWS, regimen_resistance, window_end

CLASS_COLORS = {
    DrugClass.TAXANE: QColor(52, 120, 205),
    DrugClass.ANTHRACYCLINE: QColor(150, 70, 170),
    DrugClass.CAPECITABINE: QColor(40, 150, 120),
    DrugClass.TRASTUZUMAB: QColor(200, 120, 40),
    DrugClass.ENDOCRINE: QColor(120, 130, 60),
    DrugClass.OTHER: QColor(120, 120, 120),
}
PROGRESSION = QColor(205, 40, 40)
ROW_H = 34
LABEL_W = 200
VERDICT_W = 130


@dataclass(frozen=True)
class Row:
    label: str
    cls: DrugClass
    start: date | None
    end: date | None  # None: ongoing
    progression: date | None
    progressed_on_therapy: bool
    window: tuple[date, date, int] | None  # (from, to, months)
    verdict: str


def rows_for(case: Case) -> list[Row]:
    out = []
    for i, t in enumerate(case.prior_therapies or []):
        cls = t.resolved_class
        window = None
        verdict = ""
        if cls in WINDOWS:
            early, metastatic = WINDOWS[cls]
            months = metastatic if t.setting == Setting.METASTATIC else early
            if t.end is not None:
                window = (t.end, window_end(t.end, months), months)
            result = regimen_resistance(t, i, cls)
            verdict = {True: "resistant", False: "not resistant", None: "not documented"}[
                result.value
            ]
        setting = t.setting.value if t.setting else "setting ?"
        out.append(
            Row(
                f"{t.agent} ({setting})",
                cls,
                t.start,
                t.end,
                t.progression_date,
                bool(t.progressed_on_therapy),
                window,
                verdict,
            )
        )
    return out


class TimelineWidget(QWidget):
    """Paints `rows_for(case)`; call `set_case` whenever the answers change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._received: date | None = None
        self.setAccessibleName("Treatment timeline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(420)

    def set_case(self, case: Case | None) -> None:
        self._rows = rows_for(case) if case else []
        self._received = case.received_on if case else None
        self.setAccessibleDescription(
            "; ".join(f"{r.label}: {r.verdict}" for r in self._rows if r.verdict)
        )
        self.updateGeometry()
        self.update()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def sizeHint(self) -> QSize:
        return QSize(640, 28 + ROW_H * max(1, len(self._rows)) + 44)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _span(self) -> tuple[date, date]:
        dates = [self._received] if self._received else []
        for r in self._rows:
            dates += [d for d in (r.start, r.end, r.progression) if d]
            if r.window:
                dates.append(r.window[1])
        if not dates:
            today = date.today()
            return date(today.year - 1, 1, 1), date(today.year + 1, 1, 1)
        lo, hi = min(dates), max(dates)
        return date(lo.year, 1, 1), date(hi.year + 1, 1, 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        p.fillRect(self.rect(), pal.color(pal.ColorRole.Base))
        if not self._rows:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No prior regimens documented")
            return
        lo, hi = self._span()
        x0, x1 = LABEL_W, self.width() - VERDICT_W
        days = max((hi - lo).days, 1)

        def x(d: date) -> float:
            return x0 + (x1 - x0) * (d - lo).days / days

        top = 28
        bottom = top + ROW_H * len(self._rows)
        # Year grid.
        grid = QColor(text)
        grid.setAlpha(50)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        p.setFont(small)
        for year in range(lo.year, hi.year + 1):
            gx = x(date(year, 1, 1))
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(gx, top - 4), QPointF(gx, bottom))
            p.setPen(text)
            p.drawText(QPointF(gx + 3, top - 8), str(year))
        for i, r in enumerate(self._rows):
            y = top + i * ROW_H
            mid = y + ROW_H / 2
            p.setPen(text)
            p.drawText(
                QRectF(4, y, LABEL_W - 8, ROW_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                r.label,
            )
            color = CLASS_COLORS[r.cls]
            if r.window:
                shade = QColor(color)
                shade.setAlpha(45)
                wx0, wx1 = x(r.window[0]), x(r.window[1])
                p.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
                p.setBrush(QBrush(shade))
                p.drawRect(QRectF(wx0, y + 5, max(wx1 - wx0, 1), ROW_H - 10))
                p.setPen(color)
                p.drawText(
                    QRectF(wx0 + 3, y + 5, max(wx1 - wx0, 60), ROW_H - 10),
                    Qt.AlignmentFlag.AlignVCenter,
                    f"{r.window[2]} mo",
                )
            if r.start:
                end = r.end or self._received or r.start
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(
                    QRectF(x(r.start), mid - 5, max(x(end) - x(r.start), 3), 10), 3, 3
                )
            if r.progression or (r.progressed_on_therapy and r.end):
                when = r.progression or r.end
                assert when is not None
                px = x(when)
                diamond = QPolygonF(
                    [
                        QPointF(px, mid - 8),
                        QPointF(px + 7, mid),
                        QPointF(px, mid + 8),
                        QPointF(px - 7, mid),
                    ]
                )
                p.setPen(QPen(PROGRESSION.darker(130), 1))
                p.setBrush(PROGRESSION)
                p.drawPolygon(diamond)
            if r.verdict:
                p.setPen(PROGRESSION if r.verdict == "resistant" else text)
                p.drawText(
                    QRectF(x1 + 8, y, VERDICT_W - 10, ROW_H),
                    Qt.AlignmentFlag.AlignVCenter,
                    ("✔ " if r.verdict == "resistant" else "✘ ") + r.verdict,
                )
        if self._received:
            rx = x(self._received)
            p.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(rx, top - 4), QPointF(rx, bottom + 4))
            p.drawText(QPointF(rx - 24, bottom + 16), "request")
        p.setPen(text)
        p.drawText(
            QPointF(4, bottom + 34),
            "bar: on therapy   ◆ progression   shaded: resistance window",
        )
        p.end()
