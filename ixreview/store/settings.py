"""Key/value settings stored as JSON (decision clocks and whatever the app needs)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ixreview.store.clock import utc_iso
from ixreview.store.models import AuditAction, ClockSettings

if TYPE_CHECKING:
    from ixreview.store.store import Store

CLOCK_EXPEDITED_HOURS = "clock.expedited_hours"
CLOCK_STANDARD_DAYS = "clock.standard_days"


class Settings:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, key: str, default: Any = None) -> Any:
        row = self._store.conn.execute(
            "SELECT value_json FROM settings WHERE key = ?", (key,)
        ).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any, *, actor: int | None = None) -> None:
        text = json.dumps(value, sort_keys=True)
        with self._store.transaction():
            self._store.conn.execute(
                "INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json,"
                " updated_at = excluded.updated_at",
                (key, text, utc_iso(self._store.now())),
            )
            self._store.audit.append(
                AuditAction.CHANGED, "setting", key, actor=actor, details={"key": key}
            )

    def clocks(self) -> ClockSettings:
        default = ClockSettings()
        return ClockSettings(
            expedited_hours=float(self.get(CLOCK_EXPEDITED_HOURS, default.expedited_hours)),
            standard_days=float(self.get(CLOCK_STANDARD_DAYS, default.standard_days)),
        )

    def set_clocks(self, clocks: ClockSettings, *, actor: int | None = None) -> None:
        if clocks.expedited_hours <= 0 or clocks.standard_days <= 0:
            raise ValueError("decision clocks must be positive")
        with self._store.transaction():
            self.set(CLOCK_EXPEDITED_HOURS, clocks.expedited_hours, actor=actor)
            self.set(CLOCK_STANDARD_DAYS, clocks.standard_days, actor=actor)
