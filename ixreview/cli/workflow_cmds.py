"""Workflow commands: `ixreview user add|list|deactivate` and `ixreview decide`.

The same rules as the GUI, because both call `ixreview.workflow`. Passwords are
never command-line arguments (they would show in `ps` and shell history): they
are prompted for without echo, or read as one line from a file descriptor
given with `--password-fd N` (e.g. `--password-fd 3 3<secret-file`).

Refused input exits with status 2, a refused or failed action with status 1,
always with a one-line message and never a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import click

from ixreview.cli.outfiles import readable_fd
from ixreview.workflow import accounts, deactivation, operations
from ixreview.workflow.accounts import DEFAULT_SECURITY, Account, Security, Session
from ixreview.workflow.errors import WorkflowError
from ixreview.workflow.gate import (
    DuplicateReferenceError,
    NotFoundError,
    PolicyNotAssignable,
    Store,
    StoreError,
    open_store,
    system_now,
)
from ixreview.workflow.permissions import CancelReason, MissingItem
from ixreview.workflow.prefill import with_engine_items
from ixreview.workflow.roles import Role
from ixreview.workflow.states import Action

# Argon2 parameters: the library defaults. Tests replace this module attribute
# with cheap ones; there is deliberately no option or variable to weaken it.
SECURITY: Security = DEFAULT_SECURITY

_MAX_SECRET = 1024

# A practice database may run its clock ahead (to live past a respond-by date in a
# walkthrough). Forward only, in whole days, announced on every command; the moved
# time is what the audit log and any signed letter carry.
PRACTICE_CLOCK_ENV = "IXREVIEW_PRACTICE_DAYS_AHEAD"
_MAX_DAYS_AHEAD = 366


class Refused(click.ClickException):
    """A refused or failed action: exit status 1."""

    exit_code = 1


class BadInput(click.ClickException):
    """Input that cannot be used: exit status 2."""

    exit_code = 2


def fail(message: str, exit_code: int = 1) -> click.ClickException:
    """The one-line error for `exit_code` (2: bad input, 1: refused or failed)."""
    return BadInput(message) if exit_code == 2 else Refused(message)


@contextmanager
def _store(ctx: click.Context) -> Iterator[Store]:
    """The case database for one command; store and workflow errors become one-line
    messages with exit status 2 (bad input) or 1 (refused or failed)."""
    db = (ctx.obj or {}).get("db")
    clock = _practice_clock()
    try:
        store = open_store(db, clock=clock)
    except StoreError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    except WorkflowError as exc:
        raise fail(str(exc), exc.exit_code) from None
    except (NotFoundError, DuplicateReferenceError, PolicyNotAssignable) as exc:
        raise fail(str(exc), 2) from None
    except StoreError as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()


def _practice_clock() -> Callable[[], datetime]:
    raw = os.environ.get(PRACTICE_CLOCK_ENV, "").strip()
    if not raw:
        return system_now
    if not raw.isdigit() or not 0 < int(raw) <= _MAX_DAYS_AHEAD:
        raise fail(
            f"{PRACTICE_CLOCK_ENV}: a whole number of days from 1 to {_MAX_DAYS_AHEAD}", 2
        )
    days = int(raw)
    click.echo(f"Practice clock: {days} days ahead of this computer's clock.", err=True)
    return lambda: system_now() + timedelta(days=days)


def _read_fd(fd: int, option: str) -> str:
    """One line from a file descriptor, read byte by byte so a second line stays unread."""
    data = bytearray()
    try:
        while len(data) <= _MAX_SECRET:
            chunk = os.read(fd, 1)
            if not chunk or chunk == b"\n":
                break
            data += chunk
    except OSError as exc:
        raise fail(f"{option}: cannot read file descriptor {fd}: {exc.strerror}", 2) from None
    text = data.decode("utf-8", "replace").rstrip("\r")
    if not text:
        raise fail(f"{option}: file descriptor {fd} gave no password", 2)
    return text


def _password(fd: int | None, option: str, prompt: str, *, confirm: bool = False) -> str:
    if fd is not None:
        return _read_fd(fd, option)
    value: str = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)
    return value


def _sign_in(store: Store, username: str, fd: int | None) -> tuple[Session, str]:
    """Sign in (every command that acts as a user); shows `Session.notice` on stderr."""
    password = _password(fd, "--password-fd", f"Password for {username}")
    session = accounts.sign_in(store, username, password, security=SECURITY)
    if session.notice:
        click.echo(f"Notice: {session.notice}", err=True)
    return session, password


password_fd_option = click.option(
    "--password-fd",
    type=int,
    callback=readable_fd,
    metavar="N",
    help="Read the password from file descriptor N (one line) instead of prompting.",
)
as_option = click.option(
    "--as",
    "acting",
    metavar="ADMIN",
    help="The administrator doing this (asked for their password).",
)


# -- user --------------------------------------------------------------------------


@click.group("user")
def user() -> None:
    """Reviewer and administrator accounts (never deleted, only deactivated)."""


@user.command("add")
@click.argument("username")
@click.option("--full-name", required=True, help="Printed on letters and signatures.")
@click.option(
    "--role",
    required=True,
    type=click.Choice([r.value for r in Role]),
    help="What the account may do.",
)
@click.option("--credentials", metavar="RN|MD|DO|PharmD", help="Professional credential.")
@click.option("--npi", help="Physician reviewers: their National Provider Identifier.")
@click.option("--p2p-phone", help="Physician reviewers: peer-to-peer phone for denial letters.")
@click.option(
    "--organization",
    help="First administrator only: the organization named by the signing authority.",
)
@as_option
@password_fd_option
@click.option(
    "--new-password-fd",
    type=int,
    callback=readable_fd,
    metavar="N",
    help="Read the new account's password from file descriptor N instead of prompting.",
)
@click.pass_context
def add(
    ctx: click.Context,
    username: str,
    full_name: str,
    role: str,
    credentials: str | None,
    npi: str | None,
    p2p_phone: str | None,
    organization: str | None,
    acting: str | None,
    password_fd: int | None,
    new_password_fd: int | None,
) -> None:
    """Add an account and enroll its signing credential.

    On a new database the first account must be an administrator (no --as):
    it also creates the organization's signing authority.
    """
    with _store(ctx) as store:
        if accounts.needs_first_admin(store):
            if role != Role.ADMINISTRATOR.value:
                raise fail("--role: the first account must be an administrator", 2)
            if not organization:
                raise fail("--organization: name the organization for the first administrator", 2)
            new_password = _password(
                new_password_fd,
                "--new-password-fd",
                f"New password for {username}",
                confirm=True,
            )
            account = accounts.create_first_admin(
                store,
                username=username,
                full_name=full_name,
                password=new_password,
                organization=organization,
                credentials=credentials,
                security=SECURITY,
            )
            click.echo(
                f'Created the first administrator "{account.username}" and the signing '
                f"authority of {organization.strip()}."
            )
            return
        if not acting:
            raise fail("--as: name the administrator who adds the account", 2)
        session, admin_password = _sign_in(store, acting, password_fd)
        new_password = _password(
            new_password_fd, "--new-password-fd", f"New password for {username}", confirm=True
        )
        account = accounts.add_user(
            store,
            session,
            username=username,
            full_name=full_name,
            role=role,
            password=new_password,
            admin_password=admin_password,
            credentials=credentials,
            npi=npi,
            p2p_phone=p2p_phone,
            security=SECURITY,
        )
        signing = " with a signing credential" if account.can_sign else ""
        click.echo(f'Added {account.role.label} "{account.username}" ({_who(account)}){signing}.')


@user.command("list")
@as_option
@password_fd_option
@click.option("--all", "include_inactive", is_flag=True, help="Include deactivated accounts.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_(
    ctx: click.Context,
    acting: str | None,
    password_fd: int | None,
    include_inactive: bool,
    as_json: bool,
) -> None:
    """List accounts (administrators only)."""
    if not acting:
        raise fail("--as: name the administrator who lists the accounts", 2)
    with _store(ctx) as store:
        session, _ = _sign_in(store, acting, password_fd)
        found = accounts.list_users(store, session, include_inactive=include_inactive)
    if as_json:
        click.echo(json.dumps([_account_json(a) for a in found], indent=2, ensure_ascii=False))
        return
    for a in found:
        status = "active" if a.active else "deactivated"
        click.echo(f"{a.username:<16} {a.role.label:<19} {status:<11} {_who(a)}")


@user.command("deactivate")
@click.argument("username")
@as_option
@password_fd_option
@click.pass_context
def deactivate(
    ctx: click.Context, username: str, acting: str | None, password_fd: int | None
) -> None:
    """Deactivate an account (it stays on record: determinations name their decider).

    The administrator's password also opens the organization's signing authority,
    which publishes a revocation list naming the account's certificate. If it
    cannot (e.g. this computer does not pin the root), the account is deactivated
    all the same and the command fails (status 1) saying why the certificate is
    not revoked yet.
    """
    if not acting:
        raise fail("--as: name the administrator who deactivates the account", 2)
    with _store(ctx) as store:
        session, admin_password = _sign_in(store, acting, password_fd)
        done = deactivation.deactivate_and_revoke(
            store, session, username, admin_password, security=SECURITY
        )
    name = done.account.username
    click.echo(f'Deactivated "{name}"; the account can no longer sign in.')
    if done.revoked:
        click.echo("Its certificate is revoked: the revocation list names it.")
    elif done.revoked is False:
        raise fail(f'the certificate of "{name}" is NOT revoked yet: {done.not_revoked_reason}.')


def _who(a: Account) -> str:
    return f"{a.full_name}, {a.credentials}" if a.credentials else a.full_name


def _account_json(a: Account) -> dict[str, Any]:
    return {
        "username": a.username,
        "full_name": a.full_name,
        "role": a.role.value,
        "credentials": a.credentials,
        "npi": a.npi,
        "p2p_phone": a.p2p_phone,
        "active": a.active,
        "locked_until": None if a.locked_until is None else a.locked_until.isoformat(),
        "can_sign": a.can_sign,
    }


# -- decide ------------------------------------------------------------------------

_ACTION_FLAGS = ("approve", "refer", "deny", "pend", "resume", "info_not_received", "cancel")


@click.command("decide")
@click.argument("reference")
@click.option("--approve", is_flag=True, help="Approve (A1) and sign the approval letter.")
@click.option("--refer", is_flag=True, help="Refer to a physician reviewer (--reason: comment).")
@click.option("--deny", is_flag=True, help="Deny (A3, physicians) and sign the denial letter.")
@click.option("--pend", is_flag=True, help="Pend for information (A4) and sign the request.")
@click.option("--resume", is_flag=True, help="The pended information arrived: back to draft.")
@click.option(
    "--info-not-received",
    is_flag=True,
    help="The pended information did not arrive by its respond-by date: refer to a physician "
    "(--reason: a note).",
)
@click.option(
    "--cancel",
    is_flag=True,
    help="Cancel the review (C): nurses with --reason-code; physicians also with --reason.",
)
@click.option(
    "--reason",
    "reasons",
    multiple=True,
    metavar="TEXT",
    help="approve/deny: rationale; refer: comment; cancel: reason; resume: note; "
    'pend: a missing item, "ITEM" or "ITEM: WHY" (repeatable; default: what the engine '
    "found missing).",
)
@click.option(
    "--clause-reason",
    "clause_reasons",
    multiple=True,
    metavar="ID=TEXT",
    help="deny: replace the prefilled reason for one unmet clause (repeatable).",
)
@click.option(
    "--reason-code",
    type=click.Choice([c.value for c in CancelReason]),
    help="cancel: withdrawn (by the prescriber), duplicate (request), not_eligible (member).",
)
@click.option("--user", "username", required=True, metavar="USERNAME", help="Who decides.")
@password_fd_option
@click.pass_context
def decide(
    ctx: click.Context,
    reference: str,
    reasons: tuple[str, ...],
    clause_reasons: tuple[str, ...],
    reason_code: str | None,
    username: str,
    password_fd: int | None,
    approve: bool,
    refer: bool,
    deny: bool,
    pend: bool,
    resume: bool,
    info_not_received: bool,
    cancel: bool,
) -> None:
    """Approve, refer, deny, pend, resume, mark information not received, or cancel.

    The same rules as in the application: a nurse approves only a case that
    meets criteria with no physician-review flag and refers the rest; only a
    physician denies. A review pended past its respond-by date is referred with
    --info-not-received; a physician may then deny it for the information not
    received (--deny). The decision is made under the policy fixed on the request
    (see `ixreview reassign-policy`).
    """
    flags = {
        "approve": approve,
        "refer": refer,
        "deny": deny,
        "pend": pend,
        "resume": resume,
        "info_not_received": info_not_received,
        "cancel": cancel,
    }
    chosen = [name for name in _ACTION_FLAGS if flags[name]]
    if len(chosen) != 1:
        raise fail(
            "choose exactly one of --approve, --refer, --deny, --pend, --resume, "
            "--info-not-received, --cancel",
            2,
        )
    action = Action(chosen[0])
    if clause_reasons and action != Action.DENY:
        raise fail("--clause-reason: only for --deny", 2)
    if reason_code and action != Action.CANCEL:
        raise fail("--reason-code: only for --cancel", 2)
    edits = _clause_edits(clause_reasons)
    text = "\n".join(r.strip() for r in reasons if r.strip())
    with _store(ctx) as store:
        session, password = _sign_in(store, username, password_fd)
        _echo_engine(store, session, reference, action)
        result = _run(
            store, session, password, action, reference, text, reasons, edits, reason_code
        )
    click.echo(_summary(reference, username, result))


def _echo_engine(store: Store, session: Session, reference: str, action: Action) -> None:
    """The engine's outcome and physician-review flags, before anything is decided."""
    if action in (Action.RESUME, Action.INFO_NOT_RECEIVED, Action.CANCEL):
        return
    try:
        ev = operations.evaluate_review(store, session, reference)
    except WorkflowError:
        return  # the action itself reports the problem
    click.echo(f"{reference}: engine outcome {ev.outcome.value} under {ev.policy.key}")
    for flag in ev.review_flags:
        click.echo(f"  physician review needed: {flag}")


