"""The GUI's one door to the store and the workflow layer (Anki's "collection" role).

Windows receive a `Desk` (never a global); every user action is one method here
that calls the store or a workflow operation, so widgets hold no business logic.
The store (sqlite-utils) and workflow are imported when the Desk is opened, after
the sign-in window is already on screen, which keeps start-up under a second.

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
    check_plan_policies,
    desk_error,
)
from ixreview.ui.desk_decisions import DecisionsDesk
from ixreview.ui.desk_team import TeamDesk

if TYPE_CHECKING:
    from ixreview.store.models import Letter

__all__ = ["Desk", "DeskError", "OpenReview", "PastCase", "check_plan_policies"]


class Desk(AccountsDesk, TeamDesk, DecisionsDesk):
    """The desk: accounts, reviews, working side by side and decisions (their modules),
    history, letters, settings and reports (here)."""

    @classmethod
    def open(cls, db: Path | str | None) -> Desk:
        from ixreview.store.store import open_store  # sqlite-utils: after the window is up

        try:
            return cls(open_store(db))
        except Exception as exc:  # StoreError and friends: a message, never a traceback
            raise DeskError(str(exc)) from None

    def history_fetcher(self, text: str, **filters: Any):  # type: ignore[no-untyped-def]
        from ixreview.store.history import HistoryQuery

        query = HistoryQuery(text=text.strip() or None, **filters)

        def fetch(after: str | None, limit: int) -> tuple[list[Any], str | None]:
            page = self.store.history.search(query, limit=limit, after=after)
            return page.rows, page.next_cursor

        return fetch

    def letters(self, reference: str) -> list[bytes]:
        return [letter.pdf for letter in self.letter_records(reference)]

    def letter_records(self, reference: str) -> list[Letter]:
        """Every signed letter of a request, oldest first (viewing them is audited)."""
        from ixreview.store.errors import StoreError

        try:
            return list(self.store.view_request(reference, actor=self.actor).letters)
        except StoreError as exc:
            raise DeskError(str(exc)) from None

    def record_letter_output(self, letter: Letter, how: str, *, reprint: bool) -> None:
        """Audit a letter leaving the app: `how` is "printed" or "exported" (saved as a file).

        The details name ids only (never the path, which may carry a member's name).
        """
        from ixreview.store.models import AuditAction

        action = {"printed": AuditAction.PRINTED, "exported": AuditAction.EXPORTED}[how]
        self.store.audit.append(
            action,
            "letter",
            letter.id,
            actor=self.actor,
            details={
                "determination_id": letter.determination_id,
                "kind": letter.kind,
                "reprint": reprint,
                "via": "gui",
            },
        )

    def settings_form(self) -> dict[str, Any]:
        """The administrator's settings as the settings dialog shows them."""
        from ixreview.store.intake import PLAN_POLICY_SETTING
        from ixreview.workflow.letterdata import LETTERHEAD_SETTING
        from ixreview.workflow.operations import DEFAULT_POLICY_SETTING
        from ixreview.workflow.plan_rules import DEFAULT_MONTHS_SETTING
        from ixreview.workflow.zone import TIME_ZONE_SETTING

        head = self.setting(LETTERHEAD_SETTING) or {}
        return {
            "plan_name": head.get("name"),
            "plan_address": head.get("address_lines"),
            "plan_phone": head.get("phone"),
            "plan_logo": head.get("logo_path"),
            "expedited_hours": self.setting("clock.expedited_hours"),
            "standard_days": self.setting("clock.standard_days"),
            "authorization_months": self.setting(DEFAULT_MONTHS_SETTING),
            "idle_minutes": self.setting("idle_lock_minutes"),
            "default_policy": self.setting(DEFAULT_POLICY_SETTING),
            "plan_policies": self.setting(PLAN_POLICY_SETTING) or {},
            "time_zone": self.setting(TIME_ZONE_SETTING),
        }

    def save_settings_form(self, values: dict[str, Any]) -> None:
        """Write the dialog's values in one transaction; the letterhead is validated first."""
        from pydantic import ValidationError

        from ixreview.letters.model import PlanLetterhead
        from ixreview.store.intake import PLAN_POLICY_SETTING
        from ixreview.workflow.letterdata import set_letterhead
        from ixreview.workflow.operations import DEFAULT_POLICY_SETTING
        from ixreview.workflow.plan_rules import DEFAULT_MONTHS_SETTING
        from ixreview.workflow.zone import TIME_ZONE_SETTING, zone_named

        if not self.is_admin:
            raise DeskError("only an administrator may change settings")
        check_plan_policies(values.get("plan_policies"))
        head = None
        if values.get("plan_name"):
            try:
                head = PlanLetterhead(
                    name=values["plan_name"],
                    address_lines=values.get("plan_address") or [],
                    phone=values.get("plan_phone") or "",
                    logo_path=values.get("plan_logo") or None,
                )
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise DeskError(f"letterhead {where}: {first['msg']}") from None
        keys = {
            "expedited_hours": "clock.expedited_hours",
            "standard_days": "clock.standard_days",
            "authorization_months": DEFAULT_MONTHS_SETTING,
            "idle_minutes": "idle_lock_minutes",
            "default_policy": DEFAULT_POLICY_SETTING,
            "plan_policies": PLAN_POLICY_SETTING,
        }
        with self.store.transaction():
            if head is not None:
                set_letterhead(self.store, head, actor=self.actor)
            for name, key in keys.items():
                if values.get(name) is not None:
                    self.store.settings.set(key, values[name], actor=self.actor)
            if "time_zone" in values and values["time_zone"] != self.setting(TIME_ZONE_SETTING):
                zone = values["time_zone"]
                self.store.settings.set(
                    TIME_ZONE_SETTING, zone_named(zone).key if zone else None, actor=self.actor
                )

    def policy_impact(self, policy: str, **options: Any) -> Any:
        """`workflow.impact.replay` (options: start, end, members, progress, cancelled).

        Safe on a worker thread: it opens its own connection to the same database
        (a SQLite connection belongs to the thread that opened it)."""
        from ixreview.store.store import open_store
        from ixreview.workflow import impact
        from ixreview.workflow.errors import WorkflowError

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
        from ixreview.workflow.errors import WorkflowError

        try:
            return metrics.metrics(
                self.store, self._session(), start=start, end=end,
                period=metrics.parse_period(period),
            )  # fmt: skip
        except WorkflowError as exc:
            raise desk_error(exc) from None

    def close(self) -> None:
        self.store.close()
