"""Long-term records: `ixreview letters renew` and `ixreview letters pin`.

`renew` adds a document timestamp to every stored letter whose newest timestamp
expires within --within-days (default 365) and prints what it renewed; run it
on a schedule (monthly is plenty). No sign-in: it reads no PHI and is audited
in the name of the operating-system account.

`pin` pins the database's organization root in the trust file beside the
configuration, for a database set up before roots were pinned: an administrator
signs in and confirms the fingerprint shown (compare it with the one on paper).
"""

from __future__ import annotations

from datetime import timedelta

import click

from ixreview.cli.workflow_cmds import _sign_in, _store, password_fd_option


@click.group()
def letters() -> None:
    """Long-term signed letters: renew their timestamps, pin the trust root."""


@letters.command()
@click.option(
    "--within-days",
    type=click.IntRange(min=1, max=7300),
    default=365,
    show_default=True,
    help="Renew letters whose newest timestamp expires within this many days.",
)
@click.pass_context
def renew(ctx: click.Context, within_days: int) -> None:
    """Add a document timestamp to every letter nearing its last timestamp's expiry."""
    from ixreview.workflow.renewal import renew_letters

    with _store(ctx) as store:
        results = renew_letters(store, within=timedelta(days=within_days), actor=None)
    renewed = [r for r in results if r.new_letter_id is not None]
    for r in results:
        until = f" (last timestamp valid until {r.expired_at:%Y-%m-%d})" if r.expired_at else ""
        target = f" -> letter {r.new_letter_id}" if r.new_letter_id else ""
        click.echo(f"letter {r.letter_id}{target}: {r.note}{until}")
    click.echo(f"renewed {len(renewed)} letter(s); {len(results) - len(renewed)} not renewed")
    if len(renewed) < len([r for r in results if r.expired_at is not None]):
        ctx.exit(1)


@letters.command()
@click.option("--user", "username", required=True, metavar="USERNAME", help="An administrator.")
@password_fd_option
@click.option("--yes", is_flag=True, help="The fingerprint was checked; do not ask.")
@click.pass_context
def pin(ctx: click.Context, username: str, password_fd: int | None, yes: bool) -> None:
    """Pin this database's organization root (an audited administrator action)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import Encoding

    from ixreview.workflow import records, trust

    with _store(ctx) as store:
        session, _ = _sign_in(store, username, password_fd)
        admin = records.administrator(store, session, "pin the trust root")
        cert = trust.database_ca(store)
        if cert is None:
            raise click.ClickException("this database has no organization CA to pin")
        pem = cert.public_bytes(Encoding.PEM).decode("ascii")
        print_fp = cert.fingerprint(hashes.SHA256()).hex(":").upper()
        click.echo(f"Organization root: {cert.subject.rfc4514_string()}")
        click.echo(f"SHA-256 fingerprint: {print_fp}")
        if not yes:
            click.confirm("Is this the fingerprint on record?", abort=True)
        added = trust.pin_root(store, pem, actor=admin.id)
    click.echo(f"{'pinned' if added else 'already pinned'} in {trust.trust_file()}")
