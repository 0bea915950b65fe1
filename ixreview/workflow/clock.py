"""The decision clock lives in `ixreview.domain.clock`, where the store (due time at
import) and the workflow (queue, time left) both use the same rules."""

from ixreview.domain.clock import (
    DEFAULT_RULES,
    SETTING_KEYS,
    ClockRule,
    ClockStatus,
    PlanType,
    due_at,
    plan_type_of,
    rules_from_settings,
    status,
)

__all__ = [
    "DEFAULT_RULES",
    "SETTING_KEYS",
    "ClockRule",
    "ClockStatus",
    "PlanType",
    "due_at",
    "plan_type_of",
    "rules_from_settings",
    "status",
]
