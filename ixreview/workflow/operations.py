"""Review operations: one small function per reviewer action (Anki style).

The GUI's buttons and the CLI's `decide` call these; the rules live in
`permissions` and `states`, and are checked here on every call against the
account as stored now (a deactivated or locked user can do nothing).

Deciding (approve, deny, pend) goes:
1. evaluate the case as saved (request + answers) with the engine;
2. check role, state and outcome (`permissions.check`); a refusal is audited;
3. ask for the password again (a wrong one counts towards the lock and signs
   nothing), unlock the reviewer's key and sign the letter — all before any
   write, so the database write lock is not held while signing;
4. in ONE store transaction: the determination, the letter, the review's new
   state (optimistic revision check) and the audit entries. Any failure rolls
   all of it back: either everything exists or nothing does.

A review pended past its request for information's respond-by date (store
clock) may be referred to a physician as "information not received"
(`information_not_received`); the physician may then deny the
needs_information case, the letter citing each clause still not documented.

Audit details carry ids, codes and roles only, never PHI.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, NoReturn

from ixreview.domain import clock
from ixreview.domain.case import Case, Urgency
from ixreview.domain.engine import resolve_policy
from ixreview.domain.evaluation import Evaluation, Outcome
from ixreview.domain.intake import identity_gaps
from ixreview.domain.policies import PolicyError
from ixreview.letters.errors import DraftPolicyError, LetterError, WrongPasswordError
from ixreview.letters.model import LetterKind
from ixreview.store import (
    ConflictError,
    HistoryQuery,
    InvalidRecordError,
    NewDetermination,
    NotFoundError,
    PolicyNotAssignable,
    RequestRecord,
    Review,
    Store,
    User,
)
from ixreview.store import DecisionCode as StoreDecisionCode
from ixreview.store import ReviewState as StoreReviewState
from ixreview.store.clock import utc_iso
from ixreview.workflow import information, letterdata, prefill
from ixreview.workflow.accounts import (
    DEFAULT_SECURITY,
    Security,
    Session,
    active_user,
    confirm_password,
    role_of,
    signing_credential,
)
from ixreview.workflow.casefile import answer_for, check_path, current_case
from ixreview.workflow.errors import (
    AuthenticationFailed,
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
    NotPermitted,
    WorkflowError,
)
from ixreview.workflow.keys import check_certificate_role
from ixreview.workflow.permissions import (
    CancelReason,
    InformationRequest,
    MissingItem,
    Request,
    check,
    denial_reasons,
    not_received_denial,
    relied_on,
)
from ixreview.workflow.plan_rules import plan_rules
from ixreview.workflow.roles import Role
from ixreview.workflow.states import DECISION_CODES, Action, DecisionCode, ReviewState
from ixreview.workflow.trust import signing_extras
from ixreview.workflow.zone import in_zone, plan_zone, shown

DEFAULT_POLICY_SETTING = "policy.default"  # e.g. "ING-CC-0090", when a request names none

_LETTER_KINDS = {
    Action.APPROVE: LetterKind.APPROVAL,
    Action.DENY: LetterKind.DENIAL,
    Action.PEND: LetterKind.REQUEST_FOR_INFORMATION,
}
_AUDIT_WORDS = {
    Action.APPROVE: "approved",
    Action.DENY: "denied",
    Action.REFER: "referred",
    Action.PEND: "pended",
    Action.RESUME: "resumed",
    Action.INFO_NOT_RECEIVED: information.NOT_RECEIVED_AUDIT,
    Action.CANCEL: "cancelled",
}


@dataclass(frozen=True)
class Result:
    """What an action did; the GUI shows it, the CLI prints it."""

    action: Action
    state: ReviewState
    revision: int
    decision: DecisionCode | None = None
    determination_id: int | None = None
    letter_id: int | None = None
    letter_sha256: str | None = None
    authorization_number: str | None = None


@dataclass(frozen=True)
class _Loaded:
    user: User
    role: Role
    request: RequestRecord
    review: Review

    @property
    def state(self) -> ReviewState:
        return ReviewState(self.review.state.value)


def _load(store: Store, session: Session, reference: str) -> _Loaded:
    user = active_user(store, session)
    try:
        request = store.requests.by_reference(reference.strip())
        review = store.reviews.for_request(request.id)
    except NotFoundError as exc:
        raise NotFound(str(exc)) from None
    return _Loaded(user, role_of(user), request, review)


def _expect(loaded: _Loaded, expected_revision: int | None) -> int:
    current = loaded.review.revision
    if expected_revision is not None and expected_revision != current:
        raise Conflict(
            f"review {loaded.review.id} was changed by another window or user since you opened "
            f"it (revision {current}, yours {expected_revision}); reload it and try again"
        )
    return current


def _information(store: Store, loaded: _Loaded) -> InformationRequest | None:
    return information.open_request(store, loaded.request.id, loaded.review.id)


def _today(store: Store) -> date:
    """The store clock's date in the plan's zone: the one respond-by dates are counted in."""
    return in_zone(store.now(), plan_zone(store)).date()


def _check(
    store: Store,
    loaded: _Loaded,
    request: Request,
    ev: Evaluation | None,
    info: InformationRequest | None = None,
) -> ReviewState:
    """Permission check; a refusal is audited (what was tried and why, no PHI)."""
    try:
        return check(loaded.role, loaded.state, request, ev, information=info, today=_today(store))
    except (NotPermitted, IllegalTransition) as exc:
        store.audit.append(
            "refused",
            "review",
            loaded.review.id,
            actor=loaded.user.id,
            details={
                "action": request.action.value,
                "role": loaded.role.value,
                "state": loaded.state.value,
                "why": type(exc).__name__,
            },
        )
        raise


# -- reading ----------------------------------------------------------------------


def policy_key(store: Store, request: RequestRecord, policy: str | None = None) -> str:
    """The policy the request is decided under: always the one fixed on the request.

    A caller's `policy` that names another policy (or another version) is refused:
    the decider does not choose the policy. Reassigning it is `reassign_policy`.
    """
    key = request.policy
    if not key:
        raise InvalidInput(
            "policy",
            "no policy is assigned to this request; a physician reviewer or an "
            "administrator must assign one (ixreview reassign-policy) before it is decided",
        )
    if policy and policy.strip() and not _same_policy(request, policy.strip(), key):
        raise NotPermitted(
            f"this request is reviewed under {key}, fixed when it was imported; a decision "
            f"cannot use {policy.strip()}. A physician reviewer or an administrator may "
            "reassign the policy, with a reason"
        )
    return str(key)


def _same_policy(request: RequestRecord, wanted: str, key: str) -> bool:
    if wanted == key:
        return True
    try:
        return resolve_policy(request.case(), wanted).key == resolve_policy(request.case(), key).key
    except PolicyError:
        return False


def _default_months(store: Store) -> int:
    return plan_rules(store).default_months


def _evaluate(store: Store, case: Case, key: str) -> Evaluation:
    return plan_rules(store).evaluate(case, key)


def evaluate_review(
    store: Store, session: Session, reference: str, *, policy: str | None = None
) -> Evaluation:
    """The engine's evaluation of the case as saved (request + answers).

    Under the request's policy; `policy` evaluates under another one for a
    what-if comparison only (never for a decision: `approve`, `deny` and `pend`
    always use the request's policy).
    """
    loaded = _load(store, session, reference)
    case = current_case(loaded.request, loaded.review)
    key = policy.strip() if policy and policy.strip() else policy_key(store, loaded.request)
    return _evaluate(store, case, key)


def denial_prefill(store: Store, session: Session, reference: str) -> dict[str, str]:
    """Reasons to prefill a denial with, by clause (the physician edits them).

    The unmet clauses' plain-language reasons; for a needs_information case
    referred as information not received, each undocumented clause with what was
    asked for, when, and by when (wording from denial.yaml).
    """
    loaded = _load(store, session, reference)
    case = current_case(loaded.request, loaded.review)
    evaluation = _evaluate(store, case, policy_key(store, loaded.request))
    info = _information(store, loaded)
    if info is not None and not_received_denial(evaluation, info):
        return {c.id: information.not_received_reason(c, info) for c in relied_on(evaluation, info)}
    return denial_reasons(evaluation)


def information_request(
    store: Store, session: Session, reference: str
) -> InformationRequest | None:
    """The review's open request for information (items, dates, whether recorded as
    not received), or None; for the GUI to show the due date and enable buttons."""
    loaded = _load(store, session, reference)
    return _information(store, loaded)


# -- the policy a request is reviewed against ---------------------------------------

_REASSIGNING_ROLES = frozenset({Role.PHYSICIAN_REVIEWER, Role.ADMINISTRATOR})


def reassign_policy(
    store: Store,
    session: Session,
    reference: str,
    policy: str,
    reason: str,
    *,
    expected_revision: int | None = None,
) -> str:
    """Assign another policy to an open request (physicians and administrators only).

    The new policy is pinned to the version in force on the received date (a draft
    is refused). The reason goes on the review's record (it may name clinical facts,
    so the audit entry carries only the policy keys). Returns the new key.
    """
    loaded = _load(store, session, reference)
    revision = _expect(loaded, expected_revision)
    if loaded.role not in _REASSIGNING_ROLES:
        store.audit.append(
            "refused",
            "review",
            loaded.review.id,
            actor=loaded.user.id,
            details={
                "action": "reassign_policy",
                "role": loaded.role.value,
                "state": loaded.state.value,
                "why": "NotPermitted",
            },
        )
        raise NotPermitted(
            "only a physician reviewer or an administrator may reassign a request's policy; "
            "refer the case to a physician reviewer with a comment"
        )
    if not loaded.state.is_open:
        raise IllegalTransition(
            f"cannot reassign the policy of a review that is already {loaded.state.label}: "
            "a closed review is never changed"
        )
    if not reason.strip():
        raise InvalidInput("reason", "reassigning the policy needs a reason")
    if not policy.strip():
        raise InvalidInput("policy", "name the policy to assign (for example ING-CC-0090)")
    old = loaded.request.policy
    stamp = shown(store.now(), plan_zone(store))
    try:
        with store.transaction():
            new = store.requests.set_policy(loaded.request.id, policy.strip(), actor=loaded.user.id)
            entry = (
                f"Policy reassigned by {loaded.user.full_name} ({stamp}) from "
                f"{old or 'none'} to {new}: {reason.strip()}"
            )
            review = replace(loaded.review, comment=f"{loaded.review.comment}\n\n{entry}".strip())
            store.reviews.save(review, revision, actor=loaded.user.id)
            store.audit.append(
                "policy_reassigned",
                "review",
                loaded.review.id,
                actor=loaded.user.id,
                details={
                    "request_id": loaded.request.id,
                    "role": loaded.role.value,
                    "from": old,
                    "to": new,
                    "reason_given": True,
                },
            )
    except PolicyNotAssignable as exc:
        raise InvalidInput("policy", str(exc).removeprefix("policy: ")) from None
    except ConflictError as exc:
        raise Conflict(str(exc)) from None
    return new


def _clock_rules(store: Store) -> dict[clock.PlanType, clock.ClockRule]:
    settings = {k: store.settings.get(k) for k in clock.SETTING_KEYS}
    return clock.rules_from_settings({k: v for k, v in settings.items() if v is not None})


def _clock_status(
    rules: Mapping[clock.PlanType, clock.ClockRule],
    received_at: str,
    urgency: str | None,
    plan: str | None,
    now: datetime,
) -> clock.ClockStatus:
    level = None if urgency is None else Urgency(urgency)
    received = datetime.fromisoformat(received_at)
    due = clock.due_at(received, level, clock.plan_type_of(plan), rules)
    return clock.status(due, now)


def decision_clock(
    store: Store, request: RequestRecord, now: datetime | None = None
) -> clock.ClockStatus:
    """Due time and time left, per plan type and urgency (settings)."""
    return _clock_status(
        _clock_rules(store),
        request.received_at,
        request.urgency,
        request.plan,
        now or store.now(),
    )


@dataclass(frozen=True)
class QueueItem:
    """One open review in the work queue (holds PHI: for the screen only, never logs)."""

    reference: str
    member_name: str
    state: ReviewState
    urgency: str | None
    clock: clock.ClockStatus
    actionable: bool  # whether the signed-in user's role may act on it in this state


def queue(store: Store, session: Session, *, now: datetime | None = None) -> list[QueueItem]:
    """Every open review, most urgent first (overdue at the top); audited as viewed."""
    user = active_user(store, session)
    role = role_of(user)
    if not role.reviews:
        raise NotPermitted("administrators manage accounts and do not review")
    rules = _clock_rules(store)
    moment = now or store.now()
    items: list[QueueItem] = []
    for state in (ReviewState.DRAFT, ReviewState.REFERRED, ReviewState.PENDED):
        query = HistoryQuery(state=StoreReviewState(state.value))
        for row in store.history.iter_all(query):
            items.append(
                QueueItem(
                    reference=row.reference,
                    member_name=row.member_name,
                    state=state,
                    urgency=row.urgency,
                    clock=_clock_status(rules, row.received_at, row.urgency, row.plan, moment),
                    actionable=not (role == Role.NURSE_REVIEWER and state == ReviewState.REFERRED),
                )
            )
    items.sort(key=lambda i: (i.clock.due_at, i.reference))
    store.audit.append("viewed", "queue", None, actor=user.id, details={"count": len(items)})
    return items


# -- saving -----------------------------------------------------------------------


def save_answers(
    store: Store,
    session: Session,
    reference: str,
    answers: Mapping[str, Any],
    *,
    expected_revision: int,
    clause_comments: Mapping[str, str] | None = None,
    comment: str | None = None,
) -> Review:
    """Autosave: the changed answers (and comments) as one transaction.

    A value of None clears the answer (back to what the request said).
    Returns the review with its new revision; the GUI shows "saved" only then.
    """
    with store.transaction():  # the checks read what the write replaces
        return _save_answers(
            store, session, reference, answers, expected_revision, clause_comments, comment
        )


def _save_answers(
    store: Store,
    session: Session,
    reference: str,
    answers: Mapping[str, Any],
    expected_revision: int,
    clause_comments: Mapping[str, str] | None,
    comment: str | None,
) -> Review:
    loaded = _load(store, session, reference)
    _expect(loaded, expected_revision)
    _check(store, loaded, Request(Action.SAVE), None)
    for path in answers:
        check_path(path)
    now = utc_iso(store.now())
    merged = dict(loaded.review.answers)
    for path, value in answers.items():
        if value is None:
            merged.pop(path, None)
        else:
            merged[path] = answer_for(loaded.request, path, value, user_id=loaded.user.id, at=now)
    review = replace(
        loaded.review,
        answers=merged,
        clause_comments=dict(clause_comments)
        if clause_comments is not None
        else loaded.review.clause_comments,
        comment=loaded.review.comment if comment is None else comment,
    )
    try:
        return store.reviews.save(review, expected_revision, actor=loaded.user.id)
    except ConflictError as exc:
        raise Conflict(str(exc)) from None


def save_answer(
    store: Store,
    session: Session,
    reference: str,
    path: str,
    value: Any,
    *,
    expected_revision: int,
) -> Review:
    """Save one checklist answer (its origin: imported, entered or override)."""
    return save_answers(
        store, session, reference, {path: value}, expected_revision=expected_revision
    )


# -- state changes without a letter -----------------------------------------------


def refer(
    store: Store,
    session: Session,
    reference: str,
    comment: str,
    *,
    expected_revision: int | None = None,
) -> Result:
    """Refer to a physician reviewer, with a comment for them."""
    return _change_state(
        store, session, reference, Request(Action.REFER, comment=comment), expected_revision
    )


def resume_from_pend(
    store: Store,
    session: Session,
    reference: str,
    note: str = "",
    *,
    expected_revision: int | None = None,
) -> Result:
    """The requested information arrived: the review is a draft again."""
    return _change_state(
        store, session, reference, Request(Action.RESUME, comment=note), expected_revision
    )


def information_not_received(
    store: Store,
    session: Session,
    reference: str,
    note: str = "",
    *,
    expected_revision: int | None = None,
) -> Result:
    """The requested information did not arrive by the respond-by date: refer to a physician.

    Nurses and physicians, only once the date has passed (store clock). The reason
    goes on the review's record; the audit entry names the request for information.
    """
    return _change_state(
        store,
        session,
        reference,
        Request(Action.INFO_NOT_RECEIVED, comment=note),
        expected_revision,
    )


def cancel(
    store: Store,
    session: Session,
    reference: str,
    reason: str = "",
    *,
    reason_code: CancelReason | str | None = None,
    expected_revision: int | None = None,
) -> Result:
    """Cancel an open review (determination C; no letter).

    A nurse cancels only for a coded reason (`CancelReason`: withdrawn by the
    prescriber, duplicate request, member not eligible), with an optional note;
    physicians and administrators may also give a written reason alone.
    """
    code = None
    if reason_code is not None:
        try:
            code = CancelReason(reason_code)
        except ValueError:
            known = ", ".join(c.value for c in CancelReason)
            raise InvalidInput(
                "reason_code", f'"{reason_code}" is not a cancel reason code ({known})'
            ) from None
    req = Request(Action.CANCEL, comment=reason, reason_code=code)
    return _change_state(store, session, reference, req, expected_revision)


def _change_state(
    store: Store, session: Session, reference: str, req: Request, expected: int | None
) -> Result:
    loaded = _load(store, session, reference)
    revision = _expect(loaded, expected)
    info = _information(store, loaded) if req.action == Action.INFO_NOT_RECEIVED else None
    target = _check(store, loaded, req, None, info)
    note = req.comment.strip()
    if req.reason_code is not None:
        note = f"Cancelled: {req.reason_code.words}." + (f" {note}" if note else "")
    if info is not None:
        note = (
            f"Information not received: requested on {info.requested_on:%Y-%m-%d}, to be "
            f"sent by {info.respond_by:%Y-%m-%d}." + (f" {note}" if note else "")
        )
    review = loaded.review
    headings = {
        Action.REFER: "Referred",
        Action.RESUME: "Resumed",
        Action.INFO_NOT_RECEIVED: "Referred to a physician reviewer",
    }
    if note and req.action in headings:
        stamp = shown(store.now(), plan_zone(store))
        entry = f"{headings[req.action]} by {loaded.user.full_name} ({stamp}): {note}"
        review = replace(review, comment=f"{review.comment}\n\n{entry}".strip())
    with store.transaction():
        determination_id = None
        if req.action == Action.CANCEL:
            determination_id = _add_determination(
                store, loaded, DecisionCode.CANCELLED, None, rationale=note
            )
        saved = _save_state(store, loaded, review, target, revision)
        extra: dict[str, Any] | None = None
        if req.reason_code is not None:
            extra = {"reason_code": req.reason_code.value}
        if info is not None:  # the request for information that went unanswered
            determination_id = info.determination_id
            extra = {"reason_code": "information_not_received"}
        _audit(store, loaded, req.action, determination_id=determination_id, extra=extra)
        if info is not None:
            determination_id = None  # no determination of its own
    return Result(
        action=req.action,
        state=target,
        revision=saved.revision,
        decision=DECISION_CODES.get(req.action),
        determination_id=determination_id,
    )


# -- decisions with a signed letter -------------------------------------------------


def approve(
    store: Store,
    session: Session,
    reference: str,
    password: str,
    *,
    rationale: str = "",
    policy: str | None = None,
    expected_revision: int | None = None,
    security: Security = DEFAULT_SECURITY,
) -> Result:
    """Approve (A1), signing the approval letter; against the engine only with a rationale."""
    req = Request(Action.APPROVE, rationale=rationale)
    return _decide(store, session, reference, password, req, policy, expected_revision, security)


def deny(
    store: Store,
    session: Session,
    reference: str,
    password: str,
    *,
    reasons: Mapping[str, str],
    rationale: str = "",
    policy: str | None = None,
    expected_revision: int | None = None,
    security: Security = DEFAULT_SECURITY,
) -> Result:
    """Deny (A3, physicians only) with a reason per unmet criterion; signs the denial letter.

    Prefill `reasons` with `permissions.denial_reasons(evaluation)` and let the
    physician edit them.
    """
    req = Request(Action.DENY, rationale=rationale, reasons=dict(reasons))
    return _decide(store, session, reference, password, req, policy, expected_revision, security)


def pend(
    store: Store,
    session: Session,
    reference: str,
    password: str,
    *,
    missing: Sequence[MissingItem],
    policy: str | None = None,
    expected_revision: int | None = None,
    security: Security = DEFAULT_SECURITY,
) -> Result:
    """Pend for information (A4); signs the request-for-information letter.

    The letter always asks for every item the engine found not documented, with its
    plain reason (`prefill.with_engine_items`); `missing` rewords those items (same
    item text) or adds the reviewer's own.
    """
    req = Request(Action.PEND, missing=tuple(missing))
    return _decide(store, session, reference, password, req, policy, expected_revision, security)


def _decide(
    store: Store,
    session: Session,
    reference: str,
    password: str,
    req: Request,
    policy: str | None,
    expected: int | None,
    security: Security,
) -> Result:
    loaded = _load(store, session, reference)
    revision = _expect(loaded, expected)
    case = current_case(loaded.request, loaded.review)
    _require_identity(case)
    key = policy_key(store, loaded.request, policy)
    evaluation = _evaluate(store, case, key)
    if req.action == Action.PEND:  # the engine's not-documented items are never dropped
        req = replace(req, missing=tuple(prefill.with_engine_items(evaluation, req.missing)))
    info = _information(store, loaded)
    target = _check(store, loaded, req, evaluation, info)
    signer = confirm_password(store, session, password, purpose="sign", security=security)
    credential = signing_credential(signer)
    check_certificate_role(
        store, credential, loaded.role, user_id=signer.id, review_id=loaded.review.id
    )
    now = in_zone(store.now(), plan_zone(store))  # the letter's time, in the plan's zone
    today = now.date()
    terms = None
    respond_by = (
        letterdata.information_respond_by(store, case, today) if req.action == Action.PEND else None
    )
    if req.action == Action.APPROVE:
        try:
            months = resolve_policy(case, key).authorization_months or _default_months(store)
        except PolicyError as exc:
            raise InvalidInput("policy", str(exc)) from None
        number = f"IXA-{today:%Y%m%d}-{secrets.token_hex(3).upper()}"
        continues = letterdata.continued_authorization(store, loaded.request.continuation_of)
        terms = letterdata.approval_terms(case, evaluation, number, months, continues=continues)
    data = letterdata.build(
        kind=_LETTER_KINDS[req.action],
        plan=letterdata.letterhead(store),
        case=case,
        evaluation=evaluation,
        signer=signer,
        signer_role=loaded.role,
        decision_date=today,
        approval=terms,
        reasons=req.reasons,
        missing=req.missing,
        respond_by=respond_by,
        information=info if req.action == Action.DENY else None,
    )
    from ixreview.letters.signing import sign_letter  # loads reportlab; pyHanko on use

    try:
        signed = sign_letter(data, credential, password, now=now, **signing_extras(store))
    except (WrongPasswordError, DraftPolicyError, LetterError) as exc:
        # Outside any transaction: the failure stays on record although nothing else is
        # written. Ids and the error's class only (a letter error may quote the case).
        store.audit.append(
            "sign_failed",
            "review",
            loaded.review.id,
            actor=signer.id,
            details={
                "request_id": loaded.request.id,
                "action": req.action.value,
                "role": loaded.role.value,
                "why": type(exc).__name__,
            },
        )
        _raise_sign_failure(exc)
    code = DECISION_CODES[req.action]
    unanswered = req.action == Action.DENY and not_received_denial(evaluation, info)
    against = _against_engine(req.action, evaluation) and not unanswered
    with store.transaction():
        determination_id = _add_determination(
            store,
            loaded,
            code,
            evaluation,
            rationale=_rationale(req, evaluation, respond_by, info if unanswered else None),
            terms=terms,
        )
        letter = store.determinations.add_letter(
            determination_id,
            signed.pdf,
            signer_id=signer.id,
            signed_at=signed.signed_at,
            kind=_LETTER_KINDS[req.action].value,
            actor=signer.id,
        )
        saved = _save_state(store, loaded, loaded.review, target, revision)
        _audit(
            store,
            loaded,
            req.action,
            determination_id=determination_id,
            letter_id=letter.id,
            extra={"against_engine": against, "policy": evaluation.policy.key}
            | ({"information_not_received": True} if unanswered else {}),
        )
    return Result(
        action=req.action,
        state=target,
        revision=saved.revision,
        decision=code,
        determination_id=determination_id,
        letter_id=letter.id,
        letter_sha256=letter.sha256,
        authorization_number=None if terms is None else terms.authorization_number,
    )


def _require_identity(case: Case) -> None:
    """No decision or letter for nobody: who the request is for and who asks.

    Import refuses such a request already; this holds for answers changed since
    and for requests imported before the rule.
    """
    gaps = identity_gaps(case)
    if gaps:
        raise InvalidInput(
            ", ".join(g.path for g in gaps),
            "not documented; a request cannot be decided or lettered without the member's "
            "ID, name, birth date and address and the prescriber's name and NPI",
        )


def _raise_sign_failure(exc: Exception) -> NoReturn:
    if isinstance(exc, WrongPasswordError):
        raise AuthenticationFailed(
            "your password does not open your signing key: nothing was signed; ask an "
            "administrator to enroll a new signing credential"
        ) from None
    if isinstance(exc, DraftPolicyError):
        raise NotPermitted(str(exc)) from None
    raise WorkflowError(f"the letter could not be signed: {exc}") from None


def _against_engine(action: Action, evaluation: Evaluation) -> bool:
    if action == Action.APPROVE:
        return evaluation.outcome != Outcome.MEETS
    if action == Action.DENY:
        return evaluation.outcome != Outcome.DOES_NOT_MEET
    return False


def _rationale(
    req: Request,
    evaluation: Evaluation,
    respond_by: date | None = None,
    unanswered: InformationRequest | None = None,
) -> str:
    parts = [req.rationale.strip()] if req.rationale.strip() else []
    if unanswered is not None:
        parts.append(
            f"Information requested on {unanswered.requested_on:%Y-%m-%d} (determination "
            f"{unanswered.determination_id}), to be sent by {unanswered.respond_by:%Y-%m-%d}, "
            "was not received."
        )
    if req.action == Action.APPROVE and not parts:
        parts.append(f"Meets the criteria of {evaluation.policy.key}.")
    if req.action == Action.APPROVE and evaluation.review_flags:
        parts.append("Physician-review flags acknowledged: " + "; ".join(evaluation.review_flags))
    if req.action == Action.DENY:
        parts += [f"{cid}: {text.strip()}" for cid, text in req.reasons.items()]
    if req.action == Action.PEND:
        assert respond_by is not None
        parts += information.pend_rationale(req.missing, respond_by)
    return "\n".join(parts)


def _add_determination(
    store: Store,
    loaded: _Loaded,
    code: DecisionCode,
    evaluation: Evaluation | None,
    *,
    rationale: str,
    terms: letterdata.ApprovalTerms | None = None,
) -> int:
    """Record the determination; one that follows a pend supersedes the pend's A4."""
    if evaluation is None:  # a cancellation records the evaluation as it stands, if any
        evaluation = _evaluation_for_record(store, loaded)
    current = store.determinations.current(loaded.request.id)
    correction = None
    if current is not None:
        correction = (
            f"follows the request for information of {current.decided_at[:10]} "
            f"(determination {current.id})"
        )
    try:
        det = store.determinations.add(
            NewDetermination(
                request_id=loaded.request.id,
                review_id=loaded.review.id,
                evaluation=evaluation,
                decision=StoreDecisionCode(code.value),
                decider_id=loaded.user.id,
                decider_role=loaded.role.value,
                rationale=rationale,
                authorization_number=None if terms is None else terms.authorization_number,
                period_start=None if terms is None else terms.period_from,
                period_end=None if terms is None else terms.period_to,
                units=None if terms is None else terms.units_total,
                supersedes_id=None if current is None else current.id,
                correction_reason=correction,
            ),
            actor=loaded.user.id,
        )
    except InvalidRecordError as exc:
        raise WorkflowError(f"the determination could not be recorded: {exc}") from None
    return det.id


