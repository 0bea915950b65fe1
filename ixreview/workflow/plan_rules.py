"""The plan's rules the engine takes as settings, read in one place.

Two numbers the policies leave to the plan: the authorization months for a policy
that states none, and how many days old baseline labs (counts and liver values) may
be before they are not a current baseline (needs information). Every evaluation
that can lead to a decision, on screen or in the CLI, goes through `plan_rules`, so
the screen and the decision never judge a case under different rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from ixreview.domain.engine import DEFAULT_AUTHORIZATION_MONTHS, evaluate
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.limits import LAB_MAX_AGE_DAYS
from ixreview.domain.policies import PolicyError
from ixreview.workflow.errors import InvalidInput

if TYPE_CHECKING:
    from ixreview.domain.case import Case
    from ixreview.store import Store
    from ixreview.workflow.accounts import Session

DEFAULT_MONTHS_SETTING = "authorization.default_months"
LAB_AGE_SETTING = "labs.max_age_days"
MONTHS_RANGE = (1, 24)
# A week to a quarter: outside it a "baseline" is either unattainable or meaningless.
LAB_AGE_RANGE = (7, 90)


@dataclass(frozen=True)
class PlanRules:
    default_months: int = DEFAULT_AUTHORIZATION_MONTHS
    lab_max_age_days: int = LAB_MAX_AGE_DAYS

    def engine(self) -> Callable[[Case, str | None], Evaluation]:
        """The engine under these rules (a refused policy raises the engine's PolicyError:
        the desk's live panel shows it at the policy field)."""
        return partial(
            evaluate, default_months=self.default_months, lab_max_age_days=self.lab_max_age_days
        )

    def evaluate(self, case: Case, policy: str | None) -> Evaluation:
        """The engine under these rules; a policy the registry refuses is bad input."""
        try:
            return self.engine()(case, policy)
        except PolicyError as exc:
            raise InvalidInput("policy", str(exc)) from None


def _int_setting(store: Store, key: str, bounds: tuple[int, int], default: int) -> int:
    raw = store.settings.get(key)
    # A hand-edited row outside the bounds is not trusted: the label's default applies.
    if isinstance(raw, int) and not isinstance(raw, bool) and bounds[0] <= raw <= bounds[1]:
        return raw
    return default


def plan_rules(store: Store) -> PlanRules:
    return PlanRules(
        default_months=_int_setting(
            store, DEFAULT_MONTHS_SETTING, MONTHS_RANGE, DEFAULT_AUTHORIZATION_MONTHS
        ),
        lab_max_age_days=_int_setting(store, LAB_AGE_SETTING, LAB_AGE_RANGE, LAB_MAX_AGE_DAYS),
    )


def set_lab_max_age(store: Store, session: Session, days: int) -> None:
    """An administrator sets how old baseline labs may be (audited by the store)."""
    from ixreview.workflow.records import administrator

    actor = administrator(store, session, "change the plan's lab age limit")
    lo, hi = LAB_AGE_RANGE
    if isinstance(days, bool) or not isinstance(days, int) or not lo <= days <= hi:
        raise InvalidInput(
            "lab age limit", f"must be a whole number of days from {lo} to {hi}, not {days!r}"
        )
    store.settings.set(LAB_AGE_SETTING, days, actor=actor.id)
