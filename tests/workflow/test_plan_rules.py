"""The plan's lab age limit: an administrator's audited setting the engine is run under,
for every evaluation that can lead to a decision (issue 10 §2: a plan setting, default 30)."""

from __future__ import annotations

import pytest
from workflow_helpers import case_data

from ixreview.domain.evaluation import Outcome
from ixreview.workflow import operations
from ixreview.workflow.errors import InvalidInput, NotPermitted
from ixreview.workflow.plan_rules import LAB_AGE_SETTING, plan_rules, set_lab_max_age

# The example is received 2026-11-19; labs collected 41 days before.
OLD_LABS = {"labs.collected_on": "2026-10-09"}


def test_labs_older_than_the_plans_limit_need_information_until_the_plan_allows_them(
    world,
) -> None:
    ref = world.import_case(case_data(**OLD_LABS))
    nina, admin = world.sign_in("nina"), world.sign_in("admin")
    before = operations.evaluate_review(world.store, nina, ref)
    assert (before.outcome, before.missing) == (Outcome.NEEDS_INFORMATION, ["labs.collected_on"])
    assert "(more than 30)" in before.clause("NA.I").reason
    set_lab_max_age(world.store, admin, 45)
    assert plan_rules(world.store).lab_max_age_days == 45
    after = operations.evaluate_review(world.store, nina, ref)
    assert after.outcome == Outcome.MEETS
    entry = world.store.audit.entries()[-1]
    assert entry.action == "changed" and LAB_AGE_SETTING in str(entry.details)


def test_only_an_administrator_sets_it_and_only_within_a_week_to_a_quarter(world) -> None:
    with pytest.raises(NotPermitted, match="administrator"):
        set_lab_max_age(world.store, world.sign_in("nina"), 45)
    admin = world.sign_in("admin")
    for bad in (0, 6, 91, 10_000):
        with pytest.raises(InvalidInput, match="lab age limit: must be a whole number"):
            set_lab_max_age(world.store, admin, bad)
    assert plan_rules(world.store).lab_max_age_days == 30


def test_a_row_written_around_the_workflow_out_of_range_is_not_trusted(world) -> None:
    world.store.settings.set(LAB_AGE_SETTING, 100_000)
    assert plan_rules(world.store).lab_max_age_days == 30
    world.store.settings.set(LAB_AGE_SETTING, True)
    assert plan_rules(world.store).lab_max_age_days == 30


def test_the_imports_own_warning_about_old_labs_follows_the_plans_limit(world) -> None:
    import json

    from ixreview.workflow import records

    data = case_data(**OLD_LABS)  # labs 41 days old
    first = records.import_text(world.store, None, json.dumps(data))
    assert any("(more than 30)" in w for w in first.warnings)
    set_lab_max_age(world.store, world.sign_in("admin"), 45)
    later = records.import_text(world.store, None, json.dumps(data | {"reference": "PA-2"}))
    assert not any("may not be baseline values" in w for w in later.warnings)