def _evaluation_for_record(store: Store, loaded: _Loaded) -> Evaluation:
    try:
        case = current_case(loaded.request, loaded.review)
        return _evaluate(store, case, policy_key(store, loaded.request))
    except InvalidInput:
        raise InvalidInput(
            "case",
            "the case cannot be evaluated as saved; correct it (or assign a policy) "
            "before cancelling, so the record shows what was known",
        ) from None


def _save_state(
    store: Store, loaded: _Loaded, review: Review, target: ReviewState, revision: int
) -> Review:
    try:
        saved = store.reviews.save(
            replace(review, state=StoreReviewState(target.value)),
            revision,
            actor=loaded.user.id,
        )
    except ConflictError as exc:
        raise Conflict(str(exc)) from None
    if target != ReviewState.DRAFT:  # resumed from a pend, she works on: the claim stays
        from ixreview.workflow.teamwork import hand_on

        hand_on(store, loaded.request.id, loaded.user.id)
    return saved


def _audit(
    store: Store,
    loaded: _Loaded,
    action: Action,
    *,
    determination_id: int | None = None,
    letter_id: int | None = None,
    extra: Mapping[str, Any] | None = None,
) -> None:
    details: dict[str, Any] = {
        "request_id": loaded.request.id,
        "role": loaded.role.value,
        "from": loaded.state.value,
    }
    if determination_id is not None:
        details["determination_id"] = determination_id
    if letter_id is not None:
        details["letter_id"] = letter_id
    details.update(extra or {})
    store.audit.append(
        _AUDIT_WORDS[action], "review", loaded.review.id, actor=loaded.user.id, details=details
    )
