"""The shipped sample requests: load them for practice, or take them through the workflow.

Two uses, one module:

- `import_samples(store, actor=...)`: the first-run "load the sample requests"
  choice. Every sample is imported (under the policy its index names) and waits
  in the work queue for a reviewer to practise on; nothing is decided.
- `create_staff` + `run_samples`: what `ixreview demo` does headless. A throw-away
  database gets an administrator, a nurse reviewer and a physician reviewer
  (with enrolled signing keys), and every sample is taken to its end through the
  real operations: the nurse approves what meets criteria and refers the rest,
  the physician denies the referral, and a request that lacks documents is
  pended with its signed request for information. The decision follows the
  engine's evaluation of the case as saved, never the index; the index's
  expected workflow is only compared with it (a mismatch is reported).

The continuation sample names an earlier authorization that a fresh database
cannot hold. The demo therefore first approves that earlier request (the same
member's initial request as it stood a year before, rebuilt from the sample)
and imports the continuation with `continuation.prior_authorization` set to the
number that approval issued, so the store links the two as it would in real use.

Demo accounts get generated passwords, returned once so the caller can show
them; they are throw-away and never written anywhere by this module.
"""

from __future__ import annotations

import copy
import json
import re
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import yaml

from ixreview.domain.evaluation import Outcome
from ixreview.letters.model import PlanLetterhead
from ixreview.store import DuplicateReferenceError, Store
from ixreview.workflow import accounts, letterdata, operations
from ixreview.workflow.accounts import DEFAULT_SECURITY, Security, Session
from ixreview.workflow.errors import WeakPassword, WorkflowError
from ixreview.workflow.keys import CA_CERTIFICATE_SETTING
from ixreview.workflow.permissions import denial_reasons
from ixreview.workflow.prefill import information_items
from ixreview.workflow.roles import Role

SAMPLES_INDEX = "samples.yaml"
WORKFLOWS = ("approve", "refer_then_deny", "pend")

# A made-up plan for the demo's letters (every letter says "practice" in its letterhead).
DEMO_PLAN = PlanLetterhead(
    name="Riverbend Practice Health Plan",
    address_lines=[
        "Utilization Management (practice letters)",
        "PO Box 1200",
        "Nashville, TN 37202",
    ],
    phone="1-800-555-0142",
    fax="1-800-555-0143",
    website="www.riverbend-practice.example",
    appeals_address_lines=[
        "Riverbend Practice Health Plan, Appeals Unit",
        "PO Box 1210",
        "Nashville, TN 37202",
    ],
)
DEMO_ORGANIZATION = DEMO_PLAN.name


class DemoError(WorkflowError):
    """The demo could not run (a database that is not empty, a sample file missing)."""


# -- the sample index ---------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One entry of resources/samples/samples.yaml."""

    file: str
    title: str
    policy: str
    expected_outcome: Outcome
    workflow: str
    purpose: str
    compare_policy: str | None = None
    compare_outcome: Outcome | None = None
    continues: str | None = None

    def text(self) -> str:
        return str(_samples_dir().joinpath(self.file).read_text(encoding="utf-8"))

    def data(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.text())
        return loaded


def _samples_dir() -> Any:
    return resources.files("ixreview").joinpath("resources", "samples")


