"""`ixreview demo --out DIR`: every sample request through the real workflow, headless.

A throw-away database (in a temporary folder, or the new file given with the
command's own `--db`) gets an administrator, a nurse and a physician reviewer;
every shipped sample is imported and decided through `ixreview.workflow`
(see `ixreview.workflow.demo`), and every signed letter is written to DIR with
the organization's CA certificate (`ca-root.pem`) to verify them against.

The demo never opens your case database: `ixreview --db` / IXREVIEW_DB are not
used by this command, and `demo --db` refuses a file that already exists.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ixreview.workflow.accounts import DEFAULT_SECURITY, Security

if TYPE_CHECKING:
    from ixreview.workflow.demo import DemoCase

# Argon2 parameters: the library defaults. Tests replace this module attribute.
SECURITY: Security = DEFAULT_SECURITY
CA_FILE = "ca-root.pem"
SUMS_FILE = "letters.sha256"  # "<sha256>  <file>" lines: the hashes on record


class _Failed(click.ClickException):
    exit_code = 1


@click.command("demo")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the signed letters (created if missing; existing letters are kept).",
)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Keep the demo database in this NEW file (default: a temporary one, deleted after).",
)
def demo(out: Path, db: Path | None) -> None:
    """Take every sample request to its end and write the signed letters to OUT.

    The nurse approves what meets criteria and refers the rest; the physician
    denies the referral; a request lacking documents is pended with a request
    for information. The demo users' passwords are generated and printed once.
    """
    from ixreview.workflow import demo as flow
    from ixreview.workflow.errors import WorkflowError
    from ixreview.workflow.gate import StoreError, open_store

    if db is not None and db.exists():
        raise click.BadParameter(
            f"{db} already exists; the demo only writes to a new database", param_hint="--db"
        )
    if out.exists() and not out.is_dir():
        raise click.BadParameter(f"{out} is not a folder", param_hint="--out")
    scratch = None
    if db is None:
        scratch = Path(tempfile.mkdtemp(prefix="ixreview-demo-"))
        db = scratch / "demo.sqlite3"
    try:
        out.mkdir(parents=True, exist_ok=True)
        with open_store(db) as store:
            staff = flow.create_staff(store, security=SECURITY)
            cases = flow.run_samples(store, staff, security=SECURITY)
            (out / CA_FILE).write_text(flow.trust_root_pem(store), encoding="ascii")
            written: dict[int, str] = {}
            sums: list[str] = []
            for case in cases:
                for letter in case.letters:
                    name = flow.letter_file_name(case.reference, letter.kind)
                    _write_private(out / name, flow.letter_pdf(store, letter.letter_id))
                    written[letter.letter_id] = name
                    sums.append(f"{letter.sha256}  {name}\n")
            (out / SUMS_FILE).write_text("".join(sums), encoding="ascii")
    except (WorkflowError, StoreError, OSError) as exc:
        raise _Failed(f"demo: {exc}") from None
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)

    click.echo("Demo accounts (throw-away; these passwords are shown only now):")
    for user in staff.everyone:
        click.echo(f"  {user.username:<16} {user.role.label:<20} {user.password}")
    click.echo("")
    _table(cases, written)
    mismatched = [c for c in cases if not c.as_expected]
    click.echo("")
    click.echo(f"{sum(len(c.letters) for c in cases)} signed letters in {out}")
    click.echo(
        f"Check one:  ixreview verify {out / '<letter>.pdf'} --trust {out / CA_FILE}"
        f" --sha256 <its hash in {SUMS_FILE}>"
    )
    if db is not None and scratch is None:
        click.echo(f"Demo database kept in {db}")
    for case in cases:
        if case.note:
            click.echo(f"Note: {case.reference} {case.note}.")
    if mismatched:
        names = ", ".join(c.reference for c in mismatched)
        raise _Failed(f"demo: the engine's outcome differs from the sample index for {names}")


def _table(cases: list[DemoCase], written: dict[int, str]) -> None:
    rows = [("Reference", "Policy", "Engine outcome", "Steps", "Code", "Letter")]
    for case in cases:
        letters = ", ".join(written[letter.letter_id] for letter in case.letters) or "-"
        outcome = case.outcome.value + (
            f" (draft: {case.compare.split(': ')[1]})" if case.compare else ""
        )
        rows.append(
            (
                case.reference,
                case.policy,
                outcome,
                ", ".join(case.steps),
                case.decision or "-",
                letters,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            click.echo("  ".join("-" * w for w in widths))


def _write_private(path: Path, data: bytes) -> None:
    """A letter holds PHI (even a demo's, by its shape): owner-only, as `letter --out`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(path, 0o600)  # an existing file keeps its old mode through O_TRUNC