def _run(
    store: Store,
    session: Session,
    password: str,
    action: Action,
    reference: str,
    text: str,
    reasons: tuple[str, ...],
    edits: dict[str, str],
    reason_code: str | None,
) -> operations.Result:
    if action == Action.REFER:
        return operations.refer(store, session, reference, text)
    if action == Action.RESUME:
        return operations.resume_from_pend(store, session, reference, text)
    if action == Action.INFO_NOT_RECEIVED:
        return operations.information_not_received(store, session, reference, text)
    if action == Action.CANCEL:
        return operations.cancel(store, session, reference, text, reason_code=reason_code)
    if action == Action.APPROVE:
        return operations.approve(
            store, session, reference, password, rationale=text, security=SECURITY
        )
    if action == Action.DENY:
        prefilled = operations.denial_prefill(store, session, reference)
        unknown = sorted(set(edits) - set(prefilled))
        if unknown:
            raise fail(
                f"--clause-reason: {', '.join(unknown)} is not a criterion this denial relies on"
                + (f" (unmet: {', '.join(prefilled)})" if prefilled else ""),
                2,
            )
        return operations.deny(
            store,
            session,
            reference,
            password,
            reasons={**prefilled, **edits},
            rationale=text,
            security=SECURITY,
        )
    evaluation = operations.evaluate_review(store, session, reference)
    own = [_missing_item(r) for r in reasons if r.strip()]
    items = with_engine_items(evaluation, own)
    for m in items:
        if not m.why_needed:
            raise fail(f'--reason: say why "{m.item}" is needed ("ITEM: WHY")', 2)
    if not items:
        raise fail(
            '--reason: name what is missing ("ITEM" or "ITEM: WHY"); the engine found nothing '
            "missing",
            2,
        )
    for m in items:  # what the letter will ask for, before it is signed
        click.echo(f"  asks for: {m.item}")
    return operations.pend(store, session, reference, password, missing=own, security=SECURITY)


