"""Tools > Policy impact: what a policy version (the committee's draft) would change.

The replay runs on a worker thread (`ReplayThread`, its own database connection
through `Desk.policy_impact`) with a progress bar and Cancel; the window stays
responsive. The result: a chart of the outcomes now and under the version, the
counts by kind of change and by clause, and a sortable table of the requests
(those whose outcome changes, or all). Members are named only for a reviewer who
ticks "Name the members". Exports: the committee packet (PDF) and CSV.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, QThread, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ixreview.ui.charts import chart_view, set_bars, write_private

OUTCOMES = ("meets_criteria", "does_not_meet_criteria", "needs_information")
OUTCOME_WORDS = {
    "meets_criteria": "Meets the criteria",
    "does_not_meet_criteria": "Does not meet",
    "needs_information": "Needs information",
    None: "Cannot be evaluated",
}
STATE_WORDS = {
    "draft": "In review",
    "referred": "Referred",
    "pended": "Pended",
    "decided": "Decided",
    "cancelled": "Cancelled",
}


def _clause_words(number: str) -> str:
    """ "clause 3.a" for a numbered clause; a heading ("Breast Cancer") as it is."""
    return f"clause {number}" if number[:1].isdigit() else number


class ReplayThread(QThread):
    """Runs one replay off the UI thread; `cancel()` stops it between batches."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    stopped = Signal()

    def __init__(self, desk: Any, policy: str, options: dict[str, Any]) -> None:
        super().__init__()
        self.desk, self.policy, self.options = desk, policy, options
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            report = self.desk.policy_impact(
                self.policy,
                progress=lambda done, total: self.progressed.emit(done, total),
                cancelled=lambda: self._cancel,
                **self.options,
            )
        except Exception as exc:  # DeskError: a message; a cancel also ends here
            if self._cancel:
                self.stopped.emit()
            else:
                self.failed.emit(str(exc))
            return
        self.succeeded.emit(report)


