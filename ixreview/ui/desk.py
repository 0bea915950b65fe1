"""The GUI's one door to the workflow layer (Anki's "collection" role).

Windows receive a `Desk` (never a global); every user action is one method here
that calls a workflow operation, so widgets hold no business logic. The desk never
imports the store (an import-linter contract): it holds the record opened through
`workflow.gate` and hands it to the workflow. The workflow and the store
(sqlite-utils, psycopg) are imported when the Desk is opened, after the sign-in
window is already on screen, which keeps start-up under a second.

Reviews are saved through `save_review` on every change; the store bumps a
revision per save and refuses a stale one (another window saved meanwhile), which
the GUI shows instead of "Saved".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ixreview.ui.desk_accounts import AccountsDesk
from ixreview.ui.desk_base import (
    DeskError,
    OpenReview,
    PastCase,
    desk_error,
)
from ixreview.ui.desk_decisions import DecisionsDesk
from ixreview.ui.desk_team import TeamDesk
from ixreview.workflow.errors import WorkflowError  # a small module: no store, no Qt

if TYPE_CHECKING:
    from ixreview.workflow.gate import Letter

__all__ = ["Desk", "DeskError", "OpenReview", "PastCase"]


class Desk(AccountsDesk, TeamDesk, DecisionsDesk):
    """The desk: accounts, reviews, working side by side and decisions (their modules),
    history, letters, settings and reports (here)."""

    @classmethod
    def open(cls, db: Path | str | None) -> Desk:
        from ixreview.workflow.gate import open_store  # the store: after the window is up

        try:
            return cls(open_store(db))
        except Exception as exc:  # StoreError and friends: a message, never a traceback
            raise DeskError(str(exc)) from None

    def history_fetcher(self, text: str, **filters: Any):  # type: ignore[no-untyped-def]
        from ixreview.workflow import records
        from ixreview.workflow.gate import HistoryQuery

        query = HistoryQuery(text=text.strip() or None, **filters)

        def fetch(after: str | None, limit: int) -> tuple[list[Any], str | None]:
            try:  # each page audited as viewed, as on the command line
                page = records.history_search(
                    self.store, self._session(), query, limit=limit, after=after
                )
            except WorkflowError as exc:
                raise DeskError(str(exc)) from None
            return page.rows, page.next_cursor

        return fetch

    def letters(self, reference: str) -> list[bytes]:
        return [letter.pdf for letter in self.letter_records(reference)]

    def letter_records(self, reference: str) -> list[Letter]:
        """Every signed letter of a request, oldest first (viewing them is audited)."""
        from ixreview.workflow import records
        from ixreview.workflow.gate import StoreError

        try:
            return list(records.view(self.store, self._session(), reference).letters)
        except (StoreError, WorkflowError) as exc:
            raise DeskError(str(exc)) from None

    def record_letter_output(self, letter: Letter, how: str, *, reprint: bool) -> None:
        """Audit a letter leaving the app: `how` is "printed" or "exported" (saved as a file).

        The details name ids only (never the path, which may carry a member's name).
        """
        from ixreview.workflow import letter_records

        try:
            letter_records.record_output(self.store, self._session(), letter, how, reprint=reprint)
        except WorkflowError as exc:
            raise desk_error(exc) from None

    def settings_form(self) -> dict[str, Any]:
        """The administrator's settings as the settings dialog shows them."""
        from ixreview.workflow import settings_form

        return settings_form.read(self.store)

    def save_settings_form(self, values: dict[str, Any]) -> None:
        """Check every value, then write them in one transaction (`workflow.settings_form`):
        a form with one bad field changes nothing."""
        from ixreview.workflow import settings_form

        if not self.is_admin:
            raise DeskError("only an administrator may change settings")
        try:
            settings_form.save(self.store, self._session(), values)
        except WorkflowError as exc:
            raise desk_error(exc) from None

    def policy_impact(self, policy: str, **options: Any) -> Any:
        """`workflow.impact.replay` (options: start, end, members, progress, cancelled).

        Safe on a worker thread: it opens its own connection to the same database
        (a SQLite connection belongs to the thread that opened it)."""
        from ixreview.workflow import impact
        from ixreview.workflow.gate import open_store

        try:
            with open_store(self.store.path, clock=self.store.now) as store:
                return impact.replay(store, self._session(), policy, **options)
        except WorkflowError as exc:
            raise desk_error(exc) from None

    def impact_export(self, report: Any, fmt: str) -> bytes:
        """The committee packet ("pdf") or the table ("csv") of a replay; audited."""
        import csv
        import io

        from ixreview.workflow import impact

        if fmt == "pdf":
            return impact.packet(self.store, self._session(), report)
        buffer = io.StringIO()
        csv.writer(buffer).writerows(report.csv_rows())
        impact.record_export(self.store, self._session(), report, "csv")
        return buffer.getvalue().encode("utf-8")

    def metrics(self, start: date, end: date, period: str) -> Any:
        from ixreview.workflow import metrics

        try:
            return metrics.metrics(
                self.store, self._session(), start=start, end=end,
                period=metrics.parse_period(period),
            )  # fmt: skip
        except WorkflowError as exc:
            raise desk_error(exc) from None

    def close(self) -> None:
        self.store.close()
