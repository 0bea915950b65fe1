"""The metrics totals (schema 6) are derived data, but the plan's public report is
computed from them: someone holding the database file who changes them is named by
`ixreview audit verify`, and an administrator recomputes them from the decisions."""

from __future__ import annotations

from click.testing import CliRunner
from records_helpers import attacker
from workflow_helpers import case_data

from ixreview.cli import cli
from ixreview.workflow import operations


def _cli(world, *args: str, user: str | None = None) -> tuple[int, str]:
    extra = ["--user", user] if user else []
    result = CliRunner().invoke(
        cli,
        ["--db", str(world.path), *args, *extra],
        input=(world.pw(user) + "\n") if user else None,
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_changed_metrics_totals_are_named_and_an_administrator_recomputes_them(world) -> None:
    nina = world.sign_in("nina")
    for n in range(3):  # three determinations (cancellations need no letter)
        ref = world.import_case(case_data(reference=f"PA-2026-00500{n}"))
        operations.cancel(world.store, nina, ref, reason_code="withdrawn")
    code, out = _cli(world, "audit", "verify")
    assert code == 0, out
    attacker(world.path, "UPDATE metrics_decided SET count = count + 40")
    code, out = _cli(world, "audit", "verify")
    assert code == 1, out
    assert "decisions by month, urgency and outcome (metrics_decided) differ" in out
    assert "ixreview audit rebuild-metrics" in out
    code, out = _cli(world, "audit", "rebuild-metrics", user="nina")
    assert code != 0 and "only an administrator" in out
    code, out = _cli(world, "audit", "rebuild-metrics", user="admin")
    assert code == 0, out
    assert "they differed in metrics_decided" in out
    code, out = _cli(world, "audit", "verify")
    assert code == 0, out
    entry = world.store.audit.entries()[-1]
    assert (entry.action, entry.object_type) == ("changed", "metrics")


def test_decision_times_shortened_with_their_totals_following_are_named(world) -> None:
    """Editing the per-decision times (the rollup's triggers follow, so the totals agree
    with them) still shows: the times are held to the determinations themselves."""
    nina = world.sign_in("nina")
    ref = world.import_case(case_data(reference="PA-2026-005100"))
    operations.cancel(world.store, nina, ref, reason_code="withdrawn")
    attacker(world.path, "UPDATE decision_times SET seconds = 60, on_time = 1")
    code, out = _cli(world, "audit", "verify")
    assert code == 1, out
    assert "(decision_times) differ" in out and "(metrics_decided)" not in out
    code, out = _cli(world, "audit", "rebuild-metrics", user="admin")
    assert code == 0 and "decision_times" in out, out
    code, out = _cli(world, "audit", "verify")
    assert code == 0, out
