"""Settings > Plan and review > "Policy by plan": the setting policy.by_plan (issue 6)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import signed_in_desk, staff_database
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLineEdit

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def staffed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return staff_database(tmp_path_factory.mktemp("staff") / "cases.sqlite3")


@pytest.fixture
def desk(staffed: Path, tmp_path: Path):
    db = tmp_path / "cases.sqlite3"
    shutil.copy(staffed, db)
    d = signed_in_desk(db, "admin")
    yield d
    d.close()


def open_settings(qtbot: Any, desk: Any) -> Any:
    from ixreview.ui.policies import policy_choices
    from ixreview.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(desk.settings_form(), policy_choices(), desk=desk)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def add_plan(qtbot: Any, dialog: Any, name: str, policy: str | None = None) -> int:
    """Click "Add row", type the plan's name in the cell editor, pick the policy."""
    table = dialog.ui.plan_policies
    qtbot.mouseClick(dialog.ui.add_plan_policy, Qt.MouseButton.LeftButton)
    row = table.rowCount() - 1
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "the new row opens its plan name for typing"
    qtbot.keyClicks(editors[0], name)
    qtbot.keyClick(editors[0], Qt.Key.Key_Return)
    # The delegate commits the typed name on the next turn of the event loop.
    qtbot.waitUntil(lambda: table.item(row, 0).text() == name, timeout=2000)
    if policy is not None:
        combo = table.cellWidget(row, 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findText(policy))
    return row


def save(qtbot: Any, dialog: Any, desk: Any) -> bool:
    """Press Save; when the dialog accepts, store its values as the main window does."""
    button = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    if dialog.result() != QDialog.DialogCode.Accepted:
        return False
    desk.save_settings_form(dialog.values())
    return True


def test_an_admin_maps_a_plan_to_a_policy_and_sees_it_again(qtbot: Any, desk: Any) -> None:
    from ixreview.store.intake import PLAN_POLICY_SETTING

    dialog = open_settings(qtbot, desk)
    assert dialog.ui.plan_policies.rowCount() == 0  # nothing mapped yet
    add_plan(qtbot, dialog, "BlueCross PPO", "BCBST-IXEMPRA")
    add_plan(qtbot, dialog, "Valley HMO", "ING-CC-0090")
    combo = dialog.ui.plan_policies.cellWidget(0, 1)
    # Only policy ids are offered, never versions.
    assert [combo.itemText(i) for i in range(combo.count())] == ["BCBST-IXEMPRA", "ING-CC-0090"]
    assert save(qtbot, dialog, desk)

    assert desk.store.settings.get(PLAN_POLICY_SETTING) == {
        "BlueCross PPO": "BCBST-IXEMPRA",
        "Valley HMO": "ING-CC-0090",
    }
    changes = desk.store.audit.entries(object_type="setting", object_id=PLAN_POLICY_SETTING)
    assert [e.action for e in changes] == ["changed"]
    assert changes[0].actor_id is not None

    again = open_settings(qtbot, desk)
    table = again.plan_policies
    assert table.rows() == [("BlueCross PPO", "BCBST-IXEMPRA"), ("Valley HMO", "ING-CC-0090")]
    assert again.ui.policy.currentData() == "ING-CC-0090"  # the default policy is kept apart

    # Removing a row and saving forgets that plan's policy.
    again.ui.plan_policies.setCurrentCell(1, 0)
    qtbot.mouseClick(again.ui.remove_plan_policy, Qt.MouseButton.LeftButton)
    assert save(qtbot, again, desk)
    assert desk.store.settings.get(PLAN_POLICY_SETTING) == {"BlueCross PPO": "BCBST-IXEMPRA"}


def test_a_duplicate_or_empty_plan_name_is_refused_at_the_field(qtbot: Any, desk: Any) -> None:
    from ixreview.store.intake import PLAN_POLICY_SETTING

    dialog = open_settings(qtbot, desk)
    add_plan(qtbot, dialog, "BlueCross PPO", "BCBST-IXEMPRA")
    add_plan(qtbot, dialog, "bluecross ppo", "ING-CC-0090")
    # Said as soon as the name is typed ...
    assert "row 2" in dialog.ui.message.text()
    assert "already in row 1" in dialog.ui.message.text()
    # ... and Save refuses, pointing at the row, keeping both rows (nothing dropped).
    assert not save(qtbot, dialog, desk)
    assert dialog.isVisible()
    assert "“bluecross ppo” is already in row 1" in dialog.ui.message.text()
    assert dialog.ui.plan_policies.currentRow() == 1
    assert dialog.ui.plan_policies.rowCount() == 2
    assert desk.store.settings.get(PLAN_POLICY_SETTING) is None

    # Renaming the second plan clears the message; an added row left empty is refused.
    dialog.ui.plan_policies.item(1, 0).setText("Valley HMO")
    assert dialog.ui.message.text() == ""
    qtbot.mouseClick(dialog.ui.add_plan_policy, Qt.MouseButton.LeftButton)
    assert not save(qtbot, dialog, desk)
    assert "policy by plan, row 3: the plan name is empty" in dialog.ui.message.text()
    assert desk.store.settings.get(PLAN_POLICY_SETTING) is None


def test_the_desk_refuses_a_policy_version_or_an_unknown_id(desk: Any) -> None:
    from ixreview.ui.desk import DeskError

    for policy in ("BCBST-IXEMPRA@draft", "NOPE-1"):
        with pytest.raises(DeskError, match="is not a policy id"):
            desk.save_settings_form({"plan_policies": {"BlueCross PPO": policy}})
    with pytest.raises(DeskError, match="named twice"):
        desk.save_settings_form({"plan_policies": {"A": "ING-CC-0090", " a ": "ING-CC-0090"}})


def test_the_lab_age_limit_is_typed_in_settings_and_judged_through_the_workflow(
    qtbot: Any, desk: Any
) -> None:
    from ixreview.ui.desk import DeskError
    from ixreview.workflow.plan_rules import plan_rules

    dialog = open_settings(qtbot, desk)
    box = dialog.widgets["lab_age_days"]
    assert box.accessibleName() == "Baseline labs at most (days)" and box.text() == ""
    assert box.placeholderText() == "30 when empty"  # what applies while it is empty
    assert dialog.widgets["standard_days"].placeholderText() == "15 when empty"
    qtbot.keyClicks(box, "45")
    assert save(qtbot, dialog, desk)
    assert plan_rules(desk.store).lab_max_age_days == 45
    again = open_settings(qtbot, desk)
    assert again.widgets["lab_age_days"].text() == "45"
    again.widgets["lab_age_days"].setText("120")
    again.widgets["idle_minutes"].setText("9")
    button = again.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with pytest.raises(DeskError) as caught:  # the workflow's range, named by its words
        desk.save_settings_form(again.values())
    assert caught.value.field == "lab age limit (days)"
    assert "from 7 to 90" in str(caught.value)
    assert plan_rules(desk.store).lab_max_age_days == 45
    assert desk.setting("idle_lock_minutes") is None  # nothing of the refused form was written
