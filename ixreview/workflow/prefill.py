"""Suggested words for a request for information, built from the evaluation.

The engine reports what is missing as `ixreview-case/1` field paths; the letter
must say it in words, and why it is needed. These are suggestions the reviewer
edits before pending; they are never sent unseen.
"""

from __future__ import annotations

import re

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


def words_for(path: str) -> str:
    """The words for a field path; unknown paths fall back to the path made readable."""
    generic = re.sub(r"\[\d+\]|\.\d+(?=\.|$)", "", path)
    if generic in FIELD_WORDS:
        return FIELD_WORDS[generic]
    return generic.replace(".", " ").replace("_", " ")


def information_items(evaluation: Evaluation) -> list[MissingItem]:
    """One item per missing field, saying which criteria it is needed for."""
    items: list[MissingItem] = []
    seen: set[str] = set()
    for path in evaluation.missing:
        words = words_for(path)
        if words in seen:
            continue
        seen.add(words)
        clauses = [c.id for c in evaluation.clauses if path in c.missing]
        if clauses:
            why = (
                f"needed to decide criterion {', '.join(clauses)} of {evaluation.policy.title}"
            )
        else:
            why = f"needed to decide the request under {evaluation.policy.title}"
        items.append(MissingItem(item=words[0].upper() + words[1:], why_needed=why))
    return items
