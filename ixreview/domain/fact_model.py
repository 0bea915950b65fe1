"""What a named fact is (`FactSpec`), what it says of a case (`FactValue`), and how its
numbers are written: the vocabulary `facts.FACTS` is built from and the engine reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from ixreview.domain.case import Case, Status
from ixreview.domain.limits import LAB_MAX_AGE_DAYS

FactScalar = bool | str | Decimal


@dataclass(frozen=True)
class FactValue:
    value: FactScalar | None  # None: not documented
    text: str  # the value in words, naming the inputs
    missing: tuple[str, ...] = ()
    plain: str = ""  # for letters, when `text` reads like a label ("Failure of ...: no")


@dataclass(frozen=True)
class FactSpec:
    name: str
    label: str
    kind: str  # "bool", "enum" or "number"
    unit: str  # for numbers: how a threshold is written ("cells/mm³", "× ULN")
    compute: Callable[[Case], FactValue]
    choices: tuple[str, ...] = ()
    plain_label: str = ""  # for letters, when `text` reads like a label ("Failure of ...: no")
    # Baseline labs: computed with the plan's lab age limit (days), not the default.
    aged: Callable[[Case, int], FactValue] | None = None

    def value_for(self, case: Case, lab_max_age_days: int = LAB_MAX_AGE_DAYS) -> FactValue:
        """The fact under the plan's rules (`lab_max_age_days`: a plan setting)."""
        if self.aged is not None:
            return self.aged(case, lab_max_age_days)
        return self.compute(case)


# Enum values as a letter says them.
PLAIN_VALUES = {
    "monotherapy": "Ixempra alone",
    "with_capecitabine": "Ixempra with capecitabine",
    "with_trastuzumab": "Ixempra with trastuzumab",
}


def dec(x: float | int) -> Decimal:
    return Decimal(str(x))  # exact decimal of what was written, never binary float noise


def fmt_number(x: Decimal) -> str:
    if x == x.to_integral_value():
        return f"{int(x):,}"
    return f"{x.normalize():f}"


def fmt_ratio(x: Decimal) -> str:
    """A ratio to 2 decimals, rounded half up (105/40 -> 2.63), never misleading at a limit.

    An inexact value is never shown ending in 0: 100.01/40 reads 2.5003, not 2.50,
    so it cannot look equal to the limit of 2.5 that it exceeds. (A value shown with
    k decimals ending in a non-zero digit lies on the same side as the exact value of
    every limit written with fewer decimals.) No `quantize`: it raises for absurd
    ratios beyond the context precision.
    """
    text = ""
    for places in range(2, 9):
        shown = x.scaleb(places).to_integral_value(rounding=ROUND_HALF_UP).scaleb(-places)
        text = f"{shown:.{places}f}"
        if shown == x or not text.endswith("0"):
            break
    return text


def enum_fact(value: Enum | None, path: str, label: str) -> FactValue:
    if value is None:
        return FactValue(None, f"{label}: not documented", (path,))
    text = str(value.value).replace("_", " ")
    if value == Status.UNKNOWN:
        return FactValue(None, f"{label}: reported as unknown", (path,))
    return FactValue(str(value.value), f"{label}: {text}")


def bool_fact(value: bool | None, path: str, yes: str, no: str, label: str) -> FactValue:
    if value is None:
        return FactValue(None, f"{label}: not documented", (path,))
    return FactValue(value, yes if value else no)
