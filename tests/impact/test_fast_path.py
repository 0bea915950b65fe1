"""The replay's fast path gives exactly the engine's outcome and clause statuses."""

from __future__ import annotations

import json
from datetime import date, timedelta

from varied_cases import varied_cases

from ixreview.domain.engine import evaluate_version
from ixreview.domain.intake import parse_case_data
from ixreview.domain.policies import default_registry
from ixreview.workflow.impact import _pooled
from ixreview.workflow.replay import Job, run_batch, verdicts


def test_fast_path_matches_the_engine_on_varied_cases_under_every_version() -> None:
    versions = default_registry().versions
    cases = [parse_case_data(d) for d in varied_cases(250)]
    outcomes = set()
    for case in cases:
        for now in versions:
            for under in versions:
                fast_now, fast_under = verdicts(case, now.key, under.key)
                for fast, version in ((fast_now, now), (fast_under, under)):
                    plain = evaluate_version(case, version)
                    assert fast.outcome == plain.outcome, (case.reference, version.key)
                    assert fast.clauses == {c.id: c.status for c in plain.clauses}
                    outcomes.add(plain.outcome)
    assert len(outcomes) == 3  # the sample reaches every outcome


def test_fast_path_takes_the_plans_lab_age_limit_as_the_engine_does() -> None:
    versions = default_registry().versions
    data = varied_cases(120, seed=5)
    for i, d in enumerate(data):  # labs from the day of receipt to 59 days before it
        received = date.fromisoformat(d["received_at"][:10])
        d["labs"]["collected_on"] = (received - timedelta(days=i % 60)).isoformat()
    cases = [parse_case_data(d) for d in data]
    differs = 0
    for case in cases:
        for days in (7, 90):
            for version in versions:
                fast, _ = verdicts(case, version.key, version.key, days)
                plain = evaluate_version(case, version, lab_max_age_days=days)
                assert fast.outcome == plain.outcome, (case.reference, version.key, days)
                assert fast.clauses == {c.id: c.status for c in plain.clauses}
        short, _ = verdicts(case, "ING-CC-0090@2022-02-25", "ING-CC-0090@2022-02-25", 7)
        long, _ = verdicts(case, "ING-CC-0090@2022-02-25", "ING-CC-0090@2022-02-25", 90)
        differs += short.outcome != long.outcome
    assert differs > 0  # the varied labs' ages make the setting matter


def _jobs() -> list[Job]:
    answers = json.dumps(
        {
            "labs.anc_per_mm3": {
                "value": 900,
                "origin": "override",
                "set_by": 2,
                "set_at": "2026-11-20",
            }
        }
    )
    return [
        (i, json.dumps(d), answers if i % 7 == 0 else "{}", "BCBST-IXEMPRA@current")
        for i, d in enumerate(varied_cases(120, seed=3))
    ]


def test_saved_answers_count_and_the_pool_gives_the_same_answers_as_in_process() -> None:
    jobs = _jobs()
    alone = run_batch(jobs, "BCBST-IXEMPRA@draft")
    pooled: list = []
    _pooled(
        iter([jobs[:60], jobs[60:]]), ("BCBST-IXEMPRA@draft", 30), 2, pooled.extend, lambda: False
    )
    assert sorted(pooled) == sorted(alone)
    # The saved answer (ANC 900, below every threshold) is what was evaluated.
    for request_id, now, under, _clauses in alone:
        if request_id % 7 == 0:
            assert now != "meets_criteria" and under != "meets_criteria"
