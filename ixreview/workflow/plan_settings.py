"""The plan's settings an administrator changes: the default policy, the policy by plan
and the authorization months (the letterhead is `letterdata`, the lab age limit
`plan_rules`, the time zone `zone`). Each change: an administrator, a checked value,
audited by the store. Reading them needs no sign-in (they hold no PHI).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ixreview.domain.policies import default_registry
from ixreview.store.intake import PLAN_POLICY_SETTING
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.letterdata import LETTERHEAD_SETTING
from ixreview.workflow.operations import DEFAULT_POLICY_SETTING
from ixreview.workflow.plan_rules import (
    DEFAULT_MONTHS_SETTING,
    LAB_AGE_SETTING,
    MONTHS_RANGE,
)
from ixreview.workflow.zone import TIME_ZONE_SETTING

if TYPE_CHECKING:
    from ixreview.store import Store
    from ixreview.workflow.accounts import Session

SHOWN = (
    LETTERHEAD_SETTING,
    DEFAULT_POLICY_SETTING,
    PLAN_POLICY_SETTING,
    DEFAULT_MONTHS_SETTING,
    LAB_AGE_SETTING,
    TIME_ZONE_SETTING,
)


def value(store: Store, key: str, default: Any = None) -> Any:
    """One setting as stored (`default` when unset)."""
    return store.settings.get(key, default)


def current(store: Store) -> dict[str, Any]:
    """Every plan setting by its key (None: not set)."""
    return {key: store.settings.get(key) for key in SHOWN}


def _admin_id(store: Store, session: Session, what: str) -> int:
    from ixreview.workflow.records import administrator

    return administrator(store, session, what).id


def check_policy_id(policy_id: str, *, hint: str = "") -> str:
    """`policy_id` when it names a policy (an id, never a version); else InvalidInput."""
    ids = default_registry().ids()
    if "@" in policy_id or policy_id not in ids:
        raise InvalidInput(
            "policy", f'"{policy_id}" is not a policy id; known: {", ".join(ids)}{hint}'
        )
    return policy_id


def set_default_policy(store: Store, session: Session, policy_id: str) -> None:
    """Requests that name no policy are reviewed under `policy_id` (an id, never a version)."""
    actor = _admin_id(store, session, "change the default policy")
    check_policy_id(policy_id, hint=" (the version in force is picked per request)")
    store.settings.set(DEFAULT_POLICY_SETTING, policy_id, actor=actor)


def set_plan_policy(store: Store, session: Session, plan: str, policy_id: str | None) -> None:
    """Members of `plan` (as the intake names it, any capitals) are reviewed under
    `policy_id`; None forgets the plan's policy."""
    actor = _admin_id(store, session, "change the policy by plan")
    if not plan.strip():
        raise InvalidInput("plan", "name the plan as the intake names it")
    if policy_id is not None:
        check_policy_id(policy_id)
    current_map = store.settings.get(PLAN_POLICY_SETTING) or {}
    mapping = {
        k: v
        for k, v in (current_map.items() if isinstance(current_map, dict) else [])
        if k.strip().casefold() != plan.strip().casefold()
    }
    if policy_id is not None:
        mapping[plan.strip()] = policy_id
    store.settings.set(PLAN_POLICY_SETTING, mapping, actor=actor)


def set_default_months(store: Store, session: Session, months: int) -> None:
    """Authorization months when the policy states none (ING-CC-0090)."""
    actor = _admin_id(store, session, "change the authorization months")
    lo, hi = MONTHS_RANGE
    if isinstance(months, bool) or not isinstance(months, int) or not lo <= months <= hi:
        raise InvalidInput("months", f"must be a whole number from {lo} to {hi}, not {months!r}")
    store.settings.set(DEFAULT_MONTHS_SETTING, months, actor=actor)
