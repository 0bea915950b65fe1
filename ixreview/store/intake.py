"""Importing requests, and reading them back.

A request is stored exactly as received (the raw JSON text) beside the columns
history search needs; its `created` audit entry holds the SHA-256 of that text (and
of the PAS Bundle kept with it), so `audit verify` shows an intake edited afterwards
(store/intake_check.py). Import refuses a reference already on record, warns
about the member's open reviews and authorizations still in force, and links a
continuation to the approval it continues.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ixreview.domain.case import Case
from ixreview.domain.clock import SETTING_KEYS
from ixreview.domain.intake import parse_case_json, plausibility_warnings
from ixreview.domain.limits import LAB_MAX_AGE_DAYS
from ixreview.domain.policies import PolicyError, default_registry
from ixreview.store.clock import decision_due, utc_iso
from ixreview.store.errors import DuplicateReferenceError, NotFoundError, PolicyNotAssignable
from ixreview.store.folding import fold
from ixreview.store.intake_check import creation_hashes
from ixreview.store.models import (
    OPEN_STATES,
    AuditAction,
    ImportResult,
    RequestRecord,
    RequestView,
    ReviewState,
)
from ixreview.store.pas import PasIntake
from ixreview.store.rows import REQUEST_COLUMNS, dict_rows, one, request_record

if TYPE_CHECKING:
    from ixreview.store.store import Store

# The policy a request is reviewed against when the request names none (an
# administrator's setting, "ING-CC-0090"); pinned to its version at import.
DEFAULT_POLICY_SETTING = "policy.default"
# {"<member plan name>": "<policy id>"}: the policy each plan uses, matched on the
# intake's member.plan without regard to case or surrounding spaces.
PLAN_POLICY_SETTING = "policy.by_plan"


def policy_for_plan(mapping: object, plan: str | None) -> str | None:
    """The policy id the settings give for this member's plan, if any."""
    if not plan or not isinstance(mapping, dict):
        return None
    wanted = plan.strip().casefold()
    for name, policy in mapping.items():
        if isinstance(name, str) and name.strip().casefold() == wanted and policy:
            return str(policy)
    return None


# The current (not superseded) determination of a request.
CURRENT = "NOT EXISTS (SELECT 1 FROM determinations s WHERE s.supersedes_id = d.id)"


class RequestRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- import --------------------------------------------------------------
    def import_case(
        self,
        raw_text: str,
        *,
        actor: int | None = None,
        policy: str | None = None,
        pas: PasIntake | None = None,
        lab_max_age_days: int = LAB_MAX_AGE_DAYS,
    ) -> ImportResult:
        """Validate and record one case; raises CaseError, DuplicateReferenceError or
        PolicyNotAssignable. `lab_max_age_days`: the plan's rule its warnings judge old
        labs by (the workflow passes the setting).

        The policy is fixed here, on the request, as "ID@VERSION": the version in force
        on the day the request was received (`policy`, else the `policy.default`
        setting). Deciding always uses it; only a separate, audited reassignment
        changes it. With neither, the request is imported without a policy.
        """
        case = parse_case_json(raw_text)
        warnings = [str(f) for f in plausibility_warnings(case, lab_max_age_days)]
        store = self._store
        pinned = self.pin_policy(case, policy)
        if pinned is None:
            warnings.append(
                "policy: none named and no default policy is set; a physician or an "
                "administrator must assign one before the request can be decided"
            )
        with store.transaction():
            if self._id_of(case.reference) is not None:
                raise DuplicateReferenceError(
                    f'reference: a request with reference "{case.reference}" is already on '
                    "record; it was not imported again"
                )
            warnings += self._member_warnings(case)
            continuation_of, link_warnings = self._continuation_link(case)
            warnings += link_warnings
            if case.urgency is None:
                warnings.append("urgency: not documented; the standard decision clock applies")
            clock_settings = {key: store.settings.get(key) for key in SETTING_KEYS}
            due = decision_due(case.received_at, case.urgency, case.member.plan, clock_settings)
            now = utc_iso(store.now())
            member = case.member
            cur = store.conn.execute(
                "INSERT INTO requests (reference, intake_json, received_at, received_on, urgency,"
                " decision_due_at, member_id, member_name, member_name_folded, birth_date, plan,"
                " policy, request_type, continuation_of, imported_at, imported_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case.reference,
                    raw_text,
                    utc_iso(case.received_at),
                    case.received_on.isoformat(),
                    None if case.urgency is None else case.urgency.value,
                    utc_iso(due),
                    member.id,
                    member.full_name,
                    fold(member.full_name),
                    None if member.birth_date is None else member.birth_date.isoformat(),
                    member.plan,
                    pinned,
                    None if case.request_type is None else case.request_type.value,
                    continuation_of,
                    now,
                    actor,
                ),
            )
            request_id = int(cur.lastrowid or 0)
            cur = store.conn.execute(
                "INSERT INTO reviews (request_id, state, created_at, updated_at, updated_by)"
                " VALUES (?, ?, ?, ?, ?)",
                (request_id, ReviewState.DRAFT.value, now, now, actor),
            )
            review_id = int(cur.lastrowid or 0)
            if pas is not None:  # the PAS Bundle as received, beside the derived request
                store.pas.attach(request_id, pas)
            store.audit.append(
                AuditAction.CREATED,
                "request",
                request_id,
                actor=actor,
                details={
                    "review_id": review_id,
                    "urgency": None if case.urgency is None else case.urgency.value,
                    "continuation_of": continuation_of,
                    "policy": pinned,
                    "warnings": len(warnings),
                    **({"received_as": "pas_bundle"} if pas is not None else {}),
                    # What was received, as stored: `audit verify` recomputes these.
                    **creation_hashes(raw_text, None if pas is None else pas.bundle_json),
                },
            )
        return ImportResult(
            request_id=request_id,
            review_id=review_id,
            reference=case.reference,
            decision_due_at=utc_iso(due),
            continuation_of=continuation_of,
            warnings=warnings,
        )

    def pin_policy(self, case: Case, policy: str | None) -> str | None:
        """`policy` (else the policy of the member's plan, else the default setting) as
        "ID@VERSION" in force on the received date.

        A draft version is refused: it may be compared with, never decided under.
        """
        where = "policy"
        key = (policy or "").strip()
        if not key:
            by_plan = policy_for_plan(
                self._store.settings.get(PLAN_POLICY_SETTING), case.member.plan
            )
            setting = by_plan or self._store.settings.get(DEFAULT_POLICY_SETTING)
            if not setting:
                return None
            source = PLAN_POLICY_SETTING if by_plan else DEFAULT_POLICY_SETTING
            key, where = str(setting).strip(), f"policy (the {source} setting)"
        try:
            version = default_registry().get(key, on=case.received_on)
        except PolicyError as exc:
            raise PolicyNotAssignable(f"{where}: {exc}") from None
        if version.status == "draft":
            raise PolicyNotAssignable(
                f"{where}: {version.key} is a draft policy version, for what-if comparison "
                f"only; name the policy without a version (the version in force on "
                f"{case.received_on.isoformat()} is used) or a version in force"
            )
        return version.key

    def _member_warnings(self, case: Case) -> list[str]:
        if case.member.id is None:
            return ["member.id: not documented; earlier requests of this member were not checked"]
        conn = self._store.conn
        out: list[str] = []
        states = tuple(s.value for s in OPEN_STATES)
        for row in dict_rows(
            conn.execute(
                "SELECT r.reference, v.state FROM requests r JOIN reviews v ON v.request_id = r.id"
                f" WHERE r.member_id = ? AND v.state IN ({', '.join('?' * len(states))})"
                " ORDER BY r.received_at",
                (case.member.id, *states),
            )
        ):
            out.append(
                f"duplicate request? The member already has request {row['reference']} "
                f"under review ({row['state']})"
            )
        day = (case.medication.requested_start or case.received_on).isoformat()
        for row in dict_rows(
            conn.execute(
                "SELECT r.reference, d.authorization_number, d.period_start, d.period_end"
                " FROM requests r JOIN determinations d ON d.request_id = r.id"
                f" WHERE r.member_id = ? AND d.decision = 'A1' AND {CURRENT}"
                " AND d.period_end >= ? ORDER BY d.period_end",
                (case.member.id, day),
            )
        ):
            out.append(
                f"overlapping request? Authorization {row['authorization_number']} "
                f"(request {row['reference']}) is in force from {row['period_start']} "
                f"to {row['period_end']}"
            )
        return out

    def _continuation_link(self, case: Case) -> tuple[int | None, list[str]]:
        if not case.is_continuation:
            return None, []
        conn = self._store.conn
        wanted = case.continuation.prior_authorization if case.continuation else None
        if wanted:
            row = one(
                conn.execute(
                    "SELECT d.id, r.member_id FROM determinations d"
                    " JOIN requests r ON r.id = d.request_id"
                    f" WHERE d.authorization_number = ? AND d.decision = 'A1' AND {CURRENT}",
                    (wanted,),
                )
            )
            if row is None:
                return None, [
                    f"continuation.prior_authorization: authorization {wanted} is not on record"
                ]
            if row["member_id"] != case.member.id:
                return None, [
                    f"continuation.prior_authorization: authorization {wanted} belongs to "
                    "another member; not linked"
                ]
            return int(row["id"]), []
        if case.member.id is None:
            return None, []
        row = one(
            conn.execute(
                "SELECT d.id FROM requests r JOIN determinations d ON d.request_id = r.id"
                f" WHERE r.member_id = ? AND d.decision = 'A1' AND {CURRENT}"
                " ORDER BY d.decided_at DESC LIMIT 1",
                (case.member.id,),
            )
        )
        if row is None:
            return None, ["continuation: no earlier approval of this member is on record"]
        return int(row["id"]), []

    # -- reading -------------------------------------------------------------
    def _id_of(self, reference: str) -> int | None:
        row = self._store.conn.execute(
            "SELECT id FROM requests WHERE reference = ?", (reference,)
        ).fetchone()
        return None if row is None else int(row[0])

    def get(self, request_id: int) -> RequestRecord:
        row = one(
            self._store.conn.execute(
                f"SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?", (request_id,)
            )
        )
        if row is None:
            raise NotFoundError(f"no request with id {request_id}")
        return request_record(row)

    def by_reference(self, reference: str) -> RequestRecord:
        request_id = self._id_of(reference)
        if request_id is None:
            raise NotFoundError(f'no request with reference "{reference}" is on record')
        return self.get(request_id)

    def set_policy(self, request_id: int, policy: str, *, actor: int | None = None) -> str:
        """Reassign the policy (pinned as "ID@VERSION" in force on the received date).

        Who may do this is the workflow's rule (`operations.reassign_policy`); the store
        only pins the version, refuses drafts and audits the change. Returns the key.
        """
        if not policy.strip():
            raise PolicyNotAssignable("policy: name the policy to assign (e.g. ING-CC-0090)")
        with self._store.transaction():
            request = self.get(request_id)
            pinned = self.pin_policy(request.case(), policy)
            assert pinned is not None  # a non-empty policy always pins or raises
            self._store.conn.execute(
                "UPDATE requests SET policy = ? WHERE id = ?", (pinned, request_id)
            )
            self._store.audit.append(
                AuditAction.CHANGED,
                "request",
                request_id,
                actor=actor,
                details={"fields": ["policy"], "from": request.policy, "policy": pinned},
            )
        return pinned

    def view(self, reference: str, *, actor: int | None = None) -> RequestView:
        """Everything about one request; writes a 'viewed' audit entry."""
        store = self._store
        with store.transaction():
            request = self.by_reference(reference)
            review = store.reviews.for_request(request.id)
            determinations = store.determinations.for_request(request.id)
            letters = [
                letter for d in determinations for letter in store.determinations.letters(d.id)
            ]
            store.audit.append(AuditAction.VIEWED, "request", request.id, actor=actor)
        return RequestView(request, review, determinations, letters)

    def member_requests(self, member_id: str) -> list[RequestRecord]:
        rows = self._store.conn.execute(
            f"SELECT {REQUEST_COLUMNS} FROM requests WHERE member_id = ?"
            " ORDER BY received_at DESC, id DESC",
            (member_id,),
        )
        return [request_record(r) for r in dict_rows(rows)]
