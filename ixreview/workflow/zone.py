"""The plan's time zone: the zone every time a reviewer reads is shown in.

A setting (`display.time_zone`, an IANA name such as "America/Chicago"); without it,
the computer's own zone. Times are stored as instants; only what is shown (queue,
review tab, letters) is turned into this zone, and always with the zone named, so a
time is never read as UTC unless UTC is the zone chosen.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from ixreview.workflow.errors import InvalidInput

if TYPE_CHECKING:
    from ixreview.store import Store
    from ixreview.workflow.accounts import Session

TIME_ZONE_SETTING = "display.time_zone"


def zone_named(name: str) -> ZoneInfo:
    """The zone called `name`; bad input names the field."""
    text = name.strip()
    try:
        if not text or text.startswith(("/", ".")) or ".." in text:
            raise ValueError(text)
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            "time zone",
            f'"{name}" is not a time zone name (for example America/Chicago, Europe/Stockholm '
            'or UTC; "computer" for this computer\'s zone)',
        ) from None


def plan_zone(store: Store) -> tzinfo | None:
    """The plan's zone, or None for the computer's own (with its summer time rules)."""
    raw = store.settings.get(TIME_ZONE_SETTING)
    if isinstance(raw, str) and raw.strip():
        try:
            return zone_named(raw)
        except InvalidInput:
            return None  # a hand-edited row that names no zone: the computer's
    return None


def in_zone(when: datetime, zone: tzinfo | None) -> datetime:
    """`when` (aware) as a wall-clock time of `zone` (None: the computer's zone)."""
    return when.astimezone(zone) if zone is not None else when.astimezone()


def shown(when: datetime, zone: tzinfo | None) -> str:
    """A time as a reviewer reads it: "2026-11-22 15:42 CST"."""
    local = in_zone(when, zone)
    return f"{local:%Y-%m-%d %H:%M} {zone_abbreviation(local)}"


def zone_abbreviation(local: datetime) -> str:
    """"CST", "CET", "UTC"; "UTC−06:00" where the zone has no letters of its own."""
    name = local.tzname() or ""
    if name and name.isalpha():
        return name
    offset = local.utcoffset()
    minutes = 0 if offset is None else int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_description(store: Store) -> str:
    """What the setting is, in words: "America/Chicago" or "this computer's (CET)"."""
    zone = plan_zone(store)
    if isinstance(zone, ZoneInfo):
        return zone.key
    return f"this computer's ({zone_abbreviation(datetime.now().astimezone())})"


def zone_names() -> list[str]:
    return sorted(n for n in available_timezones() if "/" in n or n == "UTC")


def set_time_zone(store: Store, session: Session, name: str | None) -> str | None:
    """An administrator sets the plan's zone (None or "computer": the computer's own);
    audited by the store. Returns the stored name."""
    from ixreview.workflow.records import administrator

    actor = administrator(store, session, "change the plan's time zone")
    key = None
    if name is not None and name.strip().casefold() not in ("", "computer", "local"):
        key = zone_named(name).key
    store.settings.set(TIME_ZONE_SETTING, key, actor=actor.id)
    return key