class ImpactDialog(QDialog):
    def __init__(self, desk: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.report: Any = None
        self.worker: ReplayThread | None = None
        self.setWindowTitle("Policy impact")
        self.resize(1180, 780)

        self.policy = QComboBox()
        from ixreview.domain.policies import all_policies

        for v in all_policies():
            label = f"{v.key} — {v.title}" + (" (draft)" if v.status == "draft" else "")
            self.policy.addItem(label, v.key)
        draft = self.policy.findData("BCBST-IXEMPRA@draft")
        self.policy.setCurrentIndex(max(draft, 0))
        self.use_period = QCheckBox("Received from")
        self.start = QDateEdit(QDate.currentDate().addYears(-1))
        self.end = QDateEdit(QDate.currentDate())
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        self.use_period.toggled.connect(self.start.setEnabled)
        self.use_period.toggled.connect(self.end.setEnabled)
        self.members = QCheckBox("Name the members")
        role = desk.workflow_role()
        may_name = bool(role is not None and getattr(role, "reviews", False))
        self.members.setEnabled(may_name)
        self.members.setToolTip(
            "Reviewers only: the table and the packet then name each member affected."
            if may_name
            else "Only a nurse or physician reviewer may see the members affected."
        )
        self.run_button = QPushButton("Replay")
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m requests")
        self.progress.setValue(0)

        top = QHBoxLayout()
        top.addWidget(QLabel("Policy version"))
        top.addWidget(self.policy, 1)
        top.addWidget(self.use_period)
        top.addWidget(self.start)
        top.addWidget(QLabel("to"))
        top.addWidget(self.end)
        top.addWidget(self.members)
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)

        self.summary = QLabel("Choose a policy version and press Replay.")
        self.summary.setWordWrap(True)
        self.chart = chart_view("Outcome now and under the revision")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.counts.setMinimumWidth(320)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.chart)
        upper.addWidget(self.counts)
        upper.setSizes([700, 420])

        self.model = QStandardItemModel(0, 0, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.changed_only = QCheckBox("Only requests whose outcome would change")
        self.changed_only.setChecked(True)
        self.changed_only.toggled.connect(self._fill_table)

        self.pdf_button = QPushButton("Committee packet (PDF)…")
        self.csv_button = QPushButton("Export CSV…")
        close = QPushButton("Close")
        for b in (self.pdf_button, self.csv_button):
            b.setEnabled(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.changed_only)
        bottom.addStretch(1)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.csv_button)
        bottom.addWidget(close)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.table)
        splitter.setSizes([330, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.run_button.clicked.connect(self.start_replay)
        self.cancel_button.clicked.connect(self.cancel_replay)
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        self.csv_button.clicked.connect(lambda: self._export("csv"))
        close.clicked.connect(self.reject)
        set_bars(self.chart, [OUTCOME_WORDS[o] for o in OUTCOMES], [])

    # -- running -------------------------------------------------------------------
    def _options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"members": self.members.isChecked()}
        if self.use_period.isChecked():
            options["start"] = date.fromisoformat(self.start.date().toString("yyyy-MM-dd"))
            options["end"] = date.fromisoformat(self.end.date().toString("yyyy-MM-dd"))
        return options

    def start_replay(self) -> None:
        if self.worker is not None:
            return
        self.worker = ReplayThread(self.desk, str(self.policy.currentData()), self._options())
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.stopped.connect(self._stopped)
        self.worker.finished.connect(self._thread_finished)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first batch reports its total
        self.summary.setText("Replaying the record…")
        self.worker.start()

    def cancel_replay(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText("Cancelling…")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _thread_finished(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _stopped(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary.setText("The replay was cancelled; nothing is shown.")

    def _failed(self, message: str) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary.setText(message)
        QMessageBox.warning(self, "Policy impact", message)

    def wait_for_replay(self, ms: int = 120_000) -> None:
        """Block until the worker ends (closing the dialog, tests)."""
        if self.worker is not None:
            self.worker.wait(ms)

    def closeEvent(self, event: Any) -> None:
        self.cancel_replay()
        self.wait_for_replay()
        super().closeEvent(event)

    def reject(self) -> None:
        self.cancel_replay()
        self.wait_for_replay()
        super().reject()

    # -- showing ---------------------------------------------------------------------
    def _done(self, report: Any) -> None:
        self.report = report
        total = len(report.rows)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(total)
        changed = len(report.changed_rows)
        self.summary.setText(
            f"<b>{report.policy}</b> ({report.status.replace('_', ' ')}): {total} requests "
            f"replayed with their facts as last saved or decided; <b>{changed}</b> would "
            f"change outcome ({report.members_affected} members)"
            + (f"; {report.not_evaluable} could not be evaluated" if report.not_evaluable else "")
            + ". Nothing was decided or changed."
        )
        matrix = report.matrix()
        now = [sum(n for (a, _b), n in matrix.items() if a == o) for o in OUTCOMES]
        under = [sum(n for (_a, b), n in matrix.items() if b == o) for o in OUTCOMES]
        set_bars(
            self.chart,
            [OUTCOME_WORDS[o] for o in OUTCOMES],
            [("Now", now), (f"Under {report.policy}", under)],
        )
        lines = ["<b>By kind of change</b>"]
        lines += [f"{n} · {kind}" for kind, n in report.by_change().items()] or ["none"]
        lines.append("<br><b>By clause</b> (requests whose outcome changes)")
        lines += [
            f"{n} · {_clause_words(report.clause_numbers.get(c, c))}"
            for c, n in report.by_clause().items()
        ] or ["none"]
        self.counts.setText("<br>".join(lines))
        self._fill_table()
        for b in (self.pdf_button, self.csv_button):
            b.setEnabled(True)

    def _fill_table(self) -> None:
        self.model.clear()
        report = self.report
        if report is None:
            return
        head = ["Reference", "Received", "Review", "Outcome now", "Under the revision",
                "Change", "Clauses that change"]  # fmt: skip
        if report.members_shown:
            head.insert(1, "Member")
        self.model.setHorizontalHeaderLabels(head)
        rows = report.changed_rows if self.changed_only.isChecked() else report.rows
        from ixreview.workflow.impact import STATUS_WORDS

        for r in rows:
            clauses = "; ".join(
                f"{report.clause_numbers.get(c, c)}: {STATUS_WORDS[a]} → {STATUS_WORDS[b]}"
                for c, a, b in r.changed_clauses
            )
            values = [r.reference, r.received_on, STATE_WORDS.get(r.state, r.state),
                      OUTCOME_WORDS[r.outcome_now], OUTCOME_WORDS[r.outcome_under],
                      r.change or "no change", clauses]  # fmt: skip
            if report.members_shown:
                values.insert(1, r.member or "")
            items = []
            for v in values:
                item = QStandardItem(v)
                item.setData(v, Qt.ItemDataRole.UserRole)
                items.append(item)
            self.model.appendRow(items)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    # -- exporting ---------------------------------------------------------------------
    def _export(self, fmt: str) -> None:
        if self.report is None:
            return
        kind = "PDF (*.pdf)" if fmt == "pdf" else "CSV (*.csv)"
        name = f"policy-impact-{self.report.policy.replace('@', '-')}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, "Save", name, kind)
        if path:
            self.save(Path(path), fmt)

    def save(self, path: Path, fmt: str) -> None:
        try:
            write_private(path, self.desk.impact_export(self.report, fmt))
        except Exception as exc:  # DeskError or OSError: say it, keep the dialog open
            QMessageBox.warning(self, "Policy impact", f"Not saved: {exc}")
            return
        self.summary.setText(self.summary.text() + f"<br>Saved {path.name}.")