def samples() -> list[Sample]:
    """The shipped samples, in the index's order."""
    try:
        raw = yaml.safe_load(_samples_dir().joinpath(SAMPLES_INDEX).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DemoError(f"the sample index cannot be read: {exc}") from None
    out: list[Sample] = []
    for n, entry in enumerate(raw.get("samples") or [], start=1):
        try:
            compare = entry.get("compare") or {}
            out.append(
                Sample(
                    file=str(entry["file"]),
                    title=str(entry["title"]),
                    policy=str(entry["policy"]),
                    expected_outcome=Outcome(entry["expected_outcome"]),
                    workflow=str(entry["workflow"]),
                    purpose=" ".join(str(entry.get("purpose", "")).split()),
                    compare_policy=compare.get("policy"),
                    compare_outcome=Outcome(compare["expected_outcome"]) if compare else None,
                    continues=entry.get("continues"),
                )
            )
        except (KeyError, ValueError) as exc:
            raise DemoError(f"sample index entry {n}: {exc}") from None
    return out


# -- practice: import only ------------------------------------------------------------


@dataclass(frozen=True)
class ImportedSample:
    sample: Sample
    reference: str
    imported: bool  # False: a request with this reference was already on record
    warnings: tuple[str, ...] = ()


def import_samples(store: Store, *, actor: int | None) -> list[ImportedSample]:
    """Import every sample for practice (a second call imports nothing twice), dated for
    today: each received within the last day, so none is overdue on the first day."""
    out: list[ImportedSample] = []
    now = store.now()
    for sample in samples():
        data = dated_for(sample.data(), now)
        reference = str(data["reference"])
        try:
            text = json.dumps(data, ensure_ascii=False)
            result = store.import_case(text, actor=actor, policy=sample.policy)
        except DuplicateReferenceError:
            out.append(ImportedSample(sample, reference, imported=False))
            continue
        out.append(ImportedSample(sample, reference, True, tuple(result.warnings)))
    return out


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NOT_SHIFTED = frozenset({"birth_date"})  # who the member is does not move with the clock


def dated_for(data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A sample moved in whole days so it was received at its own time of day within
    the 24 hours before `now`; every other date in it (therapies, labs, diagnosis,
    requested start) moves by the same days, so what the sample shows stays true."""
    received = datetime.fromisoformat(str(data["received_at"]))
    days = (now.astimezone(received.tzinfo).date() - received.date()).days
    if received + timedelta(days=days) > now:
        days -= 1
    shift = timedelta(days=days)

    def moved(node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            return {k: moved(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [moved(v, key) for v in node]
        if isinstance(node, str) and key not in _NOT_SHIFTED and _ISO_DAY.match(node):
            try:
                if len(node) == 10:
                    return (date.fromisoformat(node) + shift).isoformat()
                return (datetime.fromisoformat(node) + shift).isoformat()
            except ValueError:
                return node
        return node

    out: dict[str, Any] = moved(copy.deepcopy(data))
    return out


# -- the demo staff ---------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    credentials: str
    password: str  # generated; shown once by the caller


@dataclass(frozen=True)
class Staff:
    admin: DemoUser
    nurse: DemoUser
    physician: DemoUser

    @property
    def everyone(self) -> tuple[DemoUser, DemoUser, DemoUser]:
        return (self.admin, self.nurse, self.physician)


_ALPHABET = string.ascii_letters + string.digits


def generate_password(length: int = 20, *, username: str = "", full_name: str = "") -> str:
    """A random password that passes the password policy (hyphenated groups of five)."""
    from ixreview.workflow.passwords import check_password

    while True:
        raw = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        candidate = "-".join(raw[i : i + 5] for i in range(0, length, 5))
        try:
            check_password(candidate, username=username, full_name=full_name)
        except WeakPassword:  # vanishingly rare (a name inside it): draw again
            continue
        return candidate


def create_staff(store: Store, *, security: Security = DEFAULT_SECURITY) -> Staff:
    """An administrator, a nurse and a physician reviewer with signing keys; the letterhead.

    Only on an empty database: the demo never adds accounts to a real one.
    """
    if not accounts.needs_first_admin(store):
        raise DemoError("the demo needs a new, empty database; this one already has accounts")

    def person(username: str, name: str, role: Role, cred: str) -> DemoUser:
        return DemoUser(
            username, name, role, cred, generate_password(username=username, full_name=name)
        )

    admin = person("demo-admin", "Avery Demo-Admin", Role.ADMINISTRATOR, "")
    nurse = person("demo-nurse", "Nora Quinlan", Role.NURSE_REVIEWER, "RN")
    physician = person("demo-physician", "Samuel Okoro", Role.PHYSICIAN_REVIEWER, "MD")
    accounts.create_first_admin(
        store,
        username=admin.username,
        full_name=admin.full_name,
        password=admin.password,
        organization=DEMO_ORGANIZATION,
        security=security,
        pin_trust_root=False,  # the demo CA is never a trust root of this machine
    )
    session = accounts.sign_in(store, admin.username, admin.password, security=security)
    accounts.add_user(
        store,
        session,
        username=nurse.username,
        full_name=nurse.full_name,
        role=nurse.role,
        credentials=nurse.credentials,
        password=nurse.password,
        admin_password=admin.password,
        security=security,
    )
    accounts.add_user(
        store,
        session,
        username=physician.username,
        full_name=physician.full_name,
        role=physician.role,
        credentials=physician.credentials,
        npi="1234567893",
        p2p_phone="1-800-555-0144",
        password=physician.password,
        admin_password=admin.password,
        security=security,
    )
    letterdata.set_letterhead(store, DEMO_PLAN, actor=session.user_id)
    accounts.sign_out(store, session)
    return Staff(admin, nurse, physician)


def trust_root_pem(store: Store) -> str:
    """The organization's CA certificate: what `ixreview verify --trust` needs."""
    pem = store.settings.get(CA_CERTIFICATE_SETTING)
    if not isinstance(pem, str):
        raise DemoError("no signing authority on record: create the staff first")
    return pem


# -- taking the samples to their end ------------------------------------------------


@dataclass(frozen=True)
class DemoLetter:
    letter_id: int
    kind: str  # approval | denial | request_for_information
    sha256: str


@dataclass
class DemoCase:
    """What happened to one request in the demo."""

    reference: str
    title: str
    policy: str
    outcome: Outcome  # the engine's, as the nurse saw it
    expected_workflow: str
    steps: list[str] = field(default_factory=list)  # "nurse approved", "physician denied"
    decision: str | None = None  # A1, A3, A4
    authorization_number: str | None = None
    letters: list[DemoLetter] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str = ""
    compare: str | None = None  # "BCBST-IXEMPRA@draft: does_not_meet_criteria"

    @property
    def workflow(self) -> str:
        return {
            Outcome.MEETS: "approve",
            Outcome.DOES_NOT_MEET: "refer_then_deny",
            Outcome.NEEDS_INFORMATION: "pend",
        }[self.outcome]

    @property
    def as_expected(self) -> bool:
        return self.workflow == self.expected_workflow


def run_samples(
    store: Store,
    staff: Staff,
    *,
    only: Sequence[str] | None = None,
    security: Security = DEFAULT_SECURITY,
) -> list[DemoCase]:
    """Import every sample (or those whose file is in `only`) and take it to its end."""
    nurse = accounts.sign_in(store, staff.nurse.username, staff.nurse.password, security=security)
    physician = accounts.sign_in(
        store, staff.physician.username, staff.physician.password, security=security
    )
    out: list[DemoCase] = []
    try:
        for sample in samples():
            if only is not None and sample.file not in only:
                continue
            data = sample.data()
            note = ""
            if sample.continues:
                earlier = _earlier_request(data)
                prior = _import(store, sample, earlier, nurse)
                prior.title = f"(earlier request, rebuilt) {sample.title}"
                prior.note = f"the authorization the continuation {data['reference']} extends"
                _decide(store, staff, nurse, physician, prior, security)
                out.append(prior)
                if prior.authorization_number:
                    data = copy.deepcopy(data)
                    data["continuation"]["prior_authorization"] = prior.authorization_number
                    note = (
                        f"continues {prior.reference} (authorization "
                        f"{prior.authorization_number}, in place of the sample's "
                        f"{sample.continues})"
                    )
            case = _import(store, sample, data, nurse)
            case.note = note or case.note
            _decide(store, staff, nurse, physician, case, security)
            out.append(case)
    finally:
        accounts.sign_out(store, nurse)
        accounts.sign_out(store, physician)
    return out


def _earlier_request(data: dict[str, Any]) -> dict[str, Any]:
    """The member's initial request as it stood a year before the continuation.

    Ixabepilone had not started then: its entry leaves the treatment history, the
    lines of therapy go down by one, and the dates move back a year.
    """
    earlier = copy.deepcopy(data)
    earlier["reference"] = f"{data['reference']}-PRIOR"
    earlier["request_type"] = "initial"
    earlier.pop("continuation", None)

    def year_back(text: str) -> str:
        moment = datetime.fromisoformat(text)
        return (moment - timedelta(days=365)).isoformat()

    earlier["received_at"] = year_back(data["received_at"])
    medication = earlier.get("medication") or {}
    if medication.get("requested_start"):
        medication["requested_start"] = year_back(medication["requested_start"])[:10]
    labs = earlier.get("labs") or {}
    if labs.get("collected_on"):
        labs["collected_on"] = year_back(labs["collected_on"])[:10]
    therapies = earlier.get("prior_therapies") or []
    kept = [
        t for t in therapies if str(t.get("agent", "")).lower() not in ("ixabepilone", "ixempra")
    ]
    if len(kept) < len(therapies) and earlier.get("prior_lines_of_therapy"):
        earlier["prior_lines_of_therapy"] -= 1
    earlier["prior_therapies"] = kept
    start = date.fromisoformat(earlier["received_at"][:10])
    for therapy in kept:  # nothing may end after the earlier request was received
        if therapy.get("end") and date.fromisoformat(therapy["end"]) > start:
            therapy["end"] = start.isoformat()
    return earlier


def _import(store: Store, sample: Sample, data: dict[str, Any], nurse: Session) -> DemoCase:
    result = store.import_case(
        json.dumps(data, ensure_ascii=False), actor=nurse.user_id, policy=sample.policy
    )
    evaluation = operations.evaluate_review(store, nurse, result.reference)
    case = DemoCase(
        reference=result.reference,
        title=sample.title,
        policy=evaluation.policy.key,
        outcome=evaluation.outcome,
        expected_workflow=sample.workflow,
        warnings=list(result.warnings),
    )
    if sample.compare_policy:
        other = operations.evaluate_review(
            store, nurse, result.reference, policy=sample.compare_policy
        )
        case.compare = f"{sample.compare_policy}: {other.outcome.value}"
    return case


def _decide(
    store: Store,
    staff: Staff,
    nurse: Session,
    physician: Session,
    case: DemoCase,
    security: Security,
) -> None:
    """The nurse acts on the engine's outcome; a referral goes on to the physician."""
    ref = case.reference
    flags = operations.evaluate_review(store, nurse, ref).review_flags
    if case.outcome == Outcome.MEETS and flags:
        # A nurse may not approve past a physician-review flag: the physician does,
        # with a rationale that acknowledges the flags.
        operations.refer(store, nurse, ref, "Meets criteria; physician review flagged.")
        case.steps.append("nurse referred (physician review flagged)")
        result = operations.approve(
            store,
            physician,
            ref,
            staff.physician.password,
            rationale="Physician review: the flagged points were reviewed and accepted.",
            security=security,
        )
        case.steps.append("physician approved")
        case.authorization_number = result.authorization_number
    elif case.outcome == Outcome.MEETS:
        result = operations.approve(store, nurse, ref, staff.nurse.password, security=security)
        case.steps.append("nurse approved")
        case.authorization_number = result.authorization_number
    elif case.outcome == Outcome.NEEDS_INFORMATION:
        evaluation = operations.evaluate_review(store, nurse, ref)
        result = operations.pend(
            store,
            nurse,
            ref,
            staff.nurse.password,
            missing=information_items(evaluation),
            security=security,
        )
        case.steps.append("nurse pended for information")
    else:
        evaluation = operations.evaluate_review(store, nurse, ref)
        unmet = ", ".join(denial_reasons(evaluation)) or "see the criteria"
        operations.refer(store, nurse, ref, f"Criteria not met ({unmet}): physician review.")
        case.steps.append("nurse referred")
        evaluation = operations.evaluate_review(store, physician, ref)
        result = operations.deny(
            store,
            physician,
            ref,
            staff.physician.password,
            reasons=denial_reasons(evaluation),
            security=security,
        )
        case.steps.append("physician denied")
    case.decision = None if result.decision is None else result.decision.value
    if result.letter_id is not None:
        letter = store.determinations.letter(result.letter_id)
        case.letters.append(DemoLetter(letter.id, str(letter.kind), letter.sha256))


def letter_file_name(reference: str, kind: str) -> str:
    """`PA-2026-005102-approval.pdf`: the reference and the letter's kind."""
    safe = reference.replace("/", "_")
    return f"{safe}-{kind.replace('_', '-')}.pdf"


def letter_pdf(store: Store, letter_id: int) -> bytes:
    """The signed letter's bytes as stored (the demo writes them out unchanged)."""
    return store.determinations.letter(letter_id).pdf
