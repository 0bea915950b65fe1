"""The GUI's one door to the store and the workflow layer (Anki's "collection" role).

Windows receive a `Desk` (never a global); every user action is one method here
that calls the store or a workflow operation, so widgets hold no business logic.
The store (sqlite-utils) and workflow are imported when the Desk is opened, after
the sign-in window is already on screen, which keeps start-up under a second.

Reviews are saved through `save_review` on every change; the store bumps a
revision per save and refuses a stale one (another window saved meanwhile), which
the GUI shows instead of "Saved".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ixreview.ui.queue_model import QueueEntry
from ixreview.ui.review_state import ALL_FIELDS, Answer, Origin, ReviewState, blank

if TYPE_CHECKING:
    from ixreview.store.models import Letter, User
    from ixreview.store.store import Store
    from ixreview.workflow.accounts import Account, Security, Session
    from ixreview.workflow.demo import ImportedSample
    from ixreview.workflow.permissions import InformationRequest

# Page confirmations, count units and the draft-comparison switch have no column of
# their own in the store yet: they ride in the review's clause comments under this key.
META_KEY = "_checklist"
FIXED_BY_REQUEST = {"reference", "received_at"}


class DeskError(Exception):
    """An action was refused or failed; the message is for the reviewer, in words.

    `field` names the form field at fault when there is one (the dialog shows the
    message there), else None.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.problem = message


def _desk_error(exc: Exception) -> DeskError:
    """A workflow error as a DeskError, keeping the field it names."""
    from ixreview.workflow.errors import InvalidInput

    if isinstance(exc, InvalidInput):
        error = DeskError(str(exc), exc.field)
        error.problem = exc.problem
        return error
    return DeskError(str(exc))


def check_plan_policies(mapping: object) -> None:
    """Refuse a policy-by-plan mapping the import could not use (None: left unchanged)."""
    from ixreview.domain.policies import default_registry

    if mapping is None:
        return
    field = "policy by plan"
    if not isinstance(mapping, dict):
        raise DeskError(f"{field}: expected plan names with a policy id each", field)
    ids = default_registry().ids()
    seen: set[str] = set()
    for plan, policy in mapping.items():
        name = plan.strip() if isinstance(plan, str) else ""
        if not name:
            raise DeskError(f"{field}: a plan name is empty", field)
        if name.casefold() in seen:
            raise DeskError(f"{field}: “{name}” is named twice", field)
        seen.add(name.casefold())
        if policy not in ids:
            raise DeskError(
                f"{field}, {name}: “{policy}” is not a policy id; known: {', '.join(ids)}", field
            )


@dataclass(frozen=True)
class PastCase:
    """What a past case offers: its current determination and letters."""

    reference: str
    decision: str | None  # A1, A3, A4, C
    authorization_number: str | None
    period_start: str | None
    period_end: str | None
    letters: int
    decided: str = ""  # "by Nina Okafor, RN on 2026-11-22 15:42 CST"

    @property
    def can_continue(self) -> bool:
        return self.decision == "A1" and bool(self.authorization_number)


@dataclass
class OpenReview:
    """One review open in a window: its state and the store revision it was loaded at."""

    reference: str
    request_id: int
    review_id: int
    revision: int
    state: ReviewState
    workflow_state: str
    read_only: bool
    saved_policy: str | None = None


