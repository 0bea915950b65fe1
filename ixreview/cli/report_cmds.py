"""`ixreview impact` (policy impact replay) and `ixreview report metrics`.

Both sign in (`--user`, password prompted or `--password-fd N`), read only, and are
audited by the workflow. Output: words on the terminal, `--json`, or `--csv PATH`
(owner-only, exclusive create, never through a symlink; an existing path is refused
unless `--force`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from ixreview.cli.workflow_cmds import BadInput, _sign_in, _store, password_fd_option

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f'"{value}" is not a date (YYYY-MM-DD)') from None


def write_csv(path: Path, rows: list[list[str]], *, force: bool) -> None:
    """Write rows as CSV to a new owner-only file; never follows a symlink."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise BadInput(f"--csv: {path} is a directory")
        if not force:
            what = "is a symbolic link" if stat.S_ISLNK(info.st_mode) else "exists"
            raise BadInput(f"--csv: {path} {what} (add --force to replace it)")
        path.unlink()  # a symlink itself, never its target
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    try:
        fd = os.open(path, _CREATE, 0o600)
    except OSError as exc:
        raise BadInput(f"--csv: cannot write {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        out.write(buffer.getvalue())


_common = [
    click.option("--from", "start", callback=_day, metavar="DATE", help="First day (YYYY-MM-DD)."),
    click.option("--to", "end", callback=_day, metavar="DATE", help="Last day (YYYY-MM-DD)."),
    click.option("--json", "as_json", is_flag=True, help="Print JSON."),
    click.option("--csv", "csv_path", type=click.Path(path_type=Path), help="Write CSV here."),
    click.option("--force", is_flag=True, help="Replace an existing --csv file."),
    click.option("--user", "username", required=True, metavar="USERNAME", help="Who asks."),
    password_fd_option,
]


F = TypeVar("F", bound=Callable[..., Any])


def _options(func: F) -> F:
    for option in reversed(_common):
        func = option(func)
    return func


@click.command()
@click.option("--policy", required=True, metavar="ID@VERSION", help="The version to replay.")
@click.option("--members", is_flag=True, help="Name the members (reviewers only).")
@click.option("--changed-only", is_flag=True, help="List only requests whose outcome changes.")
@_options
@click.pass_context
def impact(
    ctx: click.Context,
    policy: str,
    members: bool,
    changed_only: bool,
    start: date | None,
    end: date | None,
    as_json: bool,
    csv_path: Path | None,
    force: bool,
    username: str,
    password_fd: int | None,
) -> None:
    """What a policy version would change: every request on record under the same
    policy, re-evaluated with its facts as last saved or decided (read-only)."""
    from ixreview.workflow import impact as replay

    if as_json and csv_path:
        raise BadInput("--json and --csv: choose one")
    with _store(ctx) as store:
        session, _ = _sign_in(store, username, password_fd)
        report = replay.replay(store, session, policy, start=start, end=end, members=members)
    if csv_path:
        write_csv(csv_path, report.csv_rows(changed_only=changed_only), force=force)
        click.echo(f"wrote {len(report.rows)} requests to {csv_path}")
        return
    if as_json:
        data = report.to_json()
        if changed_only:
            data["rows"] = [r.to_json() for r in report.changed_rows]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    changed = report.changed_rows
    click.echo(f"{report.policy} ({report.status.replace('_', ' ')}): {report.title}")
    click.echo(
        f"{len(report.rows)} requests replayed; {len(changed)} would change"
        f" ({report.members_affected} members); {report.not_evaluable} could not be evaluated"
    )
    for kind, n in report.by_change().items():
        click.echo(f"  {n:>6}  {kind}")
    if report.by_clause():
        click.echo("Clauses behind the changes:")
        for clause, n in report.by_clause().items():
            click.echo(f"  {n:>6}  {report.clause_numbers.get(clause, clause)}")
    for r in changed:
        who = f"  {r.member}" if r.member else ""
        click.echo(f"{r.reference}  {r.received_on}{who}  {r.change}")


@click.group()
def report() -> None:
    """Reports for the plan: utilization-management metrics."""


@report.command()
@click.option(
    "--period",
    default="month",
    show_default=True,
    type=click.Choice(["month", "quarter", "year", "all"]),
    help="One row per month, quarter, year, or the whole range.",
)
@_options
@click.pass_context
def metrics(
    ctx: click.Context,
    period: str,
    start: date | None,
    end: date | None,
    as_json: bool,
    csv_path: Path | None,
    force: bool,
    username: str,
    password_fd: int | None,
) -> None:
    """Requests received, decided, approved, denied, pended and cancelled, times to a
    decision and the clock, standard and expedited apart; counts per reviewer."""
    from ixreview.workflow import metrics as um

    if as_json and csv_path:
        raise BadInput("--json and --csv: choose one")
    with _store(ctx) as store:
        session, _ = _sign_in(store, username, password_fd)
        today = store.now().date()
        first = start or date(today.year, 1, 1)
        result = um.metrics(
            store, session, start=first, end=end or today, period=um.parse_period(period)
        )
    if csv_path:
        write_csv(csv_path, result.csv_rows(), force=force)
        click.echo(f"wrote {len(result.periods)} periods to {csv_path}")
        return
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    click.echo(f"Utilization management, {result.start} to {result.end}")
    for p in result.periods:
        for u, f in p.by_urgency.items():
            j = f.to_json()
            median = j["median_hours_to_decision"]
            within = j["share_within_clock"]
            click.echo(
                f"{p.label:<8} {u:<9} received {f.received:>6}  decided {f.decided:>6}"
                f"  approved {f.approved:>6}  denied {f.denied:>6}  pended {f.pended:>5}"
                f"  cancelled {f.cancelled:>5}  median "
                + ("-" if median is None else f"{median:.1f} h")
                + "  within clock "
                + ("-" if within is None else f"{within:.0%}")
            )
    click.echo(
        f"Overdue now: {result.overdue_now['standard']} standard,"
        f" {result.overdue_now['expedited']} expedited"
    )
    for r in result.reviewers:
        click.echo(
            f"  {r.reviewer}: {r.approved} approved, {r.denied} denied,"
            f" {r.pended} pended, {r.cancelled} cancelled"
        )
