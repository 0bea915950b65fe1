"""`ixreview pas`: HL7 Da Vinci PAS responses and the DTR QuestionnaireResponse.

Requests arrive through `ixreview import FILE`, which recognises a PAS request
Bundle. These commands answer them: `pas response REFERENCE` writes the PAS
response Bundle for the current determination, `pas questionnaire-response
REFERENCE` the review as a DTR QuestionnaireResponse. Both hold PHI: the user
signs in first (`--user`, password prompt or `--password-fd`), and the export is
audited. Output goes to stdout, or with `--out` to a new owner-only file written
the safe way (cli/outfiles.py: an existing path is refused unless `--force`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ixreview.cli.outfiles import make_room, write_private
from ixreview.cli.store_cmds import user_option
from ixreview.cli.workflow_cmds import BadInput, _sign_in, _store, password_fd_option

if TYPE_CHECKING:
    from ixreview.workflow.accounts import Session
    from ixreview.workflow.gate import Store

F = TypeVar("F", bound=Callable[..., Any])


def _export_options(func: F) -> F:
    func = click.option(
        "--force", is_flag=True, help="Replace FILE if it exists (never through a symbolic link)."
    )(func)
    func = click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Write to this new file (owner-only) instead of standard output.",
    )(func)
    return password_fd_option(user_option(click.argument("reference")(func)))


def _export(
    ctx: click.Context,
    build: Callable[[Store, Session, str], str],
    reference: str,
    out: Path | None,
    force: bool,
    username: str,
    password_fd: int | None,
) -> None:
    if out is not None and not force:  # refused before the password is asked
        make_room(out, force=False, option="--out")
    with _store(ctx) as store:
        session, _ = _sign_in(store, username, password_fd)
        text = build(store, session, reference)
    if out is None:
        click.echo(text)
        return
    make_room(out, force=force, option="--out")
    write_private(out, (text + "\n").encode("utf-8"), option="--out")
    click.echo(f"Wrote {out}", err=True)


@click.group()
def pas() -> None:
    """HL7 Da Vinci PAS: ClaimResponse bundles and DTR QuestionnaireResponses."""


def _export_command(name: str, flow: str, help_text: str) -> None:
    """One `pas` export command: sign in, build the document, write it."""

    @pas.command(name, help=help_text)
    @_export_options
    @click.pass_context
    def command(
        ctx: click.Context,
        reference: str,
        out: Path | None,
        force: bool,
        username: str,
        password_fd: int | None,
    ) -> None:
        from ixreview.workflow import pas as pas_flow

        build = getattr(pas_flow, flow)
        _export(ctx, build, reference, out, force, username, password_fd)


_export_command(
    "response",
    "response_bundle",
    "The PAS response Bundle (ClaimResponse) for REFERENCE's current determination.",
)
_export_command(
    "questionnaire-response",
    "questionnaire_response",
    "The review of REFERENCE as a Da Vinci DTR QuestionnaireResponse.",
)


@pas.command("show")
@click.argument("reference")
@user_option
@password_fd_option
@click.pass_context
def show(ctx: click.Context, reference: str, username: str, password_fd: int | None) -> None:
    """Where each answer of REFERENCE was read in its PAS Bundle, and its PAS metrics."""
    from ixreview.workflow import pas as pas_flow

    with _store(ctx) as store:
        session, _ = _sign_in(store, username, password_fd)
        found = pas_flow.summary(store, session, reference)
    if found is None:
        raise BadInput(f'request "{reference}" was not received as a PAS Bundle')
    for line in pas_flow.summary_lines(found):
        click.echo(line)
