"""The case as the reviewer has it: the request as received plus the saved answers.

Answers are keyed by `ixreview-case/1` field paths ("labs.anc_per_mm3"; list
fields such as "prior_therapies" are one answer). Deciding evaluates this case,
never a copy the GUI holds, so the GUI and the CLI decide on the same facts.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from ixreview.domain.case import Case
from ixreview.domain.intake import CaseError, parse_case_data
from ixreview.store import Answer, AnswerOrigin, RequestRecord, Review
from ixreview.workflow.errors import InvalidInput

_NOT_ANSWERABLE = frozenset({"format", "reference", "received_at"})


def intake_data(request: RequestRecord) -> dict[str, Any]:
    data = json.loads(request.intake_json)
    assert isinstance(data, dict)
    return data


def get_path(data: Mapping[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[last] = copy.deepcopy(value)


def check_path(path: str) -> None:
    """Refuse a path the case format does not have (a typo must not be saved silently)."""
    model: type[BaseModel] | None = Case
    parts = path.split(".")
    if not path or parts[0] in _NOT_ANSWERABLE:
        raise InvalidInput("path", f'"{path}" cannot be answered: it is fixed by the request')
    for i, part in enumerate(parts):
        if model is None:
            raise InvalidInput("path", f'"{path}" is not a field of the case format')
        fields = {f.alias or name: f for name, f in model.model_fields.items()}
        info = fields.get(part)
        if info is None:
            raise InvalidInput("path", f'"{path}" is not a field of the case format')
        model = _submodel(info.annotation) if i < len(parts) - 1 else None


def _submodel(annotation: Any) -> type[BaseModel] | None:
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    for c in candidates:
        if isinstance(c, type) and issubclass(c, BaseModel):
            return c
    return None


def answer_for(
    request: RequestRecord, path: str, value: Any, *, user_id: int, at: str
) -> Answer:
    """The answer with its origin: imported (as received), entered, or an override."""
    imported = get_path(intake_data(request), path)
    if imported is None:
        origin = AnswerOrigin.ENTERED
    elif imported == value:
        origin = AnswerOrigin.IMPORTED
    else:
        origin = AnswerOrigin.OVERRIDE
    return Answer(
        value=copy.deepcopy(value),
        origin=origin,
        set_by=user_id,
        set_at=at,
        imported_value=None if origin == AnswerOrigin.ENTERED else copy.deepcopy(imported),
    )


def current_case(request: RequestRecord, review: Review) -> Case:
    """The request with every saved answer applied; InvalidInput names a bad field."""
    data = intake_data(request)
    for path, answer in sorted(review.answers.items()):
        _put(data, path, answer.value)
    try:
        return parse_case_data(data)
    except CaseError as exc:
        first = exc.findings[0]
        raise InvalidInput(first.path or "case", first.message) from None
