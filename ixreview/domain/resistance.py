"""Taxane / anthracycline resistance and failure, derived from the treatment history.

Definitions (shared/case-format.md, ING-CC-0090, Ixempra label):
- Resistance: progression while on therapy, or within N calendar months after the
  last dose, N by setting: taxane 12 (adjuvant/neoadjuvant) or 4 (metastatic);
  anthracycline 6 or 3. "Within N months" includes the last day of the window.
  The window ends on the same day of the month N months after the last dose; a
  last dose on the last day of its month ends the window on the last day of the
  target month (2025-06-30 + 4 months = 2025-10-31, 2026-02-28 + 4 = 2026-06-30),
  and a day the target month lacks falls back to its last day
  (2025-10-31 + 4 months = 2026-02-28).
- Failure of a class: progression on, or at any time after, a regimen of that class.
- Progression inferred from later treatment: `progression_date` null means "has not
  progressed", unless the history itself says otherwise. When a later regimen
  (started after this one's last dose) was given in the metastatic setting, the
  disease must have come back in between, on a date the record does not give; when
  a later regimen's start or setting is not documented, it may be such a regimen.
  Either way the earlier regimen's failure and resistance are not documented (the
  progression date is asked for), never "no".

Three-valued (Kleene): a regimen's result is unknown only when a fact that could
change it is not documented; the missing field paths are returned with it, so a
result reached while something is undocumented never changes when it is filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from ixreview.domain.case import Case, PriorTherapy, Setting
from ixreview.domain.drugs import DrugClass

# (early-setting months, metastatic months)
WINDOWS: dict[DrugClass, tuple[int, int]] = {
    DrugClass.TAXANE: (12, 4),
    DrugClass.ANTHRACYCLINE: (6, 3),
}


@dataclass(frozen=True)
class Tri:
    """A three-valued result with the reasons and the fields that would settle it."""

    value: bool | None
    explanation: str
    missing: tuple[str, ...] = field(default=())


# Said in the reason whenever it moves a window's end: a rule the intake format leaves open.
MONTH_END_RULE = (
    "; a last dose on the last day of a month counts to the last day of the target month"
)


def _is_month_end(d: date) -> bool:
    return (d + timedelta(days=1)).month != d.month


@lru_cache(maxsize=8192)  # pure calendar arithmetic, asked again for every clause and version
def window_end(last_dose: date, months: int) -> date:
    """The last day inside a window of `months` calendar months after the last dose."""
    if _is_month_end(last_dose):
        return last_dose + relativedelta(months=months, day=31)  # day=31: the month's last day
    return last_dose + relativedelta(months=months)


@lru_cache(maxsize=8192)
def _month_end_rule_moved(last_dose: date, months: tuple[int, ...]) -> bool:
    """True when the month-end rule ends a window later than the same day number would."""
    return any(window_end(last_dose, m) != last_dose + relativedelta(months=m) for m in months)


def implied_recurrence(case: Case, index: int) -> Tri | None:
    """Does later treatment show that the disease came back after regimen `index`?

    None when nothing in the history suggests it; otherwise an unknown `Tri` whose
    missing path is this regimen's progression date. Only ever turns "no" into
    "not documented", so a reached outcome can never change when it is filled in.
    """
    therapies = case.prior_therapies or []
    t = therapies[index]
    if t.end is None:  # still ongoing: nothing can come after it
        return None
    path = f"prior_therapies[{index}].progression_date"
    doubts: list[str] = []
    for j, later in enumerate(therapies):
        if j == index:
            continue
        if later.start is None:
            # It began no later than its own last dose or progression, when those are known.
            bound = min((d for d in (later.end, later.progression_date) if d), default=None)
            if bound is None or bound > t.end:
                doubts.append(f"{later.agent} has no start date, so it may have followed {t.agent}")
            continue
        if later.start <= t.end:
            continue
        if later.setting == Setting.METASTATIC:
            return Tri(
                None,
                f"metastatic treatment with {later.agent} began after {t.agent} ended, so the "
                "disease must have come back; the date is not recorded",
                (path,),
            )
        if later.setting is None:
            doubts.append(
                f"{later.agent} began after {t.agent} ended and its setting is not documented, "
                "so the disease may have come back"
            )
    if doubts:
        return Tri(None, "; ".join(doubts) + "; no progression date is recorded", (path,))
    return None


def _window_months(cls: DrugClass, setting: Setting | None) -> tuple[int, ...]:
    early, metastatic = WINDOWS[cls]
    if setting is None:
        return (metastatic, early)  # either may apply
    return (metastatic,) if setting == Setting.METASTATIC else (early,)


def regimen_resistance(
    t: PriorTherapy, index: int, cls: DrugClass, case: Case | None = None
) -> Tri:
    """Is the disease resistant to this one regimen? (`case`: to read later treatment)"""
    path = f"prior_therapies[{index}]"
    name = f"{t.agent} ({t.setting.value if t.setting else 'setting not documented'})"
    if t.progressed_on_therapy:
        return Tri(True, f"{name}: disease progressed during therapy")
    if t.progression_date is not None and (t.end is None or t.progression_date <= t.end):
        return Tri(True, f"{name}: progression on {t.progression_date} while on therapy")
    within: bool | None
    missing: list[str] = []
    if t.progression_date is None:
        implied = implied_recurrence(case, index) if case is not None else None
        if implied is not None:
            missing = list(implied.missing)
            if t.progressed_on_therapy is None:
                missing.append(f"{path}.progressed_on_therapy")
            return Tri(None, f"{name}: {implied.explanation}", tuple(missing))
        within = False
        window_text = "no progression after it is recorded"
    else:
        assert t.end is not None  # handled above
        candidates = _window_months(cls, t.setting)
        ends = [window_end(t.end, m) for m in candidates]
        hits = [t.progression_date <= e for e in ends]
        if all(hits):
            within = True
        elif not any(hits):
            within = False
        else:
            within = None
            missing.append(f"{path}.setting")
        months_text = " or ".join(str(m) for m in candidates)
        verdict = {True: "within", False: "more than", None: "possibly within"}[within]
        window_text = (
            f"last dose {t.end}, progression {t.progression_date}: {verdict} "
            f"{months_text} months (window ends {' / '.join(str(e) for e in ends)}"
            f"{MONTH_END_RULE if _month_end_rule_moved(t.end, candidates) else ''})"
        )
    if within:
        return Tri(True, f"{name}: {window_text}")
    if t.progressed_on_therapy is None:
        missing.append(f"{path}.progressed_on_therapy")
        return Tri(
            None,
            f"{name}: {window_text}; whether it progressed during therapy is not documented",
            tuple(missing),
        )
    if within is None:
        return Tri(None, f"{name}: {window_text}", tuple(missing))
    return Tri(False, f"{name}: no progression during therapy; {window_text}")


def regimen_failure(t: PriorTherapy, index: int, case: Case | None = None) -> Tri:
    path = f"prior_therapies[{index}]"
    if t.progressed_on_therapy:
        return Tri(True, f"{t.agent}: progressed during therapy")
    if t.progression_date is not None:
        return Tri(True, f"{t.agent}: progression on {t.progression_date}")
    implied = implied_recurrence(case, index) if case is not None else None
    if implied is not None:
        missing = implied.missing
        if t.progressed_on_therapy is None:
            missing = (*missing, f"{path}.progressed_on_therapy")
        return Tri(None, f"{t.agent}: {implied.explanation}", missing)
    if t.progressed_on_therapy is None:
        return Tri(
            None,
            f"{t.agent}: no later progression recorded; progression during therapy not documented",
            (f"{path}.progressed_on_therapy",),
        )
    return Tri(False, f"{t.agent}: no progression recorded")


def _any_regimen(case: Case, cls: DrugClass, per: str) -> Tri:
    if case.prior_therapies is None:
        return Tri(None, "the treatment history is not documented", ("prior_therapies",))
    regimens = [(i, t) for i, t in enumerate(case.prior_therapies) if t.resolved_class == cls]
    if not regimens:
        return Tri(False, f"no {cls.value} regimen in the treatment history")
    results = [
        regimen_resistance(t, i, cls, case) if per == "resistance" else regimen_failure(t, i, case)
        for i, t in regimens
    ]
    text = "; ".join(r.explanation for r in results)
    if any(r.value is True for r in results):
        return Tri(True, text)
    if all(r.value is False for r in results):
        return Tri(False, text)
    missing = tuple(m for r in results if r.value is None for m in r.missing)
    return Tri(None, text, missing)


def resistance(case: Case, cls: DrugClass) -> Tri:
    return _any_regimen(case, cls, "resistance")


def failure(case: Case, cls: DrugClass) -> Tri:
    return _any_regimen(case, cls, "failure")
