"""Status icons drawn in code (no image files to ship), coloured by a clause's effect on
the outcome (`letters.wording.effect`), with the letters' words ("Met", "Applies", "Does
not apply", ...): a green tick supports approval, a red cross stands against it, an amber
question mark is not documented, a grey dash has no effect (not applicable, or a route
not taken while another is met)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ixreview.domain.evaluation import ClauseResult, Truth
from ixreview.letters.templates import load_templates
from ixreview.letters.wording import Effect, effect, route_not_taken, status_key

COLORS = {
    Truth.MET: QColor(46, 140, 70),
    Truth.NOT_MET: QColor(200, 40, 40),
    Truth.UNKNOWN: QColor(210, 140, 0),
    Truth.NOT_APPLICABLE: QColor(140, 140, 140),
}
WORDS = {
    Truth.MET: "met",
    Truth.NOT_MET: "not met",
    Truth.UNKNOWN: "not documented",
    Truth.NOT_APPLICABLE: "does not apply",
}


@cache
def status_icon(status: Truth, size: int = 16) -> QIcon:
    pix = QPixmap(size * 2, size * 2)  # drawn at 2x for high-DPI screens
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size * 2
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(COLORS[status])
    p.drawEllipse(QRectF(1, 1, s - 2, s - 2))
    pen = QPen(QColor("white"), s / 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    if status == Truth.MET:
        p.drawPolyline(
            [QPointF(s * 0.27, s * 0.52), QPointF(s * 0.44, s * 0.68), QPointF(s * 0.73, s * 0.34)]
        )
    elif status == Truth.NOT_MET:
        p.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68))
        p.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68))
    elif status == Truth.UNKNOWN:
        font = p.font()
        font.setBold(True)
        font.setPixelSize(int(s * 0.7))
        p.setFont(font)
        p.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter, "?")
    else:
        p.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5))
    p.end()
    return QIcon(pix)


_EFFECT_STATUS = {
    Effect.SUPPORTS: Truth.MET,
    Effect.AGAINST: Truth.NOT_MET,
    Effect.UNDOCUMENTED: Truth.UNKNOWN,
    Effect.NONE: Truth.NOT_APPLICABLE,
}


@cache
def _status_words() -> dict[str, str]:
    return dict(load_templates().common.status)


def clause_words(c: ClauseResult, clauses: Sequence[ClauseResult] = ()) -> str:
    """The finding in the letters' words; a route not taken says so."""
    words = _status_words().get(status_key(c), WORDS[c.status])
    if clauses and route_not_taken(c, clauses):
        words += " (another route is met)"
    return words


def clause_icon(c: ClauseResult, clauses: Sequence[ClauseResult]) -> QIcon:
    """The icon for the clause's effect on the outcome (an exclusion that applies: red)."""
    return status_icon(_EFFECT_STATUS[effect(c, clauses)])
