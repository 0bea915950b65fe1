"""Decisions with a signed letter: approve (A1), deny (A3) and pend for information (A4).

Deciding goes:
1. evaluate the case as saved (request + answers) with the engine;
2. check role, state and outcome (`permissions.check`); a refusal is audited;
3. ask for the password again (a wrong one counts towards the lock and signs
   nothing), unlock the reviewer's key and sign the letter — all before any
   write, so the database write lock is not held while signing;
4. in ONE store transaction: the determination, the letter, the review's new
   state (optimistic revision check) and the audit entries. Any failure rolls
   all of it back: either everything exists or nothing does.

A physician may deny a needs_information case referred as information not
received (`state_changes.information_not_received`), the letter citing each
clause still not documented. pyHanko and reportlab load only when a letter is
signed, not when this module is imported.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import NoReturn

from ixreview.domain.case import Case
from ixreview.domain.engine import resolve_policy
from ixreview.domain.evaluation import Evaluation, Outcome
from ixreview.domain.intake import identity_gaps
from ixreview.domain.policies import PolicyError
from ixreview.letters.errors import DraftPolicyError, LetterError, WrongPasswordError
from ixreview.letters.model import LetterKind
from ixreview.store import Store
from ixreview.workflow import information, letterdata, prefill, review_context
from ixreview.workflow.accounts import (
    DEFAULT_SECURITY,
    Security,
    Session,
    confirm_password,
    signing_credential,
)
from ixreview.workflow.casefile import current_case
from ixreview.workflow.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotPermitted,
    WorkflowError,
)
from ixreview.workflow.keys import check_certificate_role
from ixreview.workflow.outcome_records import add_determination, audit_action, save_state
from ixreview.workflow.permissions import (
    InformationRequest,
    MissingItem,
    Request,
    not_received_denial,
)
from ixreview.workflow.review_context import (
    Result,
    check_action,
    default_months,
    expect_revision,
    load_review,
    open_information,
    policy_key,
)
from ixreview.workflow.states import DECISION_CODES, Action
from ixreview.workflow.trust import signing_extras
from ixreview.workflow.zone import in_zone, plan_zone

_LETTER_KINDS = {
    Action.APPROVE: LetterKind.APPROVAL,
    Action.DENY: LetterKind.DENIAL,
    Action.PEND: LetterKind.REQUEST_FOR_INFORMATION,
}


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
    loaded = load_review(store, session, reference)
    revision = expect_revision(loaded, expected)
    case = current_case(loaded.request, loaded.review)
    _require_identity(case)
    key = policy_key(store, loaded.request, policy)
    evaluation = review_context.evaluate(store, case, key)
    if req.action == Action.PEND:  # the engine's not-documented items are never dropped
        req = replace(req, missing=tuple(prefill.with_engine_items(evaluation, req.missing)))
    info = open_information(store, loaded)
    target = check_action(store, loaded, req, evaluation, info)
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
            months = resolve_policy(case, key).authorization_months or default_months(store)
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
        determination_id = add_determination(
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
        saved = save_state(store, loaded, loaded.review, target, revision)
        audit_action(
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
