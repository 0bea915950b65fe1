"""Fictional example letters (one per kind) for previews, docs, tests and benchmarks.

The evaluation is written out by hand with ING-CC-0090's clause wording so this
module does not depend on the engine; the member, plan and people are invented.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Evaluation, Outcome
from ixreview.domain.intake import parse_case_json
from ixreview.letters.model import (
    ApprovalDetails,
    DenialDetails,
    DenialReason,
    InformationItem,
    LetterData,
    LetterKind,
    Member,
    PlanLetterhead,
    Prescriber,
    RequestForInformationDetails,
    Signer,
)

# The case-format example (shared/case-format.md), as a case the engine evaluates.
EXAMPLE_CASE: dict[str, object] = {
    "format": "ixreview-case/1",
    "reference": "PA-2026-004211",
    "received_at": "2026-11-19T09:30:00-06:00",
    "urgency": "standard",
    "request_type": "initial",
    "member": {
        "id": "BCT884120301",
        "first_name": "Dolores",
        "last_name": "Ibáñez",
        "birth_date": "1962-07-14",
        "address": ["1200 Magnolia Ave", "Knoxville, TN 37917"],
        "plan": "Commercial PPO",
    },
    "prescriber": {
        "name": "Anika Raman, MD",
        "npi": "1234567893",
        "phone": "865-555-0142",
        "fax": "865-555-0143",
        "address": ["Valley Oncology Associates", "40 Clinic Way", "Knoxville, TN 37920"],
    },
    "medication": {
        "hcpcs": "J9207",
        "regimen": "with_capecitabine",
        "dose_mg_per_m2": 40,
        "bsa_m2": 1.86,
        "interval_days": 21,
        "requested_start": "2026-12-01",
    },
    "diagnosis": {
        "icd10_codes": ["C50.412", "C79.51"],
        "extent": "metastatic",
        "no_response_to_preoperative_therapy": False,
    },
    "biomarkers": {
        "her2": "negative",
        "her2_test_on_file": True,
        "hormone_receptor": "positive",
        "on_endocrine_therapy": False,
    },
    "prior_lines_of_therapy": 2,
    "prior_therapies": [
        {
            "agent": "doxorubicin",
            "setting": "adjuvant",
            "start": "2022-03-01",
            "end": "2022-05-10",
            "progressed_on_therapy": False,
            "progression_date": None,
        },
        {
            "agent": "docetaxel",
            "setting": "metastatic",
            "start": "2025-09-01",
            "end": "2026-02-15",
            "progressed_on_therapy": False,
            "progression_date": "2026-04-20",
        },
    ],
    "anthracycline_contraindicated": False,
    "labs": {
        "collected_on": "2026-11-12",
        "anc_per_mm3": 2400,
        "platelets_per_mm3": 210000,
        "ast_u_l": 31,
        "ast_uln": 40,
        "alt_u_l": 29,
        "alt_uln": 45,
        "bilirubin_mg_dl": 0.7,
        "bilirubin_uln": 1.2,
    },
    "continuation": None,
}

# What makes the example a denial (one prior line; neutrophils 1,200) or a pend.
_CHANGES: dict[Outcome, dict[str, object]] = {
    Outcome.MEETS: {},
    Outcome.DOES_NOT_MEET: {"prior_lines_of_therapy": 1, "labs.anc_per_mm3": 1200},
    Outcome.NEEDS_INFORMATION: {"prior_lines_of_therapy": None},
}


def sample_evaluation(outcome: Outcome, policy: str = "ING-CC-0090") -> Evaluation:
    """The engine's evaluation of the example case, changed to reach `outcome`."""
    case = copy.deepcopy(EXAMPLE_CASE)
    for path, value in _CHANGES[outcome].items():
        node: Any = case
        *parents, last = path.split(".")
        for part in parents:
            node = node[part]
        node[last] = value
    evaluation = evaluate(parse_case_json(json.dumps(case)), policy)
    if evaluation.outcome is not outcome:  # the engine's rules changed under the sample
        raise AssertionError(f"sample case evaluates to {evaluation.outcome}, not {outcome}")
    return evaluation


PLAN = PlanLetterhead(
    name="Blue Valley Health Plan",
    address_lines=["Utilization Management", "PO Box 4410", "Knoxville, TN 37901"],
    phone="1-800-555-0199",
    fax="1-800-555-0198",
    website="www.bluevalley.example",
    appeals_address_lines=[
        "Blue Valley Health Plan, Appeals Unit",
        "PO Box 4420",
        "Knoxville, TN 37901",
    ],
)

MEMBER = Member(
    name="Dolores Ibáñez",
    id="BCT884120301",
    birth_date=date(1962, 7, 14),
    address_lines=["1200 Magnolia Ave", "Knoxville, TN 37917"],
    plan="Commercial PPO",
)

PRESCRIBER = Prescriber(
    name="Anika Raman, MD",
    address_lines=["Valley Oncology Associates", "40 Clinic Way", "Knoxville, TN 37920"],
    phone="865-555-0142",
    fax="865-555-0143",
)

