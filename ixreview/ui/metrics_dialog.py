"""Tools > Metrics: how the desk's prior authorizations go, over a chosen period.

Charts (QtCharts): determinations per period (approved, denied, pended, cancelled)
for standard or expedited requests, and the median hours from receipt to a
decision, standard and expedited apart; a table of every figure; overdue now and
the counts per reviewer (full names with credentials). Exports: PNG (the charts as
shown) and CSV (the table for the plan's public report). The query is a few index
scans (well under a second on a million determinations), so it runs in place.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QDate, QIODevice, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ixreview.ui.charts import chart_view, set_bars, set_lines, write_private
from ixreview.ui.words import day

KINDS = ("approved", "denied", "pended", "cancelled")


class MetricsDialog(QDialog):
    def __init__(self, desk: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.report: Any = None
        self.setWindowTitle("Utilization-management metrics")
        self.resize(1180, 800)
        today = QDate.currentDate()
        self.start = QDateEdit(QDate(today.year(), 1, 1))
        self.end = QDateEdit(today)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.period = QComboBox()
        for word in ("month", "quarter", "year", "all"):
            self.period.addItem("whole range" if word == "all" else f"per {word}", word)
        self.urgency = QComboBox()
        self.urgency.addItem("Standard requests", "standard")
        self.urgency.addItem("Expedited requests", "expedited")
        self.refresh_button = QPushButton("Show")
        self.refresh_button.setDefault(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("From"))
        top.addWidget(self.start)
        top.addWidget(QLabel("to"))
        top.addWidget(self.end)
        top.addWidget(self.period)
        top.addWidget(self.urgency)
        top.addWidget(self.refresh_button)
        top.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.decisions = chart_view("Determinations")
        self.times = chart_view("Median hours from receipt to decision")
        self.charts = QSplitter(Qt.Orientation.Horizontal)
        self.charts.addWidget(self.decisions)
        self.charts.addWidget(self.times)

        self.model = QStandardItemModel(self)
        self.table = _table(self.model)
        self.reviewer_model = QStandardItemModel(self)
        self.reviewers = _table(self.reviewer_model)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.table)
        lower.addWidget(self.reviewers)
        lower.setSizes([820, 340])

        self.png_button = QPushButton("Save charts (PNG)…")
        self.csv_button = QPushButton("Export CSV…")
        close = QPushButton("Close")
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.png_button)
        bottom.addWidget(self.csv_button)
        bottom.addWidget(close)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.charts)
        splitter.addWidget(lower)
        splitter.setSizes([360, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.refresh_button.clicked.connect(self.refresh)
        self.urgency.currentIndexChanged.connect(self._draw)
        self.png_button.clicked.connect(lambda: self._export("png"))
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        close.clicked.connect(self.reject)

    def set_range(self, start: date, end: date, period: str = "month") -> None:
        self.start.setDate(QDate(start.year, start.month, start.day))
        self.end.setDate(QDate(end.year, end.month, end.day))
        self.period.setCurrentIndex(self.period.findData(period))

    def refresh(self) -> None:
        start = date.fromisoformat(self.start.date().toString("yyyy-MM-dd"))
        end = date.fromisoformat(self.end.date().toString("yyyy-MM-dd"))
        try:
            self.report = self.desk.metrics(start, end, str(self.period.currentData()))
        except Exception as exc:  # DeskError: the message names the field
            self.summary.setText(str(exc))
            QMessageBox.warning(self, "Metrics", str(exc))
            return
        self._draw()

    def _draw(self) -> None:
        report = self.report
        if report is None:
            return
        urgency = str(self.urgency.currentData())
        labels = [p.label for p in report.periods]
        figures = [p.by_urgency[urgency] for p in report.periods]
        set_bars(
            self.decisions,
            labels,
            [(k.capitalize(), [getattr(f, k) for f in figures]) for k in KINDS],
            stacked=True,
        )
        self.decisions.chart().setTitle(f"Determinations, {urgency} requests")
        set_lines(
            self.times,
            labels,
            [
                (u.capitalize(), [p.by_urgency[u].median_hours for p in report.periods])
                for u in ("standard", "expedited")
            ],
            "hours",
        )
        overdue = report.overdue_now
        totals = {u: sum(p.by_urgency[u].decided for p in report.periods) for u in overdue}
        self.summary.setText(
            f"{day(report.start)} to {day(report.end)}: {totals['standard']} standard and "
            f"{totals['expedited']} expedited requests decided. Overdue now: "
            f"<b>{overdue['standard']}</b> standard, <b>{overdue['expedited']}</b> expedited."
        )
        rows = report.csv_rows()
        self.model.clear()
        self.model.setHorizontalHeaderLabels([h.capitalize() for h in rows[0]])
        shares = {i for i, h in enumerate(rows[0]) if "share" in h}
        for row in rows[1:]:
            self.model.appendRow(
                [_item(f"{float(v):.0%}" if i in shares and v else v) for i, v in enumerate(row)]
            )
        self.reviewer_model.clear()
        self.reviewer_model.setHorizontalHeaderLabels(
            ["Reviewer", "Approved", "Denied", "Pended", "Cancelled"]
        )
        for r in report.reviewers:
            values = [r.reviewer, r.approved, r.denied, r.pended, r.cancelled]
            self.reviewer_model.appendRow([_item(v) for v in values])
        for table in (self.table, self.reviewers):
            table.resizeColumnsToContents()

    # -- exporting ---------------------------------------------------------------------
    def png_bytes(self) -> bytes:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.charts.grab().save(buffer, "PNG")
        return bytes(buffer.data().data())

    def csv_bytes(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerows(self.report.csv_rows())
        writer.writerow([])
        writer.writerow(["reviewer", "approved", "denied", "pended", "cancelled"])
        for r in self.report.reviewers:
            writer.writerow([r.reviewer, r.approved, r.denied, r.pended, r.cancelled])
        return out.getvalue().encode("utf-8")

    def _export(self, fmt: str) -> None:
        if self.report is None:
            return
        kind = "PNG image (*.png)" if fmt == "png" else "CSV (*.csv)"
        name = f"metrics-{self.report.start}-{self.report.end}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, "Save", name, kind)
        if path:
            self.save(Path(path), fmt)

    def save(self, path: Path, fmt: str) -> None:
        try:
            write_private(path, self.png_bytes() if fmt == "png" else self.csv_bytes())
        except OSError as exc:
            QMessageBox.warning(self, "Metrics", f"Not saved: {exc}")


def _table(model: QStandardItemModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _item(value: object) -> QStandardItem:
    item = QStandardItem("" if value is None else str(value))
    try:
        number = float(str(value).rstrip("%"))  # figures sort as numbers, not as text
    except ValueError:
        return item
    if str(value).endswith("%"):
        item.setData(number, Qt.ItemDataRole.UserRole)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item
    if isinstance(value, (int, float)) or str(value).replace(".", "", 1).isdigit():
        item.setData(number, Qt.ItemDataRole.DisplayRole)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