@click.command("reassign-policy")
@click.argument("reference")
@click.argument("policy")
@click.option("--reason", required=True, metavar="TEXT", help="Why the policy changes.")
@click.option("--user", "username", required=True, metavar="USERNAME", help="Who reassigns.")
@password_fd_option
@click.pass_context
def reassign_policy(
    ctx: click.Context,
    reference: str,
    policy: str,
    reason: str,
    username: str,
    password_fd: int | None,
) -> None:
    """Assign POLICY to the open request REFERENCE (physicians and administrators).

    POLICY is an ID such as ING-CC-0090; the version in force on the day the
    request was received is fixed on it. The change and its reason are recorded.
    """
    with _store(ctx) as store:
        session, _ = _sign_in(store, username, password_fd)
        key = operations.reassign_policy(store, session, reference, policy, reason)
    click.echo(f"{reference}: now reviewed under {key} (reassigned by {username}).")


def _clause_edits(values: tuple[str, ...]) -> dict[str, str]:
    edits: dict[str, str] = {}
    for value in values:
        clause, sep, text = value.partition("=")
        if not sep or not clause.strip() or not text.strip():
            raise fail(f'--clause-reason: "{value}" is not ID=TEXT', 2)
        edits[clause.strip()] = text.strip()
    return edits


def _missing_item(value: str) -> MissingItem:
    item, sep, why = value.partition(":")
    if sep and item.strip() and why.strip():
        return MissingItem(item.strip(), why.strip())
    return MissingItem(value.strip(), "")  # the engine's reason, or the reviewer's default


def _summary(reference: str, username: str, r: operations.Result) -> str:
    words = {
        Action.APPROVE: "approved",
        Action.DENY: "denied",
        Action.PEND: "pended for information",
        Action.REFER: "referred to a physician reviewer",
        Action.RESUME: "resumed (draft)",
        Action.INFO_NOT_RECEIVED: "information not received; referred to a physician reviewer",
        Action.CANCEL: "cancelled",
    }
    line = f"{reference}: {words[r.action]}"
    if r.decision is not None:
        line += f" ({r.decision.value})"
    line += f" by {username}."
    if r.authorization_number:
        line += f" Authorization {r.authorization_number}."
    if r.letter_sha256:
        line += f" Letter signed (SHA-256 {r.letter_sha256[:16]}…)."
    return line
