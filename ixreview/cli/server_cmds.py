"""Team server commands: `ixreview server init URL [--sql]` and `ixreview transfer --to URL`.

`server init` prepares a PostgreSQL database for a team (schema, roles, grants,
row-level security), or prints the same as one SQL script with `--sql` for a
database administrator who prefers to run it. `transfer` copies this desk's
database (--db) to a team server; see docs/team-server.md.

Refused input exits 2, a refused or failed action 1, always with one line.
"""

from __future__ import annotations

import click

from ixreview.cli.workflow_cmds import _sign_in, _store, fail, password_fd_option
from ixreview.workflow import teamwork
from ixreview.workflow.errors import WorkflowError


def _url(value: str, option: str) -> str:
    if not value.startswith(("postgresql://", "postgres://")):
        raise fail(f"{option}: give the team server as postgresql://USER@HOST/DATABASE", 2)
    return value


@click.group()
def server() -> None:
    """Prepare and look after a PostgreSQL team server."""


@server.command()
@click.argument("url", required=False)
@click.option("--sql", "print_sql", is_flag=True, help="Print the SQL instead of running it.")
def init(url: str | None, print_sql: bool) -> None:
    """Create (or bring up to date) the schema, roles and grants at URL."""
    if print_sql:
        click.echo(teamwork.server_init_sql(), nl=False)
        return
    if not url:
        raise fail("URL: name the team server, postgresql://USER@HOST/DATABASE", 2)
    try:
        before, after = teamwork.init_server(_url(url, "URL"))
    except WorkflowError as exc:
        raise fail(str(exc), exc.exit_code) from None
    if before == after:
        click.echo(f"team server ready: schema {after} (already current); roles and grants set")
    else:
        click.echo(f"team server ready: schema {before} -> {after}; roles and grants set")
    click.echo(
        "next: create a login per desk (CREATE ROLE ... LOGIN IN ROLE ixreview_desk, "
        "administrators IN ROLE ixreview_admin); see docs/team-server.md"
    )


@click.command()
@click.option("--to", "to", required=True, metavar="URL", help="The team server.")
@click.option(
    "--user",
    "username",
    required=True,
    metavar="USERNAME",
    help="An administrator of this desk's database (asked for their password).",
)
@password_fd_option
@click.pass_context
def transfer(ctx: click.Context, to: str, username: str, password_fd: int | None) -> None:
    """Copy this desk's database (--db) to the team server: records, letters, accounts
    and the audit log, checked on both sides. Safe to run again."""
    target = _url(to, "--to")
    db = (ctx.obj or {}).get("db")
    if isinstance(db, str):
        raise fail("--db: name this desk's database file; --to names the team server", 2)
    with _store(ctx) as desk:
        session, _ = _sign_in(desk, username, password_fd)
        report = teamwork.transfer_desk(desk, session, target)
    click.echo(
        f"transferred to {report.server}: {report.requests} request(s), "
        f"{report.determinations} determination(s), {report.letters} letter(s), "
        f"{report.users} account(s), {report.pas_bundles} PAS Bundle(s), "
        f"{report.audit_entries} audit entr(ies); "
        f"{report.already} request(s) were already there"
    )
    click.echo(f"audit chains intact on both sides; {report.letters_checked} letter hash(es) match")
