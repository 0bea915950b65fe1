"""Answers from a DTR QuestionnaireResponse sent in `Claim.supportingInfo`.

The plan's DTR questionnaire (`codes.QUESTIONNAIRE`) uses the `ixreview-case/1`
field paths as linkIds, so an answer maps onto the field of the same name. Items
of other questionnaires, and linkIds that are not answerable case fields, are
left out; a field the Bundle already gave in structured form (a Patient, an
Observation) keeps that value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
)
from pydantic import BaseModel

from ixreview.domain.case import Case
from ixreview.pas import codes

Put = Callable[[str, Any, str], None]
_FIXED = {"format", "reference", "received_at", "prior_therapies"}
_LISTS = {"member.address", "prescriber.address", "diagnosis.icd10_codes"}


@cache
def answerable_paths() -> frozenset[str]:
    """Every case field a questionnaire answer may fill (scalars and lists of text)."""
    out: set[str] = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in model.model_fields.items():
            key = info.alias or name
            path = f"{prefix}{key}"
            if path in _FIXED:
                continue
            sub = [
                a
                for a in (info.annotation, *getattr(info.annotation, "__args__", ()))
                if isinstance(a, type) and issubclass(a, BaseModel)
            ]
            if sub:
                walk(sub[0], f"{path}.")
            else:
                out.add(path)

    walk(Case, "")
    return frozenset(out)


def _items(
    items: list[QuestionnaireResponseItem] | None, at: str
) -> Iterator[tuple[str, QuestionnaireResponseItem]]:
    for i, item in enumerate(items or []):
        where = f"{at}.item[{i}]"
        yield where, item
        yield from _items(item.item, where)


def _value(answer: Any) -> Any:
    for name in ("valueBoolean", "valueInteger", "valueDate", "valueString"):
        value = getattr(answer, name, None)
        if value is not None:
            return value.isoformat() if name == "valueDate" else value
    if answer.valueDecimal is not None:
        d = answer.valueDecimal
        return int(d) if d == int(d) else float(d)
    if answer.valueCoding is not None:
        return answer.valueCoding.code
    return None


def map_questionnaire_answers(
    put: Put, at: str, response: QuestionnaireResponse, already: set[str] | None = None
) -> None:
    if (response.questionnaire or "").split("|")[0] != codes.QUESTIONNAIRE:
        return
    taken = already or set()
    for where, item in _items(response.item, at):
        path = item.linkId
        if path not in answerable_paths() or path in taken or not item.answer:
            continue
        values = [_value(a) for a in item.answer]
        values = [v for v in values if v is not None]
        if not values:
            continue
        put(path, values if path in _LISTS else values[0], f"{where}.answer")
