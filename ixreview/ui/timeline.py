"""A picture of the treatment history: each regimen, each progression, the resistance windows.

One row per prior regimen: a bar from first to last dose (to the request date
while ongoing), a red diamond at each progression, and for taxanes and
anthracyclines a shaded window after the last dose (taxane 12 / 4 months,
anthracycline 6 / 3 months, by setting). The verdict at the right of the row is
the domain's own (`ixreview.domain.resistance`), so the picture and the criteria
never disagree. A dashed line marks the date the request was received.

The label column is as wide as the longest label needs (font metrics), up to a
third of the widget; a label that still does not fit is elided and its row's
tooltip gives it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ixreview.domain.case import Case, Setting
from ixreview.domain.drugs import DrugClass
from ixreview.domain.resistance import WINDOWS, regimen_resistance, window_end
from ixreview.ui.colors import is_dark, tone

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
TOP = 28
LABEL_MIN_W = 120  # the label column: at least this, at most a third of the widget
LABEL_PAD = 12
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
            result = regimen_resistance(t, i, cls, case=case)  # as the engine reads it
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

    def small_font(self) -> QFont:
        """The font the picture's words are painted in (one size below the widget's)."""
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        return small

    def label_width(self) -> int:
        """The label column: the longest label's width, within bounds."""
        metrics = QFontMetrics(self.small_font())
        needed = max((metrics.horizontalAdvance(r.label) for r in self._rows), default=0)
        return max(LABEL_MIN_W, min(needed + LABEL_PAD, self.width() // 3))

    def shown_labels(self) -> list[str]:
        """Each row's label as painted: whole, or elided ("…") when it cannot fit."""
        room = self.label_width() - 8  # the painted label rectangle (4 px either side)
        metrics = QFontMetrics(self.small_font())
        return [
            metrics.elidedText(r.label, Qt.TextElideMode.ElideRight, room) for r in self._rows
        ]

    def tooltip_at(self, y: float) -> str:
        """The whole label and verdict of the row at height `y` ("" outside the rows)."""
        i = int((y - TOP) // ROW_H)
        if y < TOP or not 0 <= i < len(self._rows):
            return ""
        r = self._rows[i]
        return f"{r.label}: {r.verdict}" if r.verdict else r.label

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            text = self.tooltip_at(e.pos().y())
            if text:
                QToolTip.showText(e.globalPos(), text, self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

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
        text = pal.color(pal.ColorRole.Text)  # drawn on Base, so Base's text colour
        dark = is_dark(pal)
        alarm = tone("bad", pal)
        p.fillRect(self.rect(), pal.color(pal.ColorRole.Base))
        if not self._rows:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No prior regimens documented")
            return
        lo, hi = self._span()
        x0, x1 = self.label_width(), self.width() - VERDICT_W
        labels = self.shown_labels()
        days = max((hi - lo).days, 1)

        def x(d: date) -> float:
            return x0 + (x1 - x0) * (d - lo).days / days

        top = TOP
        bottom = top + ROW_H * len(self._rows)
        # Year grid.
        grid = QColor(text)
        grid.setAlpha(50)
        p.setFont(self.small_font())
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
                QRectF(4, y, x0 - 8, ROW_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                labels[i],
            )
            # On a dark background the class colours are lightened to stay visible.
            color = CLASS_COLORS[r.cls].lighter(150) if dark else CLASS_COLORS[r.cls]
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
                p.setPen(alarm if r.verdict == "resistant" else text)
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
