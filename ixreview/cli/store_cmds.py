"""Store commands: import, history, show, export, backup, restore, audit verify.

Each command opens the database named by the group's --db (or IXREVIEW_DB, or
the default), does one thing, and turns store errors into a message on stderr
and a non-zero exit: 2 for input that is refused, 1 for anything else.

Every command that reads or writes PHI (import, history, show, export; backup
and restore for administrators) signs in first: `--user USERNAME` and the
password from a prompt or `--password-fd N`, as `decide` does. The audit
entries name that user. `audit verify` reads no PHI and needs no sign-in.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from ixreview.cli.evaluate_cmds import read_case_file
from ixreview.cli.outfiles import make_room
from ixreview.cli.workflow_cmds import BadInput as InputError
from ixreview.cli.workflow_cmds import _sign_in, _store, password_fd_option
from ixreview.domain.intake import CaseError
from ixreview.workflow import operations, records
from ixreview.workflow.accounts import Session
from ixreview.workflow.errors import WorkflowError
from ixreview.workflow.gate import (
    DecisionCode,
    HistoryQuery,
    HistoryRow,
    RequestView,
    Store,
)

F = TypeVar("F", bound=Callable[..., Any])
DECISION_WORDS = [c.word for c in DecisionCode]


user_option = click.option(
    "--user",
    "username",
    required=True,
    metavar="USERNAME",
    help="Who does this (asked for their password; named in the audit log).",
)


def _signed_in(store: Store, username: str, password_fd: int | None) -> Session:
    session, _ = _sign_in(store, username, password_fd)
    return session


def _day(value: datetime | None) -> date | None:
    return None if value is None else value.date()


def _filters(func: F) -> F:
    """The history filters shared by `history` and `export`."""
    options = [
        click.option("--member", "member_id", metavar="ID", help="Member ID."),
        click.option("--born", type=click.DateTime(["%Y-%m-%d"]), help="Member's birth date."),
        click.option("--reference", help="Request reference (exact)."),
        click.option(
            "--from", "received_from", type=click.DateTime(["%Y-%m-%d"]), help="Received on/after."
        ),
        click.option(
            "--to", "received_to", type=click.DateTime(["%Y-%m-%d"]), help="Received on/before."
        ),
        click.option("--decision", type=click.Choice(DECISION_WORDS), help="Current decision."),
        click.option("--reviewer", metavar="USERNAME", help="Who made the current decision."),
        click.option("--policy", help='Policy ID, optionally with "@version".'),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _query(store: Store, text: str | None, **opts: Any) -> HistoryQuery:
    reviewer_id = None
    if opts.get("reviewer"):
        reviewer_id = records.reviewer_id(store, opts["reviewer"])
        if reviewer_id is None:
            raise InputError(f'--reviewer: no user named "{opts["reviewer"]}"')
    return HistoryQuery(
        text=text,
        member_id=opts.get("member_id"),
        birth_date=_day(opts.get("born")),
        reference=opts.get("reference"),
        received_from=_day(opts.get("received_from")),
        received_to=_day(opts.get("received_to")),
        decision=DecisionCode.parse(opts["decision"]) if opts.get("decision") else None,
        reviewer_id=reviewer_id,
        policy=opts.get("policy"),
    )


@click.command("import")
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--policy",
    help='The policy to review it against, e.g. "ING-CC-0090" (default: the policy.default '
    "setting); fixed on the request as the version in force on the received date.",
)
@user_option
@password_fd_option
@click.pass_context
def import_case(
    ctx: click.Context,
    case_file: Path,
    policy: str | None,
    username: str,
    password_fd: int | None,
) -> None:
    """Import one request into the case database: an ixreview-case/1 file or an HL7 Da
    Vinci PAS request Bundle (FHIR R4 JSON, kept as received)."""
    try:
        raw = read_case_file(case_file)  # the same reader and rule as `evaluate`
    except CaseError as exc:
        for finding in exc.findings:
            click.echo(f"{case_file.name}: {finding}", err=True)
        raise InputError(f"{case_file.name} was not imported") from None
    with _store(ctx) as store:
        session = _signed_in(store, username, password_fd)
        try:
            result = records.import_case(store, session, raw, policy=policy)
        except CaseError as exc:
            for finding in exc.findings:
                click.echo(f"{case_file.name}: {finding}", err=True)
            raise InputError(f"{case_file.name} was not imported") from None
        pinned = records.pinned_policy(store, result.request_id)
    click.echo(f"imported {result.reference}; decision due {result.decision_due_at[:16]} UTC")
    if pinned:
        click.echo(f"policy {pinned}")
    if result.continuation_of is not None:
        click.echo(f"continuation of determination {result.continuation_of}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


def _row_json(row: HistoryRow) -> dict[str, Any]:
    out = asdict(row)
    out["decision"] = row.decision_word
    out["decision_code"] = row.decision
    return out


@click.command()
@click.argument("text", required=False)
@_filters
@click.option("--page", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--per-page", default=50, show_default=True, type=click.IntRange(1, 500))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@user_option
@password_fd_option
@click.pass_context
def history(
    ctx: click.Context,
    /,
    text: str | None,
    page: int,
    per_page: int,
    as_json: bool,
    username: str,
    password_fd: int | None,
    **opts: Any,
) -> None:
    """Search the history: TEXT is a name, member ID, reference or birth date."""
    with _store(ctx) as store:
        session = _signed_in(store, username, password_fd)
        query = _query(store, text, **opts)
        result = records.history_page(store, session, query, page, per_page)
    more = result.next_cursor is not None
    if as_json:
        payload = {"page": page, "more": more, "rows": [_row_json(r) for r in result.rows]}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not result.rows:
        click.echo("no matching requests")
        return
    for r in result.rows:
        decision = r.decision_word or r.state
        click.echo(
            f"{r.reference:<18} {r.received_on}  {r.member_id or '-':<14} "
            f"{r.member_name[:28]:<28} {r.birth_date or '-':<10}  {decision:<9} "
            f"{r.decider or '-':<12} {r.policy_id or '-'}"
        )
    if more:
        click.echo(f"(more: --page {page + 1})")


@click.command()
@click.argument("reference")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@user_option
@password_fd_option
@click.pass_context
def show(
    ctx: click.Context, reference: str, as_json: bool, username: str, password_fd: int | None
) -> None:
    """Show one request with its review, determinations and letters (audited as viewed).

    With the engine's outcome for the case as saved (open reviews) and as recorded
    (each determination), and the flags that call for a physician's review.
    """
    with _store(ctx) as store:
        session = _signed_in(store, username, password_fd)
        view = records.view(store, session, reference)
        current = _current_engine(store, session, view)
    req, review = view.request, view.review
    if as_json:
        payload = {
            "request": {k: v for k, v in asdict(req).items() if k != "intake_json"},
            "intake": json.loads(req.intake_json),
            "review": {
                "state": review.state.value,
                "revision": review.revision,
                "answers": {k: a.to_json() for k, a in review.answers.items()},
                "clause_comments": review.clause_comments,
                "comment": review.comment,
            },
            "determinations": [
                {k: v for k, v in asdict(d).items() if k != "evaluation_json"}
                | {"evaluation": json.loads(d.evaluation_json)}
                for d in view.determinations
            ],
            "letters": [
                {k: v for k, v in asdict(letter).items() if k != "pdf"} | {"bytes": len(letter.pdf)}
                for letter in view.letters
            ],
            "engine": current,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return
    click.echo(f"{req.reference}  ({req.request_type or 'type not documented'})")
    click.echo(f"  member      {req.member_name} · {req.member_id} · born {req.birth_date}")
    click.echo(f"  received    {req.received_at[:16]} UTC ({req.urgency or 'urgency n/d'})")
    click.echo(f"  due         {req.decision_due_at[:16]} UTC")
    unassigned = "none assigned (a physician or an administrator must assign one)"
    click.echo(f"  policy      {req.policy or unassigned}")
    click.echo(f"  review      {review.state.value} (revision {review.revision})")
    if current is not None:
        click.echo(f"  engine      {current.get('outcome') or current.get('error')} (as saved)")
        for line in engine_flag_lines(current.get("review_flags") or []):
            click.echo(f"    {line}")
    for key, answer in sorted(review.answers.items()):
        click.echo(f"    {key} = {json.dumps(answer.value)} [{answer.origin.value}]")
    if review.comment:
        click.echo(f"  comment     {review.comment}")
    for d in view.determinations:
        line = f"  decision    {d.decision.word} ({d.decision.value}) {d.decided_at[:16]} UTC"
        line += f" by user {d.decider_id} ({d.decider_role}), {d.policy_id}@{d.policy_version}"
        click.echo(line)
        recorded = json.loads(d.evaluation_json)
        click.echo(f"    engine outcome {recorded.get('outcome')}")
        for flag_line in engine_flag_lines(recorded.get("review_flags") or []):
            click.echo(f"    {flag_line}")
        if d.authorization_number:
            click.echo(
                f"    authorization {d.authorization_number} {d.period_start} to "
                f"{d.period_end}, {d.units} units"
            )
        if d.supersedes_id:
            click.echo(f"    supersedes {d.supersedes_id}: {d.correction_reason}")
    for letter in view.letters:
        click.echo(f"  letter      {letter.kind} sha256 {letter.sha256} signed {letter.signed_at}")


def engine_flag_lines(flags: list[str]) -> list[str]:
    """The physician-review flags, one line each (empty when there are none)."""
    return [f"physician review needed: {flag}" for flag in flags]


def _current_engine(store: Store, session: Session, view: RequestView) -> dict[str, Any] | None:
    """The engine's outcome for an open review as saved; None once it is closed."""
    if view.review.state.value not in ("draft", "referred", "pended"):
        return None
    try:
        ev = operations.evaluate_review(store, session, view.request.reference)
    except WorkflowError as exc:
        return {"outcome": None, "error": str(exc), "review_flags": []}
    return {"outcome": ev.outcome.value, "policy": ev.policy.key, "review_flags": ev.review_flags}