class Desk:
    def __init__(self, store: Store, user: User | None = None) -> None:
        self.store = store
        self.user = user
        self.session: Session | None = None
        self._people: dict[int, str] = {}  # user id -> "Full Name, credentials"
        self.security: Security | None = None  # None: the workflow's production defaults
        if user is not None:  # a Desk made for an already known user (tests, tools)
            self.use_account(user)

    def use_account(self, user: User) -> None:
        from ixreview.workflow.accounts import Session, role_of

        self.user = user
        self.session = Session(user.id, user.username, role_of(user), self.store.now())

    # -- opening and signing in --------------------------------------------------------
    @classmethod
    def open(cls, db: Path | str | None) -> Desk:
        from ixreview.store.store import open_store  # sqlite-utils: after the window is up

        try:
            return cls(open_store(db))
        except Exception as exc:  # StoreError and friends: a message, never a traceback
            raise DeskError(str(exc)) from None

    @property
    def actor(self) -> int | None:
        return self.user.id if self.user else None

    def _security(self) -> dict[str, Any]:
        return {} if self.security is None else {"security": self.security}

    def sign_in(self, username: str, password: str) -> User:
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            if accounts.needs_first_admin(self.store):
                raise DeskError(
                    "No accounts exist yet: restart ixreview to create the first administrator."
                )
            self.session = accounts.sign_in(self.store, username, password, **self._security())
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None
        self.user = self.store.users.get(self.session.user_id)
        return self.user

    # -- first start ------------------------------------------------------------------------
    def needs_first_admin(self) -> bool:
        from ixreview.workflow import accounts

        return accounts.needs_first_admin(self.store)

    def account_problems(self, values: dict[str, str], role: str) -> dict[str, str]:
        """What is wrong with each typed field, in words (empty fields are left alone:
        the form says what is missing when it is submitted)."""
        from ixreview.workflow import passwords, validation
        from ixreview.workflow.errors import InvalidInput
        from ixreview.workflow.roles import Role

        problems: dict[str, str] = {}
        wanted = Role(role)
        checks: dict[str, Any] = {
            "username": validation.username,
            "full_name": validation.full_name,
            "credentials": lambda v: validation.credentials(v, wanted),
            "npi": lambda v: validation.npi(v, wanted),
            "p2p_phone": lambda v: validation.phone(v, wanted),
        }
        for name, check in checks.items():
            if values.get(name, "").strip():
                try:
                    check(values[name])
                except InvalidInput as exc:
                    problems[name] = exc.problem
        password = values.get("password", "")
        if password:
            try:
                passwords.check_password(
                    password,
                    username=values.get("username", ""),
                    full_name=values.get("full_name", ""),
                )
            except InvalidInput as exc:
                problems["password"] = exc.problem
        if values.get("confirm") and values.get("confirm") != password:
            problems["confirm"] = "does not match the password"
        return problems

    def create_first_admin(
        self, *, full_name: str, username: str, password: str, organization: str
    ) -> User:
        """Create the first administrator (and the signing authority), then sign them in."""
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            accounts.create_first_admin(
                self.store,
                username=username,
                full_name=full_name,
                password=password,
                organization=organization,
                **self._security(),
            )
        except WorkflowError as exc:
            raise _desk_error(exc) from None
        return self.sign_in(username, password)

    def load_samples(self) -> list[ImportedSample]:
        """Import the shipped sample requests for practice (nothing is decided)."""
        from ixreview.store.errors import StoreError
        from ixreview.workflow import demo
        from ixreview.workflow.errors import WorkflowError

        try:
            return demo.import_samples(self.store, actor=self.actor)
        except (WorkflowError, StoreError) as exc:
            raise DeskError(f"the sample requests were not loaded: {exc}") from None

    # -- accounts (administrators; the workflow refuses anyone else) --------------------------
    def accounts(self, *, include_inactive: bool = False) -> list[Account]:
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            return accounts.list_users(
                self.store, self._session(), include_inactive=include_inactive
            )
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None

    def add_account(self, values: dict[str, str]) -> Account:
        """Add an account and enroll its signing key; `values` are the dialog's fields."""
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        if values.get("password") != values.get("confirm"):
            raise DeskError("confirm: does not match the password", "confirm")
        try:
            return accounts.add_user(
                self.store,
                self._session(),
                username=values.get("username", ""),
                full_name=values.get("full_name", ""),
                role=values.get("role", ""),
                password=values.get("password", ""),
                admin_password=values.get("admin_password", ""),
                credentials=values.get("credentials") or None,
                npi=values.get("npi") or None,
                p2p_phone=values.get("p2p_phone") or None,
                **self._security(),
            )
        except WorkflowError as exc:
            raise _desk_error(exc) from None

    def deactivate_account(self, username: str) -> Account:
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        try:
            return accounts.deactivate_user(self.store, self._session(), username)
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None

    def check_password(self, password: str) -> bool:
        """Unlock after idle: the same user's password (a wrong one counts towards lockout)."""
        from ixreview.workflow import accounts
        from ixreview.workflow.errors import WorkflowError

        if self.session is None:
            return False
        try:
            accounts.unlock(self.store, self.session, password, **self._security())
        except WorkflowError:
            return False
        return True

    def record_lock(self) -> None:
        from ixreview.workflow import accounts

        if self.session is not None:
            accounts.record_idle_lock(self.store, self.session)

    @property
    def is_admin(self) -> bool:
        return self.user is not None and str(self.user.role) in ("admin", "administrator")

    def workflow_role(self) -> Any:
        return None if self.session is None else self.session.role

    # -- decisions (rules enforced by the workflow layer, not here) ---------------------
    def allowed(self, review: OpenReview, action: str, evaluation: Any) -> bool:
        """Whether to enable an action button; the workflow checks again on use."""
        from ixreview.workflow.permissions import allowed
        from ixreview.workflow.states import Action
        from ixreview.workflow.states import ReviewState as FlowState

        role = self.workflow_role()
        if role is None or review.read_only:
            return False
        return allowed(
            role,
            FlowState(review.workflow_state),
            Action(action),
            evaluation,
            information=self.information(review),
            today=self.today(),
        )

    def today(self) -> date:
        """The store clock's date in the plan's zone (the respond-by rules count days on it)."""
        return self.local_now().date()

    def person(self, user_id: int) -> str:
        """A reviewer as the desk names her: "Nina Okafor, RN" (never the user name)."""
        from ixreview.ui.words import reviewer_name

        if user_id not in self._people:
            user = self.store.users.get(user_id)
            self._people[user_id] = reviewer_name(user) if user else f"reviewer {user_id}"
        return self._people[user_id]

    def local_now(self) -> datetime:
        """The store clock's time in the plan's time zone (a setting; the computer's)."""
        from ixreview.workflow.zone import in_zone, plan_zone

        return in_zone(self.store.now(), plan_zone(self.store))

    def zone(self) -> tzinfo | None:
        from ixreview.workflow.zone import plan_zone

        return plan_zone(self.store)

    def shown(self, when: datetime | str) -> str:
        """A stored time as the reviewer reads it, in the plan's zone with the zone named."""
        from ixreview.workflow.zone import shown

        return shown(datetime.fromisoformat(when) if isinstance(when, str) else when, self.zone())

    def information(self, review: OpenReview) -> InformationRequest | None:
        """The review's open request for information (items and dates), or None."""
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        if self.session is None:
            return None
        try:
            return operations.information_request(self.store, self.session, review.reference)
        except WorkflowError:
            return None

    def information_not_received(self, review: OpenReview, note: str) -> str:
        """The information did not arrive by the respond-by date: refer to a physician
        (no password: nothing is signed); returns a line for the status."""
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        try:
            result = operations.information_not_received(
                self.store,
                self._session(),
                review.reference,
                note.strip(),
                expected_revision=review.revision,
            )
        except WorkflowError as exc:
            raise _desk_error(exc) from None
        review.revision = result.revision
        return "Information not received; referred to a physician reviewer."

    # -- queue and import ---------------------------------------------------------------
    def queue(self) -> list[QueueEntry]:
        from ixreview.store.history import HistoryQuery

        out = []
        for state in ("draft", "referred", "pended"):
            from ixreview.store.models import ReviewState as StoreState

            page = self.store.history.search(HistoryQuery(state=StoreState(state)), limit=500)
            for r in page.rows:
                out.append(
                    QueueEntry(
                        r.reference,
                        r.member_name,
                        r.urgency or "not documented",
                        r.state,
                        datetime.fromisoformat(r.decision_due_at),
                    )
                )
        return out

    def import_file(self, path: Path) -> tuple[str, list[str]]:
        """Import a case file; returns (reference, warnings) or raises DeskError."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DeskError(f"{path.name}: cannot be read ({exc})") from None
        return self.import_text(text, path.name)

    def import_text(
        self, text: str, name: str = "case", *, policy: str | None = None
    ) -> tuple[str, list[str]]:
        from ixreview.domain.intake import CaseError
        from ixreview.store.errors import PolicyNotAssignable, StoreError

        try:
            result = self.store.import_case(text, actor=self.actor, policy=policy)
        except CaseError as exc:
            raise DeskError(f"{name} is not a valid case file:\n" + str(exc)) from None
        except PolicyNotAssignable as exc:  # a draft or unknown policy: nothing was imported
            raise DeskError(
                f"{name} was not imported: the policy cannot be assigned.\n{exc}\n"
                "An administrator can set the default policy in Settings."
            ) from None
        except StoreError as exc:
            raise DeskError(str(exc)) from None
        return result.reference, result.warnings

    def _import_new(
        self, make: Any, what: str, policy: str | None = None
    ) -> tuple[str, list[str]]:
        """Import a case the desk made (`make(reference)` -> dict) under a fresh reference."""
        from ixreview.store.errors import DuplicateReferenceError
        from ixreview.ui.new_requests import new_reference

        for _ in range(5):  # a clash of six random hex digits on one day is rare
            data = make(new_reference(self.local_now()))
            try:
                result = self.store.import_case(json.dumps(data), actor=self.actor, policy=policy)
            except DuplicateReferenceError:
                continue
            except Exception as exc:  # CaseError, StoreError: in words, never a traceback
                raise DeskError(f"the {what} could not be created: {exc}") from None
            return result.reference, result.warnings
        raise DeskError(f"the {what} could not be created: no free reference; try again")

    def new_empty_review(
        self, *, first_name: str, last_name: str, member_id: str, urgency: str | None
    ) -> tuple[str, list[str]]:
        """A request with only the member's name (the reviewer enters the rest)."""
        from ixreview.ui.new_requests import empty_case

        now = self.local_now()
        return self._import_new(
            lambda ref: empty_case(
                ref,
                now,
                first_name=first_name,
                last_name=last_name,
                member_id=member_id,
                urgency=urgency,
            ),
            "empty review",
        )

    def start_continuation(self, reference: str) -> tuple[str, list[str]]:
        """A continuation request pre-filled from an approval, linked to its authorization."""
        from ixreview.ui.new_requests import continuation_case

        past = self.past_case(reference)
        if not past.can_continue:
            raise DeskError(
                f"{reference} is not an approval in force: a continuation extends an "
                "approved authorization"
            )
        request = self.store.requests.by_reference(reference)
        intake = json.loads(request.intake_json)
        now = self.local_now()
        assert past.authorization_number is not None
        number = past.authorization_number
        return self._import_new(
            lambda ref: continuation_case(
                intake,
                reference=ref,
                received_at=now,
                authorization_number=number,
                period_start=past.period_start,
                period_end=past.period_end,
            ),
            "continuation request",
            policy=request.policy,
        )

    # -- reviews --------------------------------------------------------------------------
    def open_review(self, reference: str) -> OpenReview:
        from ixreview.store.errors import StoreError

        try:
            view = self.store.view_request(reference, actor=self.actor)
        except StoreError as exc:
            raise DeskError(str(exc)) from None
        request, review = view.request, view.review
        state = ReviewState.from_case(request.case())
        state.policy = request.policy  # fixed at import; None until one is assigned
        for path, answer in review.answers.items():
            if path in state.answers:
                imported = state.answers[path].imported
                state.answers[path] = Answer(answer.value, Origin(answer.origin.value), imported)
        comments = dict(review.clause_comments)
        meta = json.loads(comments.pop(META_KEY, "{}") or "{}")
        state.confirmed = set(meta.get("confirmed", []))
        state.units = dict(meta.get("units", {}))
        state.compare_draft = bool(meta.get("compare_draft", False))
        state.clause_comments = comments
        state.comment = review.comment
        return OpenReview(
            reference,
            request.id,
            review.id,
            review.revision,
            state,
            str(review.state),
            read_only=str(review.state) in ("decided", "cancelled"),
            saved_policy=request.policy,
        )

    def save_review(self, open_review: OpenReview) -> datetime:
        """Autosave through the workflow: every answer, comments, confirmations; one commit.

        Answers equal to the request's are not stored (the request already says
        them); a reviewer's value is stored with its origin (entered / override).
        """
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        s = open_review.state
        answers: dict[str, Any] = {}
        for path in ALL_FIELDS:
            if path in FIXED_BY_REQUEST:
                continue
            a = s.answers[path]
            keep = a.origin in (Origin.ENTERED, Origin.OVERRIDE) and blank(a.value) is not None
            answers[path] = a.value if keep else None
        meta = {
            "confirmed": sorted(s.confirmed),
            "units": s.units,
            "compare_draft": s.compare_draft,
        }
        comments = {**s.clause_comments, META_KEY: json.dumps(meta, sort_keys=True)}
        try:
            with self.store.transaction():
                saved = operations.save_answers(
                    self.store,
                    self._session(),
                    open_review.reference,
                    answers,
                    expected_revision=open_review.revision,
                    clause_comments=comments,
                    comment=s.comment,
                )
        except WorkflowError as exc:
            raise DeskError(str(exc)) from None
        open_review.revision = saved.revision
        return datetime.now(UTC)

    @property
    def may_reassign_policy(self) -> bool:
        """Physicians and administrators reassign a request's policy (the workflow checks)."""
        from ixreview.workflow.roles import Role

        return self.workflow_role() in (Role.PHYSICIAN_REVIEWER, Role.ADMINISTRATOR)

    def reassign_policy(self, review: OpenReview, policy: str, reason: str) -> str:
        """Assign another policy to the request, with a reason (audited by the workflow).

        Returns the new "ID@VERSION". The workflow writes the reason into the review's
        comment, so the open review takes the comment and revision as saved.
        """
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        try:
            new = operations.reassign_policy(
                self.store,
                self._session(),
                review.reference,
                policy,
                reason,
                expected_revision=review.revision,
            )
        except WorkflowError as exc:
            raise _desk_error(exc) from None
        fresh = self.open_review(review.reference)
        review.revision = fresh.revision
        review.saved_policy = fresh.saved_policy  # the caller sets the model's policy
        review.state.comment = fresh.state.comment
        return new

    def cancel(
        self, review: OpenReview, reason_code: str | None, note: str
    ) -> str:
        """Cancel the review (C, no letter): a coded reason, or (physicians,
        administrators) a written one; returns a line for the status."""
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        try:
            result = operations.cancel(
                self.store,
                self._session(),
                review.reference,
                note,
                reason_code=reason_code,
                expected_revision=review.revision,
            )
        except WorkflowError as exc:
            raise _desk_error(exc) from None
        review.revision = result.revision
        return f"Cancelled ({result.state}); no letter is sent."

    def default_policy(self) -> str | None:
        value = self.store.settings.get("policy.default")
        return str(value) if value else None

    def _session(self) -> Session:
        if self.session is None:
            raise DeskError("sign in first")
        return self.session

    def denial_reasons(self, review: OpenReview, evaluation: Any) -> dict[str, str]:
        """The workflow's prefilled reasons for the member, by clause a denial relies on
        (for information not received: what was asked for, when and by when)."""
        from ixreview.workflow import operations
        from ixreview.workflow.errors import WorkflowError

        if evaluation is None or self.session is None:
            return {}
        try:
            return operations.denial_prefill(self.store, self.session, review.reference)
        except WorkflowError:
            return {}

    def decide(
        self,
        review: OpenReview,
        action: str,
        reason: str,
        password: str,
        evaluation: Any,
        *,
        reasons: dict[str, str] | None = None,
    ) -> str:
        """Approve / refer / deny / pend through the workflow; returns a line for the status.

        The workflow re-evaluates the case as saved, checks who may do what, asks
        for the password again and signs the letter, all in one transaction. A
        denial sends `reasons` as given (the decision page's column, as the
        physician read and edited it); without them, the prefill with her comments.
        """
        from ixreview.letters.errors import LetterError
        from ixreview.workflow import operations, prefill
        from ixreview.workflow.errors import WorkflowError

        store, session, ref = self.store, self._session(), review.reference
        revision = review.revision  # the policy is the request's: never passed
        try:
            if action == "approve":
                result = operations.approve(
                    store,
                    session,
                    ref,
                    password,
                    rationale=reason,
                    expected_revision=revision,
                    **self._security(),
                )
            elif action == "refer":
                typed = review.state.comment
                revision = self._note_out_of_comment(review, reason)
                try:
                    result = operations.refer(
                        store, session, ref, reason, expected_revision=revision
                    )
                except WorkflowError:
                    if review.state.comment != typed:  # not referred: the box's text stays
                        review.state.comment = typed
                        self.save_review(review)
                    raise
            elif action == "deny":
                if reasons is None:
                    reasons = operations.denial_prefill(store, session, ref) if evaluation else {}
                    for cid in reasons:  # the physician's own words for a clause win
                        if review.state.clause_comments.get(cid, "").strip():
                            reasons[cid] = review.state.clause_comments[cid].strip()
                result = operations.deny(
                    store,
                    session,
                    ref,
                    password,
                    reasons=reasons,
                    rationale=reason,
                    expected_revision=revision,
                    **self._security(),
                )
            elif action == "pend":
                missing = prefill.information_items(evaluation) if evaluation else []
                result = operations.pend(
                    store,
                    session,
                    ref,
                    password,
                    missing=missing,
                    expected_revision=revision,
                    **self._security(),
                )
            else:
                raise DeskError(f"unknown action {action!r}")
        except (WorkflowError, LetterError) as exc:
            raise DeskError(str(exc)) from None
        review.revision = result.revision
        words = {
            "approve": "Approved",
            "refer": "Referred to a physician reviewer",
            "deny": "Denied",
            "pend": "Pended for information",
        }[action]
        extra = (
            f"; authorization {result.authorization_number}" if result.authorization_number else ""
        )
        letter = "; the signed letter is on record" if result.letter_id else ""
        return f"{words} ({result.state}){extra}{letter}."

    def _note_out_of_comment(self, review: OpenReview, note: str) -> int:
        """The referral note is typed in the review's comment box and the workflow writes
        it into the comment, stamped ("Referred by ..."): saved once, not twice."""
        typed, note = review.state.comment.rstrip(), note.strip()
        if note and typed.endswith(note):
            review.state.comment = typed[: -len(note)].rstrip()
            self.save_review(review)
        return review.revision

    # -- history --------------------------------------------------------------------------
    def history_fetcher(self, text: str, **filters: Any):  # type: ignore[no-untyped-def]
        from ixreview.store.history import HistoryQuery

        query = HistoryQuery(text=text.strip() or None, **filters)

        def fetch(after: str | None, limit: int) -> tuple[list[Any], str | None]:
            page = self.store.history.search(query, limit=limit, after=after)
            return page.rows, page.next_cursor

        return fetch

    # -- past cases and letters -------------------------------------------------------------
    def past_case(self, reference: str) -> PastCase:
        from ixreview.store.errors import StoreError

        try:
            request = self.store.requests.by_reference(reference)
            current = self.store.determinations.current(request.id)
            letters = sum(
                len(self.store.determinations.letters(d.id))
                for d in self.store.determinations.for_request(request.id)
            )
        except StoreError as exc:
            raise DeskError(str(exc)) from None
        if current is None:
            return PastCase(reference, None, None, None, None, letters)
        return PastCase(
            reference,
            str(current.decision),
            current.authorization_number,
            current.period_start,
            current.period_end,
            letters,
            f"by {self.person(current.decider_id)} on {self.shown(current.decided_at)}",
        )

    def letters(self, reference: str) -> list[bytes]:
        return [letter.pdf for letter in self.letter_records(reference)]

    def letter_records(self, reference: str) -> list[Letter]:
        """Every signed letter of a request, oldest first (viewing them is audited)."""
        from ixreview.store.errors import StoreError

        try:
            return list(self.store.view_request(reference, actor=self.actor).letters)
        except StoreError as exc:
            raise DeskError(str(exc)) from None

    def record_letter_output(self, letter: Letter, how: str, *, reprint: bool) -> None:
        """Audit a letter leaving the app: `how` is "printed" or "exported" (saved as a file).

        The details name ids only (never the path, which may carry a member's name).
        """
        from ixreview.store.models import AuditAction

        action = {"printed": AuditAction.PRINTED, "exported": AuditAction.EXPORTED}[how]
        self.store.audit.append(
            action,
            "letter",
            letter.id,
            actor=self.actor,
            details={
                "determination_id": letter.determination_id,
                "kind": letter.kind,
                "reprint": reprint,
                "via": "gui",
            },
        )

    # -- settings -------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        return self.store.settings.get(key, default)

    def settings_form(self) -> dict[str, Any]:
        """The administrator's settings as the settings dialog shows them."""
        from ixreview.store.intake import PLAN_POLICY_SETTING
        from ixreview.workflow.letterdata import LETTERHEAD_SETTING
        from ixreview.workflow.zone import TIME_ZONE_SETTING

        head = self.setting(LETTERHEAD_SETTING) or {}
        return {
            "plan_name": head.get("name"),
            "plan_address": head.get("address_lines"),
            "plan_phone": head.get("phone"),
            "plan_logo": head.get("logo_path"),
            "expedited_hours": self.setting("clock.expedited_hours"),
            "standard_days": self.setting("clock.standard_days"),
            "authorization_months": self.setting("authorization.default_months"),
            "idle_minutes": self.setting("idle_lock_minutes"),
            "default_policy": self.setting("policy.default"),
            "plan_policies": self.setting(PLAN_POLICY_SETTING) or {},
            "time_zone": self.setting(TIME_ZONE_SETTING),
        }

    def save_settings_form(self, values: dict[str, Any]) -> None:
        """Write the dialog's values in one transaction; the letterhead is validated first."""
        from pydantic import ValidationError

        from ixreview.letters.model import PlanLetterhead
        from ixreview.store.intake import PLAN_POLICY_SETTING
        from ixreview.workflow.letterdata import set_letterhead
        from ixreview.workflow.zone import TIME_ZONE_SETTING, zone_named

        if not self.is_admin:
            raise DeskError("only an administrator may change settings")
        check_plan_policies(values.get("plan_policies"))
        head = None
        if values.get("plan_name"):
            try:
                head = PlanLetterhead(
                    name=values["plan_name"],
                    address_lines=values.get("plan_address") or [],
                    phone=values.get("plan_phone") or "",
                    logo_path=values.get("plan_logo") or None,
                )
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise DeskError(f"letterhead {where}: {first['msg']}") from None
        keys = {
            "expedited_hours": "clock.expedited_hours",
            "standard_days": "clock.standard_days",
            "authorization_months": "authorization.default_months",
            "idle_minutes": "idle_lock_minutes",
            "default_policy": "policy.default",
            "plan_policies": PLAN_POLICY_SETTING,
        }
        with self.store.transaction():
            if head is not None:
                set_letterhead(self.store, head, actor=self.actor)
            for name, key in keys.items():
                if values.get(name) is not None:
                    self.store.settings.set(key, values[name], actor=self.actor)
            if "time_zone" in values and values["time_zone"] != self.setting(TIME_ZONE_SETTING):
                zone = values["time_zone"]
                self.store.settings.set(
                    TIME_ZONE_SETTING, zone_named(zone).key if zone else None, actor=self.actor
                )

    # -- reports (Tools > Policy impact, Tools > Metrics) ---------------------------------
    def policy_impact(self, policy: str, **options: Any) -> Any:
        """`workflow.impact.replay` (options: start, end, members, progress, cancelled).

        Safe on a worker thread: it opens its own connection to the same database
        (a SQLite connection belongs to the thread that opened it)."""
        from ixreview.store.store import open_store
        from ixreview.workflow import impact
        from ixreview.workflow.errors import WorkflowError

        try:
            with open_store(self.store.path, clock=self.store.now) as store:
                return impact.replay(store, self._session(), policy, **options)
        except WorkflowError as exc:
            raise _desk_error(exc) from None

    def impact_export(self, report: Any, fmt: str) -> bytes:
        """The committee packet ("pdf") or the table ("csv") of a replay; audited."""
        import csv
        import io

        from ixreview.workflow import impact

        if fmt == "pdf":
            return impact.packet(self.store, self._session(), report)
        buffer = io.StringIO()
        csv.writer(buffer).writerows(report.csv_rows())
        impact.record_export(self.store, self._session(), report, "csv")
        return buffer.getvalue().encode("utf-8")

    def metrics(self, start: date, end: date, period: str) -> Any:
        from ixreview.workflow import metrics
        from ixreview.workflow.errors import WorkflowError

        try:
            return metrics.metrics(
                self.store, self._session(), start=start, end=end,
                period=metrics.parse_period(period),
            )  # fmt: skip
        except WorkflowError as exc:
            raise _desk_error(exc) from None

    def close(self) -> None:
        self.store.close()
