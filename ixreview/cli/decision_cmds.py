"""`ixreview decide` and `ixreview reassign-policy`: acting on one review.

The same rules as in the application (`ixreview.workflow.operations`): the
engine's outcome and flags are shown first, then the one chosen action runs;
a letter is signed with the password given for the sign-in.
"""

from __future__ import annotations

import click

from ixreview.cli import workflow_cmds
from ixreview.cli.workflow_cmds import _sign_in, _store, fail, password_fd_option
from ixreview.workflow import operations
from ixreview.workflow.accounts import Session
from ixreview.workflow.errors import WorkflowError
from ixreview.workflow.gate import Store
from ixreview.workflow.permissions import CancelReason, MissingItem
from ixreview.workflow.prefill import with_engine_items
from ixreview.workflow.states import Action

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
            store,
            session,
            reference,
            password,
            rationale=text,
            security=workflow_cmds.SECURITY,
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
            security=workflow_cmds.SECURITY,
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
    return operations.pend(
        store, session, reference, password, missing=own, security=workflow_cmds.SECURITY
    )


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
