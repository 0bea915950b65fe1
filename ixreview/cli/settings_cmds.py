"""`ixreview settings`: what an administrator sets up before letters can be issued.

The plan's letterhead (name, address, phone, logo), the policy a request is
reviewed under when it names none, the authorization months for a policy
that states none, how old baseline labs may be, and the time zone times are
shown in. Changes need an
administrator's password and are audited by the store; reading them needs no
sign-in (they hold no PHI).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ixreview.cli.workflow_cmds import (
    _sign_in,
    _store,
    as_option,
    fail,
    password_fd_option,
)
from ixreview.workflow import plan_settings
from ixreview.workflow.accounts import Session
from ixreview.workflow.gate import Store
from ixreview.workflow.letterdata import set_letterhead
from ixreview.workflow.plan_rules import LAB_AGE_RANGE, set_lab_max_age
from ixreview.workflow.roles import Role
from ixreview.workflow.zone import set_time_zone


def _admin(store: Store, acting: str | None, fd: int | None) -> Session:
    """Sign the administrator in (the workflow checks the role again on each change)."""
    if not acting:
        raise fail("--as ADMIN: name the administrator making this change", 2)
    session, _ = _sign_in(store, acting, fd)
    if session.role != Role.ADMINISTRATOR:
        raise fail(f"{acting} is not an administrator; only administrators change settings")
    return session


def _known_policy(policy_id: str, hint: str = "") -> None:
    """Refused before any password is asked."""
    from ixreview.workflow.errors import InvalidInput

    try:
        plan_settings.check_policy_id(policy_id, hint=hint)
    except InvalidInput as exc:
        raise fail(str(exc), 2) from None


@click.group("settings")
def settings() -> None:
    """Show or change the plan's settings (administrators)."""


@settings.command("show")
@click.pass_context
def show(ctx: click.Context) -> None:
    """Print the current settings as JSON."""
    with _store(ctx) as store:
        out = plan_settings.current(store)
    click.echo(json.dumps(out, indent=2, ensure_ascii=False, default=str))


@settings.command("letterhead")
@click.option("--name", required=True, help="The plan's name as printed on letters.")
@click.option(
    "--address", "address_lines", multiple=True, required=True, help="One address line (repeat)."
)
@click.option("--phone", required=True, help="Member services phone printed on letters.")
@click.option("--fax", help="Fax for appeals and information.")
@click.option("--website")
@click.option(
    "--logo",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="PNG or JPEG logo for the letterhead.",
)
@click.option(
    "--appeals-address", "appeals_lines", multiple=True, help="Where appeals go (repeat)."
)
@as_option
@password_fd_option
@click.pass_context
def letterhead(
    ctx: click.Context,
    name: str,
    address_lines: tuple[str, ...],
    phone: str,
    fax: str | None,
    website: str | None,
    logo: Path | None,
    appeals_lines: tuple[str, ...],
    acting: str | None,
    password_fd: int | None,
) -> None:
    """Set the letterhead printed on every determination letter."""
    from pydantic import ValidationError

    from ixreview.letters.model import PlanLetterhead

    try:
        plan = PlanLetterhead(
            name=name,
            address_lines=list(address_lines),
            phone=phone,
            fax=fax,
            website=website,
            logo_path=logo.resolve() if logo else None,
            appeals_address_lines=list(appeals_lines),
        )
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise fail(f"letterhead: {problems}", 2) from None
    with _store(ctx) as store:
        session = _admin(store, acting, password_fd)
        set_letterhead(store, plan, actor=session.user_id)
    click.echo(f"Letterhead set: {name}")


@settings.command("policy")
@click.argument("policy_id")
@as_option
@password_fd_option
@click.pass_context
def policy(ctx: click.Context, policy_id: str, acting: str | None, password_fd: int | None) -> None:
    """Review requests that name no policy under POLICY_ID (e.g. ING-CC-0090)."""
    _known_policy(policy_id, " (the version in force is picked per request)")
    with _store(ctx) as store:
        session = _admin(store, acting, password_fd)
        plan_settings.set_default_policy(store, session, policy_id)
    click.echo(f"Default policy set: {policy_id}")


@settings.command("plan-policy")
@click.argument("plan")
@click.argument("policy_id", required=False)
@click.option("--remove", is_flag=True, help="Forget the policy of PLAN.")
@as_option
@password_fd_option
@click.pass_context
def plan_policy(
    ctx: click.Context,
    plan: str,
    policy_id: str | None,
    remove: bool,
    acting: str | None,
    password_fd: int | None,
) -> None:
    """Review requests of members in PLAN (as the intake names it) under POLICY_ID.

    Import pins, in order: a policy named at import, the policy of the member's
    plan, the default policy.
    """
    if remove == bool(policy_id):
        raise fail("plan-policy: give POLICY_ID, or --remove to forget the plan's policy", 2)
    if policy_id is not None:
        _known_policy(policy_id)
    with _store(ctx) as store:
        session = _admin(store, acting, password_fd)
        plan_settings.set_plan_policy(store, session, plan, policy_id)
    click.echo(
        f"{plan}: policy removed" if remove else f"{plan}: requests are reviewed under {policy_id}"
    )


@settings.command("months")
@click.argument("months", type=click.IntRange(1, 24))
@as_option
@password_fd_option
@click.pass_context
def months(ctx: click.Context, months: int, acting: str | None, password_fd: int | None) -> None:
    """Authorization months when the policy states none (ING-CC-0090)."""
    with _store(ctx) as store:
        session = _admin(store, acting, password_fd)
        plan_settings.set_default_months(store, session, months)
    click.echo(f"Default authorization period set: {months} months")


@settings.command("lab-age")
@click.argument("days", type=click.IntRange(*LAB_AGE_RANGE))
@as_option
@password_fd_option
@click.pass_context
def lab_age(ctx: click.Context, days: int, acting: str | None, password_fd: int | None) -> None:
    """Days before the request within which baseline labs count as current (default 30)."""
    with _store(ctx) as store:
        set_lab_max_age(store, _admin(store, acting, password_fd), days)
    click.echo(
        f"Baseline labs are current when collected at most {days} days before the request"
    )


@settings.command("time-zone")
@click.argument("zone")
@as_option
@password_fd_option
@click.pass_context
def time_zone(ctx: click.Context, zone: str, acting: str | None, password_fd: int | None) -> None:
    """Show times on screen and on letters in ZONE (e.g. America/Chicago; "computer" for
    this computer's own zone, the default)."""
    with _store(ctx) as store:  # turns a refused change into its one-line message
        key = set_time_zone(store, _admin(store, acting, password_fd), zone)
    where = key or "this computer's time zone"
    click.echo(f"Times are shown in {where}")
