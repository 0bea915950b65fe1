"""`ixreview user add|list|deactivate`: reviewer and administrator accounts.

Accounts are never deleted, only deactivated. Passwords are prompted for or read
from a file descriptor (`workflow_cmds`), never taken as arguments.
"""

from __future__ import annotations

import json
from typing import Any

import click

from ixreview.cli import workflow_cmds
from ixreview.cli.outfiles import readable_fd
from ixreview.cli.workflow_cmds import (
    _password,
    _sign_in,
    _store,
    as_option,
    fail,
    password_fd_option,
)
from ixreview.workflow import accounts, deactivation
from ixreview.workflow.accounts import Account
from ixreview.workflow.roles import Role


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
                security=workflow_cmds.SECURITY,
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
            security=workflow_cmds.SECURITY,
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
            store, session, username, admin_password, security=workflow_cmds.SECURITY
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
