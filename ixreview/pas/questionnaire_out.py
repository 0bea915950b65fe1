"""The review as a Da Vinci DTR QuestionnaireResponse.

One item per answered field of the plan's questionnaire (linkIds are the
`ixreview-case/1` field paths), each with the DTR information-origin extension:
`auto` for a value imported from the request (with the resource it was read from
and its FHIR path), `override` for an imported value the reviewer replaced,
`manual` for one the reviewer entered (both with the reviewer as author).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from fhir.resources.R4B.extension import Extension
from fhir.resources.R4B.meta import Meta
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse,
    QuestionnaireResponseItem,
    QuestionnaireResponseItemAnswer,
)
from fhir.resources.R4B.reference import Reference

from ixreview.pas import codes

ORIGIN_CODES = {"imported": "auto", "override": "override", "entered": "manual"}


@dataclass(frozen=True)
class ReviewedAnswer:
    path: str
    question: str  # the question in words
    value: Any
    origin: str  # imported | override | entered
    author: str | None = None  # the reviewer's full name with credentials
    source_url: str | None = None  # fullUrl of the resource it was imported from
    source_path: str | None = None  # FHIRPath in the request Bundle
    is_date: bool = False


def _answers(answer: ReviewedAnswer) -> list[QuestionnaireResponseItemAnswer]:
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    out = []
    for value in values:
        if isinstance(value, bool):
            out.append(QuestionnaireResponseItemAnswer(valueBoolean=value))
        elif isinstance(value, int):
            out.append(QuestionnaireResponseItemAnswer(valueInteger=value))
        elif isinstance(value, float):
            out.append(QuestionnaireResponseItemAnswer(valueDecimal=value))
        elif answer.is_date and isinstance(value, str):
            out.append(QuestionnaireResponseItemAnswer(valueDate=date.fromisoformat(value)))
        elif value is not None:
            out.append(QuestionnaireResponseItemAnswer(valueString=str(value)))
    return out


def _origin(answer: ReviewedAnswer) -> Extension:
    parts: list[dict[str, Any]] = [
        {"url": "source", "valueCode": ORIGIN_CODES[answer.origin]},
    ]
    if answer.origin != "imported" and answer.author:
        parts.append({"url": "author", "valueReference": {"display": answer.author}})
    if answer.origin != "entered" and (answer.source_url or answer.source_path):
        parts.append(
            {
                "url": "reference",
                "valueReference": {
                    "reference": answer.source_url,
                    "display": answer.source_path,
                },
            }
        )
    return Extension.model_validate({"url": codes.EXT_INFORMATION_ORIGIN, "extension": parts})


def build_questionnaire_response(
    response_id: str,
    answers: list[ReviewedAnswer],
    *,
    completed: bool,
    authored: datetime,
    subject_url: str | None,
    subject_display: str | None,
) -> QuestionnaireResponse:
    items = [
        QuestionnaireResponseItem(
            linkId=a.path, text=a.question, extension=[_origin(a)], answer=_answers(a)
        )
        for a in answers
        if _answers(a)
    ]
    return QuestionnaireResponse(
        id=response_id,
        meta=Meta(profile=[codes.PROFILE_DTR_QR]),
        questionnaire=codes.QUESTIONNAIRE,
        status="completed" if completed else "in-progress",
        subject=Reference(reference=subject_url, display=None if subject_url else subject_display),
        authored=authored,
        item=items or None,
    )
