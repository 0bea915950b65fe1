"""The policy impact replay gives, request by request, exactly the engine's answers.

Varied requests (the samples with random changes to every field the policies read),
some with saved answers (one of which makes its case invalid), are put on record on
this desk's SQLite file and on the team server; the replay runs through the process
pool in small pages and batches, and every row is compared with a plain evaluation
(`engine.evaluate_version`) of the case as saved (`casefile.current_case`) under the
version the request is reviewed under and under the version replayed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "impact"))
from impact_helpers import NOW, World, _build
from varied_cases import varied_cases

from ixreview.domain.engine import evaluate_version
from ixreview.domain.evaluation import Evaluation
from ixreview.domain.policies import default_registry
from ixreview.store import open_store
from ixreview.workflow import impact
from ixreview.workflow.casefile import current_case
from ixreview.workflow.errors import InvalidInput
from ixreview.workflow.plan_rules import plan_rules

N = 90
POLICIES = ("BCBST-IXEMPRA@current", "BCBST-IXEMPRA@draft", "ING-CC-0090@2022-02-25")


def _record(world: World) -> list[str]:
    """N varied requests under BCBST; every fifth with a saved ANC, one invalid."""
    store = world.store
    refs = []
    for i, data in enumerate(varied_cases(N, seed=41)):
        data["reference"] = f"PA-2026-8{i:04d}"
        refs.append(store.import_case(json.dumps(data), policy="BCBST-IXEMPRA").reference)
    for i, ref in enumerate(refs):
        value = -5 if i == 7 else (900, 1500, 2500)[i % 3] if i % 5 == 0 else None
        if value is None:
            continue
        answer = {"value": value, "origin": "override", "set_by": 2, "set_at": NOW.isoformat()}
        review = store.reviews.for_request(store.requests.by_reference(ref).id)
        store.conn.execute(
            "UPDATE reviews SET answers_json = ? WHERE id = ?",
            (json.dumps({"labs.anc_per_mm3": answer}), review.id),
        )
    return refs


@pytest.fixture
def worlds(team_url: str, tmp_path: Path) -> Iterator[tuple[World, World]]:
    """The same varied record on this desk's SQLite file and on the team server."""
    _build(tmp_path / "ixreview.sqlite3")
    with ExitStack() as stack:
        pair = tuple(
            World(stack.enter_context(open_store(where, clock=lambda: NOW)), tmp_path)
            for where in (tmp_path / "ixreview.sqlite3", team_url)
        )
        for world in pair:
            _record(world)
        yield pair[0], pair[1]


def _changes(now: Evaluation, under: Evaluation) -> tuple[tuple[str, str, str], ...]:
    """The clauses whose status differs, in the replay's order (the replayed version's
    clauses, then those only the version now has), from the engine's clause results."""
    a = {c.id: c.status.value for c in now.clauses}
    b = {c.id: c.status.value for c in under.clauses}
    ids = list(b) + [c for c in a if c not in b]
    return tuple((c, a.get(c, "absent"), b.get(c, "absent")) for c in ids if a.get(c) != b.get(c))


@pytest.mark.parametrize("target", POLICIES[:2])
def test_every_replayed_request_has_the_engines_answers_on_both_backends(
    worlds: tuple[World, World], target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small pages and batches through a pool of two: the paths a large record takes.
    monkeypatch.setattr(impact, "POOL_FROM", 0)
    monkeypatch.setattr(impact, "PAGE", 25)
    monkeypatch.setattr(impact, "BATCH", 10)
    registry = default_registry()
    under_version = registry.get(target)
    seen_outcomes = set()
    changed = 0
    for world in worlds:
        store = world.store
        report = impact.replay(store, world.sign_in("nina"), target, workers=2)
        assert len(report.rows) == N
        days = plan_rules(store).lab_max_age_days
        for row in report.rows:
            request = store.requests.by_reference(row.reference)
            review = store.reviews.for_request(request.id)
            try:
                case = current_case(request, review)
            except InvalidInput:
                assert (row.outcome_now, row.outcome_under, row.changed_clauses) == (
                    None,
                    None,
                    (),
                ), row.reference
                continue
            now = evaluate_version(case, registry.get(row.policy_now), lab_max_age_days=days)
            under = evaluate_version(case, under_version, lab_max_age_days=days)
            assert row.outcome_now == now.outcome.value, row.reference
            assert row.outcome_under == under.outcome.value, row.reference
            assert row.changed_clauses == _changes(now, under), row.reference
            seen_outcomes.add(row.outcome_now)
            changed += row.changed
        assert report.not_evaluable == 1  # the saved ANC of -5
    assert len(seen_outcomes) == 3  # the record reaches every outcome
    if target.endswith("draft"):
        assert changed > 0  # and the draft changes some of them
