"""The `ixreview-case/1` intake format as pydantic models.

The format is an external contract (shared/case-format.md): every field keeps its
name and meaning. Absent or null means "not documented", which is never the same
as false; the engine treats it as unknown. Two nulls carry a documented meaning
instead: `prior_therapies[].end` null is "still ongoing" and
`prior_therapies[].progression_date` null is "has not progressed" (unless later
treatment in the history shows the disease came back: `ixreview.domain.resistance`).

Optional fields ixreview adds (the format allows optional fields):
- `diagnosis.breast_cancer_confirmed`: the reviewer confirms that C79.81 / Z85.3
  alone describe a current breast cancer.
- `cremophor_hypersensitivity` (top level, true / false / null): severe
  hypersensitivity to Cremophor EL (polyoxyethylated castor oil), a contraindication
  on the Ixempra label. Like `progression_date`, its null carries a meaning: none is
  reported (a contraindication is reported when present), so null and false both
  read "no known hypersensitivity"; true excludes coverage under BCBST and asks for
  a physician's review under ING-CC-0090.

Hard errors (wrong type, unknown field, impossible value) are raised by pydantic
and turned into field-path messages by `ixreview.domain.intake`. Doubts that may
still be true (a platelet count of 150) are warnings, computed by
`ixreview.domain.intake.plausibility_warnings`, never silent acceptance.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ixreview.domain.drugs import DrugClass, class_phrase, classify_agent
from ixreview.domain.icd10 import check_billable_code
from ixreview.domain.limits import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_ADDRESS_LINES,
    MAX_CODE_CHARS,
    MAX_CODES,
    MAX_ID_CHARS,
    MAX_LINE_CHARS,
    MAX_NAME_CHARS,
    MAX_PHONE_CHARS,
    MAX_THERAPIES,
    RECEIVED_AHEAD_DAYS,
)
from ixreview.domain.npi import check_npi

FORMAT_ID = "ixreview-case/1"


class _Strict(BaseModel):
    """Unknown fields are an error: a typo must never be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Urgency(StrEnum):
    STANDARD = "standard"
    EXPEDITED = "expedited"


class RequestType(StrEnum):
    INITIAL = "initial"
    CONTINUATION = "continuation"


class Regimen(StrEnum):
    MONOTHERAPY = "monotherapy"
    WITH_CAPECITABINE = "with_capecitabine"
    WITH_TRASTUZUMAB = "with_trastuzumab"


class Extent(StrEnum):
    EARLY = "early"
    LOCALLY_ADVANCED = "locally_advanced"
    LOCALLY_RECURRENT = "locally_recurrent"
    RECURRENT_UNRESECTABLE = "recurrent_unresectable"
    METASTATIC = "metastatic"


class Status(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNKNOWN = "unknown"


class Setting(StrEnum):
    NEOADJUVANT = "neoadjuvant"
    ADJUVANT = "adjuvant"
    METASTATIC = "metastatic"


def _within_span(day: date) -> date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(
            f"{day.isoformat()} is outside the dates a request can carry "
            f"({EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()})"
        )
    return day


def _received(moment: datetime) -> datetime:
    """received_at: inside the span, and not more than a year after today."""
    _within_span(moment.date())
    latest = datetime.now(UTC).date() + timedelta(days=RECEIVED_AHEAD_DAYS)
    if moment.date() > latest:
        raise ValueError(
            f"{moment.date().isoformat()} is more than a year after today; "
            "a request cannot have been received then"
        )
    return moment


# Every text field has a size limit that real intake never reaches (limits.py).
NonEmptyStr = Annotated[str, Field(min_length=1, max_length=MAX_LINE_CHARS)]
IdStr = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]
NameStr = Annotated[str, Field(min_length=1, max_length=MAX_NAME_CHARS)]
PhoneStr = Annotated[str, Field(min_length=1, max_length=MAX_PHONE_CHARS)]
AddressLines = Annotated[list[NonEmptyStr], Field(max_length=MAX_ADDRESS_LINES)]
Npi = Annotated[str, Field(max_length=MAX_CODE_CHARS), AfterValidator(check_npi)]
Icd10Code = Annotated[str, Field(max_length=MAX_CODE_CHARS), AfterValidator(check_billable_code)]
CaseDate = Annotated[date, AfterValidator(_within_span)]
ReceivedAt = Annotated[AwareDatetime, AfterValidator(_received)]
PositiveFloat = Annotated[float, Field(gt=0, allow_inf_nan=False)]
NonNegativeFloat = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class Member(_Strict):
    id: IdStr | None = None
    first_name: NameStr | None = None
    last_name: NameStr | None = None
    birth_date: CaseDate | None = None
    address: AddressLines | None = None
    plan: NonEmptyStr | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


class Prescriber(_Strict):
    name: NonEmptyStr | None = None
    npi: Npi | None = None
    phone: PhoneStr | None = None
    fax: PhoneStr | None = None
    address: AddressLines | None = None


