"""`ixreview policies` and `ixreview evaluate`: the decision core from the command line.

Kept light on imports: this path must start and answer in well under 0.3 s, so
nothing here loads the store, letters, signing or Qt.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import NoReturn

import click

from ixreview.domain.evaluation import Evaluation, Truth

_MARK = {
    Truth.MET: "[met]",
    Truth.NOT_MET: "[not met]",
    Truth.UNKNOWN: "[not documented]",
    Truth.NOT_APPLICABLE: "[n/a]",
}


def read_case_file(case_file: Path) -> str:
    """The one reader of case files for every command (`evaluate`, `import`).

    Reads at most one byte more than the size limit, then applies the intake's one
    rule (size, UTF-8, an optional UTF-8 byte order mark): `read_case_bytes`.
    Raises CaseError; an unreadable file exits 2 here.
    """
    from ixreview.domain.intake import read_case_bytes
    from ixreview.domain.limits import MAX_DOCUMENT_BYTES

    try:
        if str(case_file) == "-":
            raw = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
        else:
            with case_file.open("rb") as handle:
                raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        fail([f"{case_file}: cannot read the file ({exc.strerror})"])
    return read_case_bytes(raw)


def fail(messages: list[str], code: int = 2) -> NoReturn:
    for m in messages:
        click.echo(f"error: {m}", err=True)
    sys.exit(code)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
def policies(as_json: bool) -> None:
    """List every policy version with its status and dates."""
    from ixreview.domain.policies import PolicyError, all_policies

    try:
        versions = all_policies()
    except PolicyError as exc:
        fail([str(exc)])
        return
    rows = [
        {
            "key": v.key,
            "id": v.id,
            "version": v.version,
            "title": v.title,
            "issuer": v.issuer,
            "status": v.status,
            "effective_date": v.effective_date.isoformat() if v.effective_date else None,
            "effective_note": v.effective_note,
            "authorization_months": v.authorization_months,
        }
        for v in versions
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for r in rows:
        eff = r["effective_date"] or "date not stated"
        status = "in force" if r["status"] == "in_force" else "DRAFT (comparison only)"
        click.echo(f"{r['key']:<28} {status:<24} effective {eff:<16} {r['title']}")


def render_text(ev: Evaluation) -> str:
    draft = " — DRAFT, comparison only" if ev.policy.status == "draft" else ""
    lines = [
        f"Policy: {ev.policy.title} ({ev.policy.document_number}), {ev.policy.id} "
        f"version {ev.policy.version}{draft}",
        "",
    ]
    section = None
    for c in ev.clauses:
        if c.section != section and c.depth == 0:
            section = c.section
            lines.append(f"{section}:")
        indent = "  " * (c.depth + 1)
        lines.append(f"{indent}{_MARK[c.status]:<17} {c.number}  {c.text}")
        lines.append(f"{indent}{'':<17}   {c.reason}")
    lines.append("")
    lines.append(f"Outcome: {ev.outcome.value} — {ev.summary}")
    if ev.missing:
        lines.append("Missing: " + ", ".join(ev.missing))
    if ev.authorization:
        a = ev.authorization
        lines.append(
            f"Authorization: {a.months} months, {a.start} to {a.end}; J9207 {a.units_per_dose} "
            f"units per dose × {a.doses} doses = {a.units_total} units"
        )
    for w in ev.warnings:
        lines.append(f"Warning: {w}")
    return "\n".join(lines)


@click.command()
@click.argument("case_file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@click.option(
    "--policy",
    "policy_spec",
    required=True,
    metavar="ID[@VERSION]",
    help="Policy id (the version in force on received_at) or ID@VERSION, e.g. BCBST-IXEMPRA@draft.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation as one JSON object.")
@click.option(
    "--default-months",
    type=click.IntRange(1, 24),
    default=6,
    show_default=True,
    help="Authorization months when the policy states none (ING-CC-0090).",
)
def evaluate(case_file: Path, policy_spec: str, as_json: bool, default_months: int) -> None:
    """Evaluate CASE_FILE (ixreview-case/1 JSON; - for stdin) against a policy.

    Exit status 0 whenever an outcome was reached, whatever it is; 2 for invalid
    input or an unknown policy or version.
    """
    from ixreview.domain.engine import evaluate as run
    from ixreview.domain.intake import CaseError, parse_case_json
    from ixreview.domain.policies import PolicyError

    try:
        case = parse_case_json(read_case_file(case_file))
        ev = run(case, policy_spec, default_months=default_months)
    except CaseError as exc:
        fail([f"{case_file}: {f}" for f in exc.findings])
    except PolicyError as exc:
        fail([str(exc)])
    if as_json:
        click.echo(json.dumps(ev.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(ev))
