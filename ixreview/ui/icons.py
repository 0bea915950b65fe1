"""Status icons drawn in code (no image files to ship): met, not met, not documented, n/a."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from ixreview.domain.evaluation import Truth

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
