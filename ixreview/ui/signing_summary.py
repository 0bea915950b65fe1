"""What a reviewer is about to sign, in one box, before anything is signed.

Decision, the authorization and its units (approval), the reasons (denial) or the
items asked for (request for information), the letter and who receives it. The
workflow checks the rules again when the password is given; this only says, in
words, what the signature will cover.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from ixreview.domain.evaluation import Evaluation
from ixreview.ui.words import day

SIGNED_ACTIONS = ("approve", "deny", "pend")
_DECISIONS = {
    "approve": ("Approve", "approval letter"),
    "deny": ("Deny", "denial letter"),
    "pend": ("Pend for information", "request for information"),
}


def summary_html(
    action: str,
    case: Any,
    evaluation: Evaluation | None,
    reasons: Mapping[str, str] | None = None,
) -> str:
    decision, letter = _DECISIONS[action]
    lines = [f"<b>Decision:</b> {html.escape(decision)}"]
    if action == "approve" and evaluation is not None and evaluation.authorization:
        a = evaluation.authorization
        lines.append(
            f"<b>Authorization:</b> {day(a.start)} to {day(a.end)}, {a.doses} doses of "
            f"{a.units_per_dose} units of J9207 ({a.units_total} units)"
        )
    if action == "deny":
        items = "".join(f"<li>{html.escape(r)}</li>" for r in (reasons or {}).values())
        lines.append(f"<b>Reasons for the member:</b><ul>{items}</ul>")
    if action == "pend" and evaluation is not None:
        from ixreview.workflow.prefill import information_items

        items = "".join(f"<li>{html.escape(m.item)}</li>" for m in information_items(evaluation))
        lines.append(f"<b>Asks the prescriber for:</b><ul>{items}</ul>")
    member = " ".join(
        str(p) for p in (_get(case, "member.first_name"), _get(case, "member.last_name")) if p
    )
    prescriber = _get(case, "prescriber.name") or "the prescriber"
    lines.append(
        f"<b>Letter:</b> {html.escape(letter)} to {html.escape(member or 'the member')}, "
        f"copy to {html.escape(str(prescriber))}"
    )
    return "<br>".join(lines)


def _get(case: Any, path: str) -> Any:
    node = case
    for part in path.split("."):
        node = getattr(node, part, None) if node is not None else None
    return node


def ask_to_sign(parent: QWidget, text: str) -> bool:
    """Yes signs (Enter, after reading the summary); Cancel or Escape goes back."""
    answer = QMessageBox.question(
        parent,
        "Sign this decision?",
        text + "<br><br>Your password signs it; nothing is signed before.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
