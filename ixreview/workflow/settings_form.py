"""The administrator's settings form (the desk's Settings dialog) read and saved whole.

Every value is checked before anything is written, then all are written in one
transaction: a form with one bad field changes nothing. The command line sets the
same keys one at a time (`plan_settings`, `plan_rules`, `zone`, `letterdata`);
the ranges here are theirs. Values left out (or None) keep what is stored, except
the time zone, where None means the computer's own.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ixreview.store.intake import PLAN_POLICY_SETTING
from ixreview.store.settings import CLOCK_EXPEDITED_HOURS, CLOCK_STANDARD_DAYS
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.idle import SETTING_KEY as IDLE_MINUTES_SETTING
from ixreview.workflow.letterdata import LETTERHEAD_SETTING
from ixreview.workflow.operations import DEFAULT_POLICY_SETTING
from ixreview.workflow.plan_rules import (
    DEFAULT_MONTHS_SETTING,
    LAB_AGE_RANGE,
    LAB_AGE_SETTING,
    MONTHS_RANGE,
)
from ixreview.workflow.zone import TIME_ZONE_SETTING

if TYPE_CHECKING:
    from ixreview.store import Store
    from ixreview.workflow.accounts import Session

# form name -> (setting key, words for messages, lowest, highest, whole numbers only)
NUMBERS: dict[str, tuple[str, str, float, float, bool]] = {
    # CMS expedited clock is 72 hours; some states ask 24. A week is the most any asks.
    "expedited_hours": (CLOCK_EXPEDITED_HOURS, "expedited clock (hours)", 1, 168, False),
    # Standard: 7 days (CMS-0057-F, 2026) to 15 (commercial); a month at most.
    "standard_days": (CLOCK_STANDARD_DAYS, "standard clock (days)", 1, 30, False),
    "authorization_months": (DEFAULT_MONTHS_SETTING, "authorization months", *MONTHS_RANGE, True),
    "lab_age_days": (LAB_AGE_SETTING, "lab age limit (days)", *LAB_AGE_RANGE, True),
    "idle_minutes": (IDLE_MINUTES_SETTING, "idle lock (minutes)", 1, 24 * 60, True),
}


def defaults() -> dict[str, int]:
    """What applies while a number is not set (the dialog shows it in the empty field)."""
    from ixreview.domain.clock import DEFAULT_RULES, PlanType
    from ixreview.domain.engine import DEFAULT_AUTHORIZATION_MONTHS
    from ixreview.domain.limits import LAB_MAX_AGE_DAYS
    from ixreview.workflow.idle import DEFAULT_IDLE_MINUTES

    commercial = DEFAULT_RULES[PlanType.COMMERCIAL]
    return {
        "expedited_hours": int(commercial.expedited.total_seconds() // 3600),
        "standard_days": commercial.standard.days,
        "authorization_months": DEFAULT_AUTHORIZATION_MONTHS,
        "lab_age_days": LAB_MAX_AGE_DAYS,
        "idle_minutes": DEFAULT_IDLE_MINUTES,
    }


LETTERHEAD_FIELDS = {
    "plan_name": "name",
    "plan_address": "address_lines",
    "plan_phone": "phone",
    "plan_logo": "logo_path",
}


def read(store: Store) -> dict[str, Any]:
    """The settings as the form shows them (None: not set). They hold no PHI."""
    head = store.settings.get(LETTERHEAD_SETTING) or {}
    values: dict[str, Any] = {name: head.get(key) for name, key in LETTERHEAD_FIELDS.items()}
    values |= {name: store.settings.get(spec[0]) for name, spec in NUMBERS.items()}
    values["default_policy"] = store.settings.get(DEFAULT_POLICY_SETTING)
    values["plan_policies"] = store.settings.get(PLAN_POLICY_SETTING) or {}
    values["time_zone"] = store.settings.get(TIME_ZONE_SETTING)
    return values


def save(store: Store, session: Session, values: dict[str, Any]) -> None:
    """Check every value, then write them in one transaction (audited per key by the store).

    Raises InvalidInput naming the first field at fault; NotPermitted for anyone but
    an administrator. The letterhead keeps what the form does not show (fax, website,
    appeals address) as stored."""
    from ixreview.workflow.records import administrator

    actor = administrator(store, session, "change settings").id
    writes = _checked(store, values)
    with store.transaction():
        for key, value in writes.items():
            store.settings.set(key, value, actor=actor)


def _checked(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    from ixreview.workflow.plan_settings import check_policy_id
    from ixreview.workflow.zone import zone_named

    writes: dict[str, Any] = {}
    head = _letterhead(store, values)
    if head is not None:
        writes[LETTERHEAD_SETTING] = head
    for name, (key, words, lo, hi, whole) in NUMBERS.items():
        if values.get(name) is not None:
            writes[key] = _number(values[name], words, lo, hi, whole=whole)
    if values.get("default_policy") is not None:
        writes[DEFAULT_POLICY_SETTING] = check_policy_id(str(values["default_policy"]))
    if values.get("plan_policies") is not None:
        writes[PLAN_POLICY_SETTING] = check_plan_map(values["plan_policies"])
    if "time_zone" in values and values["time_zone"] != store.settings.get(TIME_ZONE_SETTING):
        zone = values["time_zone"]
        writes[TIME_ZONE_SETTING] = zone_named(str(zone)).key if zone else None
    return writes


def _number(value: Any, words: str, lo: float, hi: float, *, whole: bool) -> int | float:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if ok and whole and not float(value).is_integer():
        raise InvalidInput(words, f"must be a whole number, not {value!r}")
    if not ok or not lo <= value <= hi:
        raise InvalidInput(words, f"must be a number from {lo:g} to {hi:g}, not {value!r}")
    return int(value) if float(value).is_integer() else float(value)


def _letterhead(store: Store, values: dict[str, Any]) -> dict[str, Any] | None:
    """The stored letterhead with the form's fields over it (None: the form names no plan)."""
    from pydantic import ValidationError

    from ixreview.letters.model import PlanLetterhead

    if not values.get("plan_name"):
        return None
    stored = store.settings.get(LETTERHEAD_SETTING)
    base = dict(stored) if isinstance(stored, dict) else {}
    for name, key in LETTERHEAD_FIELDS.items():
        base[key] = values.get(name) or ([] if key == "address_lines" else None)
    base["phone"] = base["phone"] or ""
    try:
        head = PlanLetterhead.model_validate(base)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]).replace("_", " ")
        raise InvalidInput(f"letterhead {where}", str(first["msg"])) from None
    return head.model_dump(mode="json")


def check_plan_map(mapping: object) -> dict[str, str]:
    """A policy-by-plan mapping the import can use: plan names once each (any capitals),
    each with a policy id (never a version)."""
    from ixreview.domain.policies import default_registry

    field = "policy by plan"
    if not isinstance(mapping, dict):
        raise InvalidInput(field, "expected plan names with a policy id each")
    ids = default_registry().ids()
    seen: set[str] = set()
    out: dict[str, str] = {}
    for plan, policy in mapping.items():
        name = plan.strip() if isinstance(plan, str) else ""
        if not name:
            raise InvalidInput(field, "a plan name is empty")
        if name.casefold() in seen:
            raise InvalidInput(field, f"“{name}” is named twice")
        seen.add(name.casefold())
        if policy not in ids:
            raise InvalidInput(
                field, f"{name}: “{policy}” is not a policy id; known: {', '.join(ids)}"
            )
        out[name] = policy
    return out
