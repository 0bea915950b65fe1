"""Reading and moving records that hold PHI: each needs a signed-in, active account.

HIPAA's unique user identification and audit controls: the command line and the
GUI read, import, export, back up and restore the case database only for a
signed-in user, whose id the audit entries then name (never "no user").
Backups and restores copy every member's records: administrators only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ixreview.store import (
    Determination,
    HistoryPage,
    HistoryQuery,
    HistoryRow,
    ImportResult,
    NotFoundError,
    RequestView,
    ReviewState,
    Store,
    User,
)
from ixreview.workflow.accounts import Session, active_user, role_of
from ixreview.workflow.errors import NotPermitted
from ixreview.workflow.roles import Role


def reader(store: Store, session: Session) -> User:
    """The signed-in account, re-read now: a deactivated or locked one is refused."""
    return active_user(store, session)


def administrator(store: Store, session: Session, what: str) -> User:
    user = active_user(store, session)
    if role_of(user) != Role.ADMINISTRATOR:
        raise NotPermitted(f"only an administrator may {what}")
    return user


def import_case(
    store: Store, session: Session, raw_text: str, *, policy: str | None = None
) -> ImportResult:
    """Import one request (an `ixreview-case/1` file or a PAS request Bundle); audited as
    created by the signed-in user."""
    return import_text(store, reader(store, session).id, raw_text, policy=policy)


def import_text(
    store: Store, actor: int | None, raw_text: str, *, policy: str | None = None
) -> ImportResult:
    """The one import door for a desk that already holds its signed-in user's id: a PAS
    request Bundle is recognised and mapped, anything else is read as a case file.
    Raises CaseError (each problem with its field or FHIR path), nothing stored."""
    from ixreview.pas import looks_like_bundle  # json only; fhir.resources on a Bundle

    if looks_like_bundle(raw_text):
        from ixreview.workflow.pas import import_bundle

        return import_bundle(store, actor, raw_text, policy=policy)
    require_identity(raw_text)
    return store.import_case(raw_text, actor=actor, policy=policy, lab_max_age_days=_lab_age(store))


def import_started(
    store: Store, session: Session, case_json: str, *, policy: str | None = None
) -> ImportResult:
    """A request the desk itself starts (a new empty review, a continuation): the
    reviewer fills in what it lacks, so identity is not required here; deciding still
    refuses until it is. Raises DuplicateReferenceError when the reference is taken."""
    actor = reader(store, session).id
    return store.import_case(
        case_json, actor=actor, policy=policy, lab_max_age_days=_lab_age(store)
    )


def _lab_age(store: Store) -> int:
    """What the import's warnings judge old labs by: the plan's limit (a setting)."""
    from ixreview.workflow.plan_rules import plan_rules

    return plan_rules(store).lab_max_age_days


def require_identity(case_json: str) -> None:
    """A request that arrives names who it is for and who asks, or it is not imported:
    the member's ID, name, birth date and address, the prescriber's name and NPI
    (CaseError naming each missing field). Only the desk's own "new empty review"
    starts without them, and deciding refuses until they are filled. A text the case
    reader cannot parse is left to the import's own messages.
    """
    from ixreview.domain.intake import CaseError, check_importable, parse_case_json

    try:
        case = parse_case_json(case_json)
    except CaseError:
        return
    check_importable(case)


def import_file(
    store: Store, actor: int | None, path: Path, *, policy: str | None = None
) -> ImportResult:
    """Import a case file or PAS Bundle chosen by a reviewer: at most the size limit is
    read (a bigger file is refused before it is decoded), then `import_text`.
    Raises CaseError; an unreadable file is a CaseError naming the file."""
    from ixreview.domain.intake import CaseError, Finding, read_case_bytes
    from ixreview.domain.limits import MAX_DOCUMENT_BYTES

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise CaseError([Finding("file", f"cannot be read ({exc.strerror})")]) from None
    return import_text(store, actor, read_case_bytes(raw), policy=policy)


def view(store: Store, session: Session, reference: str) -> RequestView:
    """One request with its review, determinations and letters; audited as viewed."""
    return store.view_request(reference, actor=reader(store, session).id)


def history_page(
    store: Store, session: Session, query: HistoryQuery, page: int, per_page: int
) -> HistoryPage:
    """One page of the history search; audited as viewed (filters named, not their values)."""
    user = reader(store, session)
    return _viewed(store, user, query, store.history.page(query, page, limit=per_page))


def history_search(
    store: Store, session: Session, query: HistoryQuery, *, limit: int, after: str | None
) -> HistoryPage:
    """One keyset page of the history search (the desk's list scrolls page by page);
    audited as viewed like `history_page`."""
    user = reader(store, session)
    result = store.history.search(query, limit=limit, after=after)
    return _viewed(store, user, query, result, more=bool(after))


def _viewed(
    store: Store, user: User, query: HistoryQuery, result: HistoryPage, **details: object
) -> HistoryPage:
    """The audit entry of a history page shown: its filters (never their values), rows."""
    store.audit.append(
        "viewed",
        "history",
        None,
        actor=user.id,
        details={"filters": query.used_filters(), "rows": len(result.rows), **details},
    )
    return result


QUEUE_STATES = (ReviewState.DRAFT, ReviewState.REFERRED, ReviewState.PENDED)
QUEUE_LIMIT = 500  # per state; the queue is a work list, not a search


def work_queue(store: Store, session: Session) -> list[HistoryRow]:
    """The open requests (draft, referred, pended) a reviewer works from. Not audited
    per refresh (other desks' changes refresh it); opening one is."""
    reader(store, session)
    rows: list[HistoryRow] = []
    for state in QUEUE_STATES:
        rows += store.history.search(HistoryQuery(state=state), limit=QUEUE_LIMIT).rows
    return rows


@dataclass(frozen=True)
class DecisionSummary:
    """What a past case offers: its current determination (None: undecided) and how
    many signed letters its determinations have."""

    current: Determination | None
    letters: int


def decision_summary(store: Store, session: Session, reference: str) -> DecisionSummary:
    """The current determination of `reference` and its letter count (the history's
    row and a closed case's banner show them; not audited: the list already shows the
    decision). Raises NotFoundError."""
    reader(store, session)
    request = store.requests.by_reference(reference)
    letters = sum(
        len(store.determinations.letters(d.id))
        for d in store.determinations.for_request(request.id)
    )
    return DecisionSummary(store.determinations.current(request.id), letters)


def export_csv(store: Store, session: Session, query: HistoryQuery, path: Path) -> int:
    """The matching history as CSV (owner-only file); audited as exported."""
    return store.export_csv(query, path, actor=reader(store, session).id)


def backup(store: Store, session: Session, target: Path) -> Path:
    return store.backup(target, actor=administrator(store, session, "back up the database").id)


def restore(store: Store, session: Session, source: Path) -> Path:
    user = administrator(store, session, "restore the database")
    return store.restore(source, actor=user.id)


def reviewer_id(store: Store, username: str) -> int | None:
    """The id of the account named `username` (a history filter), or None."""
    user = store.users.by_username(username)
    return None if user is None else user.id


def reviewer_account(store: Store, user_id: int) -> User | None:
    """The account a record names (a decider, a claim's holder), so the desk can show
    her name and credentials; None when no such account exists."""
    try:
        return store.users.get(user_id)
    except NotFoundError:
        return None


def pinned_policy(store: Store, request_id: int) -> str | None:
    """The policy version fixed on a request at import ("ID@VERSION")."""
    return store.requests.get(request_id).policy
