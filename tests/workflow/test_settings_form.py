"""The Settings dialog's form, read and saved whole through the workflow (issue 11: the
desk reaches the record only through the workflow), on both backends."""

from __future__ import annotations

import pytest

from ixreview.workflow import settings_form
from ixreview.workflow.errors import InvalidInput, NotPermitted
from ixreview.workflow.letterdata import LETTERHEAD_SETTING
from ixreview.workflow.plan_rules import plan_rules

HEAD = {
    "plan_name": "Blue Valley Health Plan",
    "plan_address": ["PO Box 4410", "Knoxville, TN 37901"],
    "plan_phone": "1-800-555-0199",
}


def test_a_whole_form_is_saved_and_read_back_and_the_rules_follow_it(world) -> None:
    admin = world.sign_in("admin")
    settings_form.save(
        world.store,
        admin,
        HEAD
        | {
            "expedited_hours": 24,
            "standard_days": 7,
            "authorization_months": 3,
            "lab_age_days": 45,
            "idle_minutes": 10,
            "default_policy": "BCBST-IXEMPRA",
            "plan_policies": {" BlueCross PPO ": "BCBST-IXEMPRA"},
            "time_zone": "America/Chicago",
        },
    )
    shown = settings_form.read(world.store)
    assert shown["plan_name"] == "Blue Valley Health Plan"
    assert (shown["expedited_hours"], shown["standard_days"]) == (24, 7)
    assert (shown["authorization_months"], shown["lab_age_days"], shown["idle_minutes"]) == (
        3,
        45,
        10,
    )
    assert shown["plan_policies"] == {"BlueCross PPO": "BCBST-IXEMPRA"}
    assert shown["time_zone"] == "America/Chicago"
    rules = plan_rules(world.store)
    assert (rules.default_months, rules.lab_max_age_days) == (3, 45)


@pytest.mark.parametrize(
    ("name", "bad", "words"),
    [
        ("authorization_months", 25, "authorization months: must be a number from 1 to 24"),
        ("authorization_months", 2.5, "authorization months: must be a whole number"),
        ("lab_age_days", 6, "lab age limit (days): must be a number from 7 to 90"),
        ("idle_minutes", 0, "idle lock (minutes): must be a number from 1 to 1440"),
        ("expedited_hours", 1000, "expedited clock (hours): must be a number from 1 to 168"),
        ("standard_days", float("nan"), "standard clock (days): must be a number"),
        ("standard_days", True, "standard clock (days): must be a number"),
        ("default_policy", "BCBST-IXEMPRA@draft", "is not a policy id"),
    ],
)
def test_one_bad_field_is_named_and_nothing_of_the_form_is_written(
    world, name: str, bad: object, words: str
) -> None:
    admin = world.sign_in("admin")
    before = settings_form.read(world.store)
    changes = world.store.audit.entries()
    with pytest.raises(InvalidInput) as caught:
        settings_form.save(world.store, admin, HEAD | {"idle_minutes": 12, name: bad})
    assert words in str(caught.value)
    assert settings_form.read(world.store) == before  # the letterhead was not written either
    assert len(world.store.audit.entries()) == len(changes)


def test_the_form_keeps_the_letterheads_fields_it_does_not_show(world) -> None:
    admin = world.sign_in("admin")
    stored = {
        "name": "Old name",
        "address_lines": ["1 Main St"],
        "phone": "1-800-555-0100",
        "fax": "1-800-555-0101",
        "appeals_address_lines": ["Appeals, PO Box 9"],
    }
    world.store.settings.set(LETTERHEAD_SETTING, stored)
    settings_form.save(world.store, admin, HEAD)
    head = world.store.settings.get(LETTERHEAD_SETTING)
    assert head["name"] == "Blue Valley Health Plan"
    assert (head["fax"], head["appeals_address_lines"]) == (
        "1-800-555-0101",
        ["Appeals, PO Box 9"],
    )


def test_a_policy_map_naming_a_plan_twice_or_an_empty_plan_is_refused(world) -> None:
    admin = world.sign_in("admin")
    for mapping, words in (
        ({"A": "ING-CC-0090", " a ": "ING-CC-0090"}, "named twice"),
        ({" ": "ING-CC-0090"}, "a plan name is empty"),
        (["ING-CC-0090"], "expected plan names"),
    ):
        with pytest.raises(InvalidInput, match=words) as caught:
            settings_form.save(world.store, admin, {"plan_policies": mapping})
        assert caught.value.field == "policy by plan"


def test_only_an_administrator_saves_the_form(world) -> None:
    with pytest.raises(NotPermitted, match="administrator"):
        settings_form.save(world.store, world.sign_in("nina"), {"authorization_months": 6})
    assert settings_form.read(world.store)["authorization_months"] is None
