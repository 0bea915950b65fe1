"""Letter commands: `ixreview letter REFERENCE --out PATH` and `ixreview verify LETTER.pdf`.

`letter` writes the signed letter stored with a decided case (it never re-renders
or re-signs: the stored bytes are what was issued). `verify` checks a letter's
signature, its integrity, its signer's chain to the organization's root and
that it is the letter on record (by SHA-256); exit status 0 only when all hold,
1 when a check fails, 2 for invalid input.

pyHanko is imported only when `verify` runs (inside ixreview.letters.verify).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import click

from ixreview.cli.outfiles import make_room, readable_fd, write_private

# The database setting where the workflow keeps the organization CA's certificate
# (PEM, one or more) so `verify` works without --trust.
TRUST_SETTING = "signing.trust_roots_pem"


class InputError(click.ClickException):
    """Refused input: exit status 2."""

    exit_code = 2


@dataclass(frozen=True)
class _Record:
    sha256: str | None  # the stored letter that matches, else the latest one
    note: str | None  # what the record says beyond the hash


def _db_path(ctx: click.Context) -> Path | str:
    """The database file, or a team server's URL."""
    from ixreview.workflow.gate import resolve_db_target

    return resolve_db_target((ctx.obj or {}).get("db"))


def _exists(db: Path | str) -> bool:
    """A file that exists, or a team server (whose reachability open_store reports)."""
    return isinstance(db, str) or db.exists()


@click.command()
@click.argument("reference")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the signed PDF.",
)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option(
    "--user",
    "username",
    required=True,
    metavar="USERNAME",
    help="Who exports the letter (asked for their password; named in the audit log).",
)
@click.option(
    "--password-fd",
    type=int,
    callback=readable_fd,
    metavar="N",
    help="Read the password from file descriptor N (one line) instead of prompting.",
)
@click.pass_context
def letter(
    ctx: click.Context,
    reference: str,
    out: Path,
    force: bool,
    username: str,
    password_fd: int | None,
) -> None:
    """Write the signed determination letter of a decided case to PATH.

    The letter is the one stored when the case was decided and signed; it is
    written byte for byte, so `ixreview verify PATH` matches the record. The
    letter holds PHI: the user signs in and the export is audited in their name.
    """
    from ixreview.cli.workflow_cmds import _sign_in, fail
    from ixreview.workflow.errors import InvalidInput, WorkflowError
    from ixreview.workflow.gate import StoreError, open_store
    from ixreview.workflow.letter_records import export_issued_letter

    db = _db_path(ctx)
    if not _exists(db):
        raise InputError(f"no case database at {db} (use --db or IXREVIEW_DB)")
    if not force:  # refused before the password is asked; --force replaces only at the end
        make_room(out, force=False, option="--out")
    try:
        store = open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None

    def write(pdf: bytes) -> None:
        make_room(out, force=force, option="--out")
        write_private(out, pdf, option="--out")

    try:
        try:
            session, _ = _sign_in(store, username, password_fd)
            stored = export_issued_letter(store, session, reference, write)
        except InvalidInput as exc:
            raise InputError(exc.problem) from None
        except WorkflowError as exc:
            raise fail(str(exc), exc.exit_code) from None
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error:  # never its text: it may quote a letter
        raise click.ClickException(
            "the case database's letters cannot be read (changed outside ixreview?); "
            "`ixreview audit verify` names what was changed"
        ) from None
    finally:
        store.close()
    click.echo(f"Wrote {out} ({len(stored.pdf):,} bytes)")
    click.echo(f"Signed at: {stored.signed_at}")
    click.echo(f"SHA-256:   {stored.sha256}")


@click.command()
@click.argument("letter_pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--trust",
    "trust",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Trusted root certificate, PEM or DER (repeatable). Default: the organization "
    "root pinned at setup (trust-roots.pem in the ixreview config directory); never "
    "a root read from the database.",
)
@click.option(
    "--sha256",
    "expected",
    metavar="HEX",
    help="Compare with this SHA-256 instead of looking up the record in the database.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def verify(
    ctx: click.Context,
    letter_pdf: Path,
    trust: tuple[Path, ...],
    expected: str | None,
    as_json: bool,
) -> None:
    """Check a signed letter: signer, signing time, intact, trusted, and on record.

    Exit status 0 only when every check holds; 1 when one fails; 2 for bad input.
    """
    from ixreview.letters.verify import letter_reference, load_trust_roots, verify_letter

    try:
        pdf = letter_pdf.read_bytes()
    except OSError as exc:
        raise InputError(f"LETTER: cannot read {letter_pdf}: {exc.strerror or exc}") from None
    if expected is not None:
        expected = expected.strip().lower()
        if len(expected) != 64 or any(c not in "0123456789abcdef" for c in expected):
            raise InputError("--sha256: must be 64 hexadecimal digits")

    roots_data: list[bytes | str] = []
    for path in trust:
        try:
            roots_data.append(path.read_bytes())
        except OSError as exc:
            raise InputError(f"--trust: cannot read {path}: {exc.strerror or exc}") from None

    note: str | None = None
    trust_note: str | None = None
    db = _db_path(ctx)
    if (not trust or expected is None) and _exists(db):
        trust_note, record = _from_store(ctx, db, pdf, need_record=expected is None)
        if expected is None and record is not None:
            expected, note = record.sha256, record.note
    from ixreview.workflow import trust as pinned

    try:
        roots = load_trust_roots(roots_data) if trust else pinned.pinned_roots()
    except ValueError as exc:
        raise InputError(f"{'--trust' if trust else 'pinned trust root'}: {exc}") from None
    if expected is None and note is None:
        reference = letter_reference(pdf)
        note = (
            "no case database to compare with"
            if not _exists(db)
            else f'no request "{reference}" on record'
            if reference
            else "the file names no ixreview request reference"
        )

    report = verify_letter(pdf, roots, expected, crls=pinned.current_crls())
    if as_json:
        payload = report.model_dump(mode="json") | {"record_note": note}
        if trust_note and not trust:
            payload["trust_file_note"] = trust_note
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        click.echo(f"Letter:            {letter_pdf}")
        for line in report.lines():
            click.echo(line)
        if note:
            click.echo(f"Record:            {note}")
        if trust_note and not trust:
            click.echo(f"Trust file:        {trust_note}")
    ctx.exit(0 if report.ok else 1)


def _from_store(
    ctx: click.Context, db: Path | str, pdf: bytes, *, need_record: bool
) -> tuple[str | None, _Record | None]:
    """What is wrong with the pinned trust file by this database's audit log (None:
    nothing), and the stored letter this file should be."""
    from ixreview.letters.verify import letter_reference
    from ixreview.workflow.gate import StoreError, open_store
    from ixreview.workflow.letter_records import letter_on_record

    try:
        store = open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    try:
        from ixreview.workflow import trust

        found = trust.file_problem(store)
        problem = None if found is None else found.message
        if not need_record:
            return problem, None
        reference = letter_reference(pdf)
        if reference is None:
            return problem, None
        on_record = letter_on_record(store, reference, pdf)
        if on_record is None:
            return problem, None
        return problem, _Record(on_record.sha256, on_record.note)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error:  # never its text: it may quote a letter
        raise click.ClickException(
            "the case database's letters cannot be read (changed outside ixreview?); "
            "`ixreview audit verify` names what was changed"
        ) from None
    finally:
        store.close()