class Medication(_Strict):
    hcpcs: Literal["J9207"] | None = None
    regimen: Regimen | None = None
    # Upper bounds reject only the impossible; label-dose doubts are warnings.
    dose_mg_per_m2: Annotated[float, Field(gt=0, le=200, allow_inf_nan=False)] | None = None
    bsa_m2: Annotated[float, Field(gt=0, le=5, allow_inf_nan=False)] | None = None
    interval_days: Annotated[int, Field(ge=1, le=366)] | None = None
    requested_start: CaseDate | None = None


class Diagnosis(_Strict):
    icd10_codes: Annotated[list[Icd10Code], Field(max_length=MAX_CODES)] | None = None
    extent: Extent | None = None
    no_response_to_preoperative_therapy: bool | None = None
    # Optional field added by ixreview (allowed by the format): the reviewer's
    # confirmation that C79.81 / Z85.3 alone describe a current breast cancer.
    breast_cancer_confirmed: bool | None = None


class Biomarkers(_Strict):
    her2: Status | None = None
    her2_test_on_file: bool | None = None
    hormone_receptor: Status | None = None
    on_endocrine_therapy: bool | None = None


class PriorTherapy(_Strict):
    agent: NameStr
    drug_class: DrugClass | None = Field(default=None, alias="class")
    setting: Setting | None = None
    start: CaseDate | None = None
    end: CaseDate | None = None  # last dose; null while ongoing
    progressed_on_therapy: bool | None = None
    progression_date: CaseDate | None = None  # null: has not progressed

    # Only the format's name "class" is accepted: "drug_class" in a file is an unknown
    # field, not a synonym (populate_by_name would let it through silently).
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="after")
    def _check(self) -> PriorTherapy:
        known = classify_agent(self.agent)
        if known is None and self.drug_class is None:
            raise ValueError(
                f'agent "{self.agent}" is not a known drug; give its "class" '
                "(taxane, anthracycline, capecitabine, trastuzumab, endocrine or other)"
            )
        if known is not None and self.drug_class is not None and known != self.drug_class:
            raise ValueError(
                f'class "{self.drug_class}" contradicts "{self.agent}", '
                f"which {class_phrase(known)}"
            )
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.progression_date and self.start and self.progression_date < self.start:
            raise ValueError(
                f"progression_date {self.progression_date} is before start {self.start}"
            )
        return self

    @property
    def resolved_class(self) -> DrugClass:
        known = classify_agent(self.agent)
        if known is not None:
            return known
        assert self.drug_class is not None  # guaranteed by _check
        return self.drug_class


class Labs(_Strict):
    collected_on: CaseDate | None = None
    anc_per_mm3: NonNegativeFloat | None = None
    platelets_per_mm3: NonNegativeFloat | None = None
    ast_u_l: NonNegativeFloat | None = None
    ast_uln: PositiveFloat | None = None
    alt_u_l: NonNegativeFloat | None = None
    alt_uln: PositiveFloat | None = None
    bilirubin_mg_dl: NonNegativeFloat | None = None
    bilirubin_uln: PositiveFloat | None = None


class Continuation(_Strict):
    prior_authorization: IdStr | None = None
    unacceptable_toxicity: bool | None = None
    disease_progression: bool | None = None


class Case(_Strict):
    """One prior-authorization request for ixabepilone."""

    format: Literal["ixreview-case/1"]
    reference: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._/-]+$")]
    received_at: ReceivedAt
    urgency: Urgency | None = None
    request_type: RequestType | None = None
    member: Member = Member()
    prescriber: Prescriber = Prescriber()
    medication: Medication = Medication()
    diagnosis: Diagnosis = Diagnosis()
    biomarkers: Biomarkers = Biomarkers()
    prior_lines_of_therapy: Annotated[int, Field(ge=0, le=30)] | None = None
    prior_therapies: Annotated[list[PriorTherapy], Field(max_length=MAX_THERAPIES)] | None = None
    anthracycline_contraindicated: bool | None = None
    # Optional, added by ixreview (see the module docstring): null = none reported.
    cremophor_hypersensitivity: bool | None = None
    labs: Labs = Labs()
    continuation: Continuation | None = None

    @model_validator(mode="after")
    def _check(self) -> Case:
        # Cross-field problems, each reported at its own field path, all at once.
        received = self.received_at.date()
        problems: list[tuple[tuple[str | int, ...], str]] = []
        if self.member.birth_date and self.member.birth_date > received:
            problems.append(
                (
                    ("member", "birth_date"),
                    f"{self.member.birth_date} is after received_at {received}",
                )
            )
        if self.labs.collected_on and self.labs.collected_on > received:
            problems.append(
                (
                    ("labs", "collected_on"),
                    f"{self.labs.collected_on} is after received_at {received}",
                )
            )
        if self.continuation is not None and self.request_type == RequestType.INITIAL:
            problems.append((("continuation",), 'is given but request_type is "initial"'))
        if problems:
            raise ValidationError.from_exception_data(
                "Case",
                [
                    InitErrorDetails(
                        type=PydanticCustomError("value_error", "{error}", {"error": msg}),
                        loc=loc,
                        input=None,
                        ctx={"error": msg},
                    )
                    for loc, msg in problems
                ],
            )
        return self

    @property
    def received_on(self) -> date:
        return self.received_at.date()

    @property
    def is_continuation(self) -> bool:
        return self.request_type == RequestType.CONTINUATION
