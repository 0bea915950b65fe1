"""A request for information always asks for what the engine found not documented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ixreview.domain.engine import evaluate
from ixreview.domain.intake import parse_case_data
from ixreview.workflow.permissions import MissingItem
from ixreview.workflow.prefill import information_items, with_engine_items

EXAMPLE = Path(__file__).parents[1] / "data" / "example-case.json"


def _needs_information() -> Any:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["prior_therapies"][0]["progression_date"] = None
    return evaluate(parse_case_data(data), "BCBST-IXEMPRA")


def test_the_engine_items_come_first_with_their_plain_reasons() -> None:
    ev = _needs_information()
    engine = information_items(ev)
    assert engine, "the case needs information"
    merged = with_engine_items(ev, [MissingItem(" HER2 report", "To confirm the result. ")])
    assert merged[: len(engine)] == engine
    assert merged[-1] == MissingItem("HER2 report", "To confirm the result.")
    assert all("." not in m.item.split()[0] for m in merged)  # words, never field paths
    assert not any("prior_therapies" in m.item or "prior_therapies" in m.why_needed for m in merged)


def test_the_reviewer_rewords_an_engine_item_but_cannot_drop_it() -> None:
    ev = _needs_information()
    first = information_items(ev)[0]
    merged = with_engine_items(ev, [MissingItem(first.item.upper() + ".", "Our own words.")])
    assert merged[0] == MissingItem(first.item, "Our own words.")
    assert len(merged) == len(information_items(ev))
    assert with_engine_items(ev, []) == information_items(ev)
