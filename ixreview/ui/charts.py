"""Small QtCharts builders shared by the policy impact and metrics dialogs, and the
file helpers both use to save what they show (owner-only, never over a symlink)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette

# Colour-blind-safe (Okabe-Ito) series colours, readable on light and dark palettes.
SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]


def chart_view(title: str) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    return view


def _reset(view: QChartView) -> QChart:
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    return chart


def set_bars(
    view: QChartView,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    stacked: bool = False,
) -> None:
    """Replace the chart's content with bars: one set per (name, values)."""
    chart = _reset(view)
    bars: QAbstractBarSeries = QStackedBarSeries() if stacked else QBarSeries()
    top = 0.0
    for i, (name, values) in enumerate(series):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)]))
        bar_set.append([float(v) for v in values])
        bar_set.setLabelColor(view.palette().color(QPalette.ColorRole.WindowText))
        bars.append(bar_set)
        top = max(top, *(float(v) for v in values)) if values else top
    if stacked and series:
        top = max((sum(float(s[1][k]) for s in series) for k in range(len(categories))), default=0)
    bars.setLabelsVisible(not stacked and len(categories) <= 12)
    bars.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(bars)
    x = QBarCategoryAxis()
    x.append(list(categories))
    y = QValueAxis()
    y.setRange(0, max(4.0, top * 1.15))
    y.applyNiceNumbers()  # ticks on round numbers
    y.setLabelFormat("%d")
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(x)
    bars.attachAxis(y)
    chart.legend().setVisible(len(series) > 1)


def set_lines(
    view: QChartView,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    unit: str,
) -> None:
    """Replace the chart's content with one line per (name, values); None is a gap."""
    chart = _reset(view)
    x = QBarCategoryAxis()
    x.append(list(categories))
    y = QValueAxis()
    y.setTitleText(unit)
    top = 0.0
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for i, (name, values) in enumerate(series):
        line = QLineSeries()
        line.setName(name)
        line.setColor(QColor(SERIES_COLOURS[i % len(SERIES_COLOURS)]))
        line.setPointsVisible(True)
        for k, v in enumerate(values):
            if v is not None:
                line.append(QPointF(k, float(v)))
                top = max(top, float(v))
        chart.addSeries(line)
        line.attachAxis(x)
        line.attachAxis(y)
    y.setRange(0, max(1.0, top * 1.15))
    y.applyNiceNumbers()
    y.setLabelFormat("%d")
    chart.legend().setVisible(True)


def write_private(path: Path, data: bytes) -> None:
    """A new owner-only file; an existing file is replaced (the save dialog asked),
    a symlink at the path is removed, never followed."""
    if path.is_symlink():
        path.unlink()
    tmp = path.with_name(f".{path.name}.partial")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
