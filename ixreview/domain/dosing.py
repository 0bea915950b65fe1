"""J9207 units and label dosing checks (Ixempra label; 1 unit = 1 mg).

Units per dose = requested mg/m² × BSA (capped at 2.2 m²), rounded up to a whole
mg. Units for the period = units per dose × the doses that fit in the authorized
period at the requested interval, the first on the start date. Decimal arithmetic:
40 × 1.1 must be 44, not 44.000000000000004 rounded up to 45.

Warnings (never deciding): a dose above 40 mg/m², an interval under the label's
every 3 weeks, BSA above the cap, monotherapy that needs a hepatic dose reduction,
and an authorization period that is over before receipt or starts more than 90
days before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from dateutil.relativedelta import relativedelta

from ixreview.domain.case import Case, Regimen

LABEL_DOSE_MG_PER_M2 = Decimal(40)
LABEL_INTERVAL_DAYS = 21  # every 3 weeks
BSA_CAP_M2 = Decimal("2.2")
MAX_DOSE_MG = LABEL_DOSE_MG_PER_M2 * BSA_CAP_M2  # 88 mg
START_BEFORE_RECEIPT_DAYS = 90  # a start further back than this is a doubt


@dataclass(frozen=True)
class Units:
    months: int
    start: date
    end: date  # inclusive
    capped_bsa_m2: Decimal
    units_per_dose: int
    doses: int

    @property
    def units_total(self) -> int:
        return self.units_per_dose * self.doses


def period_end(start: date, months: int) -> date:
    """The last day (inclusive) of an authorization of `months` from `start`.

    The day before the same day number `months` later; when the target month has no
    such day, its last day: 2026-03-15 + 6 months ends 2026-09-14, 2026-12-01 + 6
    months ends 2027-05-31, 2026-03-31 + 6 months ends 2026-09-30 (adding months to
    03-31 clips to 09-30 already; taking a day off that as well would lose one).
    """
    target = start + relativedelta(months=months)
    if target.day < start.day:  # clipped: the target month has no such day
        return target
    return target - timedelta(days=1)


def doses_in_period(start: date, end: date, interval_days: int) -> int:
    return (end - start).days // interval_days + 1


def units_per_dose(dose_mg_per_m2: float, bsa_m2: float) -> tuple[int, Decimal]:
    bsa = min(Decimal(str(bsa_m2)), BSA_CAP_M2)
    mg = (Decimal(str(dose_mg_per_m2)) * bsa).to_integral_value(rounding=ROUND_CEILING)
    return int(mg), bsa


def authorized_units(case: Case, months: int) -> Units | None:
    med = case.medication
    if med.dose_mg_per_m2 is None or med.bsa_m2 is None or med.interval_days is None:
        return None
    start = med.requested_start or case.received_on
    end = period_end(start, months)
    per_dose, bsa = units_per_dose(med.dose_mg_per_m2, med.bsa_m2)
    return Units(months, start, end, bsa, per_dose, doses_in_period(start, end, med.interval_days))


def missing_dosing_fields(case: Case) -> list[str]:
    med = case.medication
    return [
        f"medication.{name}"
        for name in ("dose_mg_per_m2", "bsa_m2", "interval_days")
        if getattr(med, name) is None
    ]


def _ratio(value: float | None, uln: float | None) -> Decimal | None:
    if value is None or uln is None:
        return None
    return Decimal(str(value)) / Decimal(str(uln))


def label_warnings(case: Case) -> list[str]:
    """Dosing doubts for the reviewer; they never decide the outcome by themselves."""
    out: list[str] = []
    med = case.medication
    dose = Decimal(str(med.dose_mg_per_m2)) if med.dose_mg_per_m2 is not None else None
    if dose is not None and dose > LABEL_DOSE_MG_PER_M2:
        out.append(
            f"The requested dose of {dose.normalize():f} mg/m² is above the label dose of "
            f"{LABEL_DOSE_MG_PER_M2} mg/m²."
        )
    if med.interval_days is not None and med.interval_days < LABEL_INTERVAL_DAYS:
        out.append(
            f"The requested interval of {med.interval_days} days is shorter than the label's "
            f"every 3 weeks ({LABEL_INTERVAL_DAYS} days)."
        )
    if med.bsa_m2 is not None and Decimal(str(med.bsa_m2)) > BSA_CAP_M2:
        out.append(
            f"Body surface area {med.bsa_m2:g} m² is capped at {BSA_CAP_M2} m² for dosing (label)."
        )
    if med.regimen == Regimen.MONOTHERAPY and dose is not None:
        out.extend(hepatic_monotherapy_warning(case, dose))
    return out


def requested_mg(case: Case) -> Decimal | None:
    """The dose as requested: mg/m² × the member's actual BSA (no cap)."""
    med = case.medication
    if med.dose_mg_per_m2 is None or med.bsa_m2 is None:
        return None
    return Decimal(str(med.dose_mg_per_m2)) * Decimal(str(med.bsa_m2))


def period_warnings(case: Case, months: int) -> tuple[list[str], bool]:
    """Doubts about the authorization period; True when it is over before receipt."""
    start = case.medication.requested_start
    if start is None:
        return [], False
    received = case.received_on
    end = period_end(start, months)
    if end < received:
        return [
            f"The authorization period of {months} months from the requested start "
            f"{start} would end on {end}, before the request was received ({received}): "
            "the whole period is already over."
        ], True
    if (received - start).days > START_BEFORE_RECEIPT_DAYS:
        return [
            f"The requested start {start} is {(received - start).days} days before the "
            f"request was received ({received}), more than {START_BEFORE_RECEIPT_DAYS} days."
        ], False
    return [], False


def hepatic_monotherapy_warning(case: Case, dose: Decimal) -> list[str]:
    labs = case.labs
    transaminase = [
        r for r in (_ratio(labs.ast_u_l, labs.ast_uln), _ratio(labs.alt_u_l, labs.alt_uln)) if r
    ]
    bili = _ratio(labs.bilirubin_mg_dl, labs.bilirubin_uln)
    if not transaminase and bili is None:
        return []
    worst_t = max(transaminase, default=Decimal(0))
    bili_r = bili if bili is not None else Decimal(0)
    if worst_t <= Decimal("2.5") and bili_r <= 1:
        return []
    if worst_t > 10 or bili_r > 3:
        return [
            "Monotherapy is not recommended by the label with AST or ALT above 10 × ULN or "
            "bilirubin above 3 × ULN."
        ]
    if bili_r > Decimal("1.5"):
        limit, text = Decimal(30), "20–30 mg/m²"
    else:
        limit, text = Decimal(32), "32 mg/m²"
    if dose > limit:
        return [
            f"Monotherapy with hepatic impairment: the label reduces the dose to {text}; "
            f"{dose.normalize():f} mg/m² is requested."
        ]
    return []
