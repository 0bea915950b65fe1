"""Suggested words for a request for information, built from the evaluation.

The engine reports what is missing as `ixreview-case/1` field paths; the letter
must say it in words, and why it is needed. These are suggestions the reviewer
edits before pending; they are never sent unseen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ixreview.domain.evaluation import Evaluation
from ixreview.workflow.permissions import MissingItem

# Field path (list indexes removed) -> what to ask the prescriber for.
FIELD_WORDS: dict[str, str] = {
    "urgency": "whether the request is urgent (expedited) or standard",
    "request_type": "whether this is a first request or a continuation",
    "member.birth_date": "the member's date of birth",
    "medication.regimen": "the planned regimen (ixabepilone alone, with capecitabine, "
    "or with trastuzumab)",
    "medication.dose_mg_per_m2": "the planned dose in mg/m²",
    "medication.bsa_m2": "the member's body surface area (height and weight)",
    "medication.interval_days": "the planned interval between doses",
    "medication.requested_start": "the planned start date",
    "diagnosis.icd10_codes": "the diagnosis codes (ICD-10-CM)",
    "diagnosis.extent": "the extent of the disease (early, locally advanced, recurrent "
    "or metastatic)",
    "diagnosis.no_response_to_preoperative_therapy": "whether the disease responded to "
    "preoperative (neoadjuvant) therapy",
    "diagnosis.breast_cancer_confirmed": "records confirming a current breast cancer",
    "biomarkers.her2": "the HER2 status",
    "biomarkers.her2_test_on_file": "the HER2 test report",
    "biomarkers.hormone_receptor": "the hormone receptor (ER/PR) status",
    "biomarkers.on_endocrine_therapy": "whether the member currently receives endocrine "
    "therapy",
    "prior_lines_of_therapy": "the number of prior lines of therapy for this cancer",
    "prior_therapies": "the prior cancer treatments, with dates",
    "prior_therapies.setting": "the setting of each prior treatment (adjuvant, "
    "neoadjuvant or metastatic)",
    "prior_therapies.start": "the start date of each prior treatment",
    "prior_therapies.end": "the date of the last dose of each prior treatment",
    "prior_therapies.progressed_on_therapy": "whether the disease progressed during each "
    "prior treatment",
    "prior_therapies.progression_date": "the date the disease progressed after each prior "
    "treatment",
    "anthracycline_contraindicated": "whether further anthracycline therapy is "
    "contraindicated",
    "labs.collected_on": "the date of the baseline blood tests",
    "labs.anc_per_mm3": "a recent absolute neutrophil count",
    "labs.platelets_per_mm3": "a recent platelet count",
    "labs.ast_u_l": "a recent AST result",
    "labs.ast_uln": "the laboratory's upper limit of normal for AST",
    "labs.alt_u_l": "a recent ALT result",
    "labs.alt_uln": "the laboratory's upper limit of normal for ALT",
    "labs.bilirubin_mg_dl": "a recent total bilirubin result",
    "labs.bilirubin_uln": "the laboratory's upper limit of normal for bilirubin",
    "continuation.prior_authorization": "the number of the earlier authorization",
    "continuation.unacceptable_toxicity": "whether the member has had unacceptable "
    "side effects",
    "continuation.disease_progression": "whether the disease has progressed on ixabepilone",
}


# Field path (list indexes removed) -> why the plan needs it, in plain words for the
# member and the prescriber (never a clause id).
WHY_WORDS: dict[str, str] = {
    "urgency": "It decides how quickly we must answer.",
    "request_type": "A first request and a request to continue treatment are reviewed "
    "against different criteria.",
    "member.birth_date": "It confirms whose request this is.",
    "medication.regimen": "The policy covers ixabepilone differently when it is given alone, "
    "with capecitabine or with trastuzumab.",
    "medication.dose_mg_per_m2": "The dose sets how much of the drug we can authorize.",
    "medication.bsa_m2": "The dose is worked out from the body surface area, which sets how "
    "much of the drug we can authorize.",
    "medication.interval_days": "The time between doses sets how many doses fit in the "
    "authorized period.",
    "medication.requested_start": "The authorized period starts on this date.",
    "diagnosis.icd10_codes": "The diagnosis codes show which cancer is being treated; the "
    "policy covers this drug only for certain breast cancers.",
    "diagnosis.extent": "The policy covers this drug only for breast cancer that has spread "
    "or is locally advanced.",
    "diagnosis.no_response_to_preoperative_therapy": "The policy treats a cancer that did "
    "not respond to treatment before surgery differently.",
    "diagnosis.breast_cancer_confirmed": "The policy covers this drug only for breast cancer.",
    "biomarkers.her2": "The HER2 result shows whether the cancer makes too much of the HER2 "
    "protein; the policy covers this drug differently depending on that result.",
    "biomarkers.her2_test_on_file": "The HER2 test report shows whether the cancer makes too "
    "much of the HER2 protein; the policy covers this drug differently depending on that "
    "result.",
    "biomarkers.hormone_receptor": "Whether the cancer grows in response to hormones changes "
    "which part of the policy applies.",
    "biomarkers.on_endocrine_therapy": "Some parts of the policy depend on whether hormone "
    "(endocrine) therapy is being given.",
    "prior_lines_of_therapy": "The policy covers this drug after a set number of earlier "
    "treatments for this cancer.",
    "prior_therapies": "The policy covers this drug only after certain earlier treatments "
    "(such as a taxane or an anthracycline) have been tried.",
    "prior_therapies.setting": "Whether an earlier treatment was given before or after "
    "surgery, or for cancer that had spread, decides whether it counts.",
    "prior_therapies.start": "The dates show which earlier treatments count.",
    "prior_therapies.end": "The date of the last dose shows whether the cancer stopped "
    "responding to that treatment within the time the policy sets.",
    "prior_therapies.progressed_on_therapy": "Whether the cancer grew during an earlier "
    "treatment shows whether it stopped working.",
    "prior_therapies.progression_date": "The date the cancer grew shows whether it stopped "
    "responding to an earlier treatment within the time the policy sets.",
    "anthracycline_contraindicated": "The policy accepts a reason why an anthracycline "
    "cannot be given in place of having tried one.",
    "labs.collected_on": "Blood tests must be recent to show the drug can be given safely.",
    "labs.anc_per_mm3": "The drug must not be started when the neutrophil count (white blood "
    "cells that fight infection) is too low.",
    "labs.platelets_per_mm3": "The drug must not be started when the platelet count (cells "
    "that help blood clot) is too low.",
    "labs.ast_u_l": "Liver tests show whether the drug can be given safely, especially with "
    "capecitabine.",
    "labs.ast_uln": "A liver test result is judged against the laboratory's normal range.",
    "labs.alt_u_l": "Liver tests show whether the drug can be given safely, especially with "
    "capecitabine.",
    "labs.alt_uln": "A liver test result is judged against the laboratory's normal range.",
    "labs.bilirubin_mg_dl": "Liver tests show whether the drug can be given safely, "
    "especially with capecitabine.",
    "labs.bilirubin_uln": "A liver test result is judged against the laboratory's normal range.",
    "continuation.prior_authorization": "It identifies the approval this request continues.",
    "continuation.unacceptable_toxicity": "Treatment can continue only without side effects "
    "that are too severe.",
    "continuation.disease_progression": "Treatment can continue only while the cancer is not "
    "growing.",
}


def _generic(path: str) -> str:
    return re.sub(r"\[\d+\]|\.\d+(?=\.|$)", "", path)


def words_for(path: str) -> str:
    """The words for a field path; unknown paths fall back to the path made readable."""
    generic = _generic(path)
    if generic in FIELD_WORDS:
        return FIELD_WORDS[generic]
    return generic.replace(".", " ").replace("_", " ")


def why_for(path: str, evaluation: Evaluation) -> str:
    """Why the plan needs the field, in words; with the policy's own "information needed"
    for the clause it settles when that says more."""
    why = WHY_WORDS.get(_generic(path))
    needed = [
        c.information_needed.strip()
        for c in evaluation.clauses
        if path in c.missing and c.information_needed.strip()
    ]
    if why is None:
        why = "The policy's criteria cannot be checked without it."
    if needed:
        why += f" The policy asks for: {needed[0][0].lower() + needed[0][1:]}"
    return why


def information_items(evaluation: Evaluation) -> list[MissingItem]:
    """One item per missing field, in words, with why it is needed (no clause ids)."""
    items: list[MissingItem] = []
    seen: set[str] = set()
    for path in evaluation.missing:
        words = words_for(path)
        if words in seen:
            continue
        seen.add(words)
        items.append(
            MissingItem(item=words[0].upper() + words[1:], why_needed=why_for(path, evaluation))
        )
    return items


def _key(text: str) -> str:
    return " ".join(text.casefold().strip().rstrip(".").split())


def with_engine_items(
    evaluation: Evaluation, reviewer_items: Sequence[MissingItem]
) -> list[MissingItem]:
    """What a request for information asks for: every item the engine found not
    documented (with its plain reason) first, then the reviewer's own items.

    The reviewer may reword an engine item (same item, her reason) and add items,
    each with why it is needed (`permissions` refuses one without), never drop one:
    a pend that left out what the engine needs would come back without it.
    """
    engine = information_items(evaluation)
    own = {_key(m.item): m for m in reviewer_items if m.item.strip()}
    merged = [
        MissingItem(e.item, own[_key(e.item)].why_needed.strip() or e.why_needed)
        if _key(e.item) in own
        else e
        for e in engine
    ]
    taken = {_key(m.item) for m in merged}
    for m in reviewer_items:
        if m.item.strip() and _key(m.item) not in taken:
            taken.add(_key(m.item))
            merged.append(MissingItem(m.item.strip(), m.why_needed.strip()))
    return merged