@click.command()
@click.option("--csv", "csv_path", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the CSV file if it exists.")
@click.argument("text", required=False)
@_filters
@user_option
@password_fd_option
@click.pass_context
def export(
    ctx: click.Context,
    /,
    csv_path: Path,
    force: bool,
    text: str | None,
    username: str,
    password_fd: int | None,
    **opts: Any,
) -> None:
    """Write the matching history to a CSV file (owner-only; audited as exported).

    An existing PATH is refused unless --force; a symbolic link is never followed.
    """
    if not force:  # refused before the password is asked
        make_room(csv_path, force=False, option="--csv")
    with _store(ctx) as store:
        session = _signed_in(store, username, password_fd)
        make_room(csv_path, force=force, option="--csv")
        try:
            count = records.export_csv(store, session, _query(store, text, **opts), csv_path)
        except OSError as exc:  # the path appeared meanwhile, or cannot be created
            raise InputError(f"--csv: cannot write {csv_path}: {exc.strerror or exc}") from None
    click.echo(f"exported {count} rows to {csv_path}")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@user_option
@password_fd_option
@click.pass_context
def backup(ctx: click.Context, path: Path, username: str, password_fd: int | None) -> None:
    """Copy the database to PATH with SQLite's online backup (administrators only)."""
    with _store(ctx) as store:
        session = _signed_in(store, username, password_fd)
        records.backup(store, session, path)
    click.echo(f"backed up to {path}")


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@user_option
@password_fd_option
@click.pass_context
def restore(
    ctx: click.Context, path: Path, yes: bool, username: str, password_fd: int | None
) -> None:
    """Replace the database with the backup at PATH, after checking it (administrators only)."""
    with _store(ctx) as store:
        session = _signed_in(store, username, password_fd)
        records.administrator(store, session, "restore the database")
        if not yes:
            click.confirm("Replace the current case database with this backup?", abort=True)
        kept = records.restore(store, session, path)
    click.echo(f"restored from {path}; the previous database was kept as {kept}")


@click.group()
def audit() -> None:
    """The tamper-evident audit log."""


@audit.command()
@click.option(
    "--checkpoint",
    "checkpoints",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A checkpoint file written by `audit checkpoint` (repeatable).",
)
@click.pass_context
def verify(ctx: click.Context, checkpoints: tuple[Path, ...]) -> None:
    """Check the audit chain, every letter's anchor, checkpoints, and records against the log.

    Exit 1 naming each altered, removed or missing entry or record.
    """
    from ixreview.workflow import audit_checks

    with _store(ctx) as store:
        verdict = audit_checks.verify(store, checkpoints)
    for note in verdict.notes:
        click.echo(f"Note: {note}", err=True)
    if verdict.ok:
        click.echo(verdict.summary)
        return
    click.echo(verdict.summary, err=True)
    for problem in verdict.problems:
        click.echo(f"  - {problem}", err=True)
    ctx.exit(1)


@audit.command("rebuild-metrics")
@user_option
@password_fd_option
@click.pass_context
def rebuild_metrics(ctx: click.Context, username: str, password_fd: int | None) -> None:
    """Recompute the metrics totals from the decisions on record (administrators only),
    after `audit verify` found them different."""
    from ixreview.workflow import audit_checks

    with _store(ctx) as store:
        session = _signed_in(store, username, password_fd)
        before = audit_checks.rebuild_metrics(store, session)
    fixed = ", ".join(f"{table} ({rows} row(s))" for table, rows in before.items())
    click.echo(
        f"metrics totals recomputed; {'they differed in ' + fixed if fixed else 'none differed'}"
    )


@audit.command()
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the checkpoint (keep it away from the database).",
)
@click.pass_context
def checkpoint(ctx: click.Context, out: Path) -> None:
    """Write the audit log's head to FILE, so cutting its newest entries shows later."""
    from ixreview.workflow import audit_checks

    with _store(ctx) as store:
        try:
            doc = audit_checks.checkpoint(store, out)
        except OSError as exc:
            raise InputError(f"--out: cannot write {out}: {exc.strerror or exc}") from None
    click.echo(f"checkpoint: entry {doc['seq']} {doc['hash'] or '-'} written to {out}")