NURSE = Signer(name="Łukasz Søndergaard", credentials="RN, CCM", role="Nurse reviewer")
PHYSICIAN = Signer(
    name="Mai Nguyễn", credentials="MD", role="Physician reviewer (Medical Director)"
)


def sample_letter(kind: LetterKind, *, policy_status: str = "in_force") -> LetterData:
    """A complete example letter of `kind`; `policy_status="draft"` for a draft preview."""
    outcome = {
        LetterKind.APPROVAL: Outcome.MEETS,
        LetterKind.DENIAL: Outcome.DOES_NOT_MEET,
        LetterKind.REQUEST_FOR_INFORMATION: Outcome.NEEDS_INFORMATION,
    }[kind]
    evaluation = sample_evaluation(outcome)
    if policy_status != evaluation.policy.status:
        policy = evaluation.policy.model_copy(update={"status": policy_status})
        evaluation = evaluation.model_copy(update={"policy": policy})
    common: dict[str, object] = {
        "kind": kind,
        "plan": PLAN,
        "member": MEMBER,
        "prescriber": PRESCRIBER,
        "reference": "PA-2026-004211",
        "regimen": "Ixabepilone with capecitabine, every 21 days",
        "dose": "40 mg/m² × 1.86 m² = 75 mg (75 units of J9207) per dose",
        "decision_date": date(2026, 11, 22),
        "received_date": date(2026, 11, 19),
        "evaluation": evaluation,
    }
    if kind is LetterKind.APPROVAL:
        return LetterData.model_validate(
            common
            | {
                "signer": NURSE,
                "approval": ApprovalDetails(
                    authorization_number="AUTH-2026-118842",
                    period_from=date(2026, 12, 1),
                    period_to=date(2027, 5, 31),
                    units_per_dose=75,
                    units_per_period=675,
                    doses=9,
                ),
            }
        )
    if kind is LetterKind.DENIAL:
        return LetterData.model_validate(
            common
            | {
                "signer": PHYSICIAN,
                "denial": DenialDetails(
                    reasons=[
                        DenialReason(
                            clause_id="II",
                            reason="Your records show one earlier line of treatment for "
                            "metastatic breast cancer (docetaxel). This policy covers ixabepilone "
                            "with capecitabine after two earlier lines of treatment.",
                        ),
                        DenialReason(
                            clause_id="NA.I",
                            reason="Your blood test on November 12, 2026 showed a neutrophil "
                            "count of 1,200 cells/mm³. Ixabepilone must not be started when the "
                            "count is below 1,500 cells/mm³, because the risk of severe "
                            "infection is too high.",
                        ),
                    ],
                    what_would_change=[
                        "Records of a second earlier line of treatment for metastatic breast "
                        "cancer, with the dates given and the date the cancer grew.",
                        "A new blood count taken before the planned treatment showing neutrophils "
                        "of at least 1,500 cells/mm³ and platelets of at least 100,000 cells/mm³.",
                    ],
                    appeal_deadline_days=180,
                    peer_to_peer_phone="1-800-555-0177",
                    physician_name=PHYSICIAN.name,
                    physician_credentials=PHYSICIAN.credentials,
                ),
            }
        )
    return LetterData.model_validate(
        common
        | {
            "signer": NURSE,
            "information": RequestForInformationDetails(
                items=[
                    InformationItem(
                        item="The number of earlier lines of treatment for metastatic breast "
                        "cancer, with drug names and dates",
                        why_needed="The policy covers ixabepilone with capecitabine only after "
                        "two earlier lines of treatment; the count decides whether that applies.",
                    ),
                    InformationItem(
                        item="For each earlier treatment: the start and end dates, and the "
                        "date the cancer grew or came back",
                        why_needed="The policy counts lines of treatment given for metastatic "
                        "disease; the dates show which treatments count.",
                    ),
                ],
                respond_by=date(2026, 12, 4),
            ),
        }
    )


def write_examples(folder: Path) -> list[Path]:
    """Sign the three example letters with a throw-away CA and write them to `folder`.

    `python -m ixreview.letters.samples OUTDIR` runs this; docs/letters/*.png are
    page 1 of these files (`pdftoppm -png -r 80 -f 1 -l 1`).
    """
    from datetime import datetime, timedelta, timezone

    from ixreview.letters.credentials import create_organization_ca, enroll_reviewer
    from ixreview.letters.signing import sign_letter

    ca = create_organization_ca(PLAN.name, "example-admin-password")
    signed_at = datetime(2026, 11, 22, 15, 42, tzinfo=timezone(timedelta(hours=-6)))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in LetterKind:
        data = sample_letter(kind)
        credential = enroll_reviewer(
            ca,
            "example-admin-password",
            name=data.signer.name,
            role=data.signer.role,
            credentials=data.signer.credentials,
            password="example-password",
        )
        signed = sign_letter(data, credential, "example-password", now=signed_at)
        path = folder / f"{kind.value.replace('_', '-')}.pdf"
        path.write_bytes(signed.pdf)
        written.append(path)
    (folder / "example-ca.pem").write_text(ca.cert_pem, encoding="ascii")
    return written


if __name__ == "__main__":
    import sys

    for written_path in write_examples(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(written_path)
