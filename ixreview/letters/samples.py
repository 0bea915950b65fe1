"""Fictional example letters (one per kind) for previews, docs, tests and benchmarks.

The evaluation is written out by hand with ING-CC-0090's clause wording so this
module does not depend on the engine; the member, plan and people are invented.
"""

from __future__ import annotations

from datetime import date

from ixreview.domain.evaluation import (
    Authorization,
    ClauseResult,
    ClauseRole,
    Evaluation,
    Outcome,
    PolicyRef,
    Truth,
)
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

POLICY = PolicyRef(
    id="ING-CC-0090",
    version="2022-02-25",
    title="Clinical Criteria ING-CC-0090: Ixempra (ixabepilone)",
    status="in_force",
    issuer="Clinical Criteria (ING)",
    document_number="ING-CC-0090",
    effective_date="2022-03-28",
)

_WORDING = {
    "I": "Individual has a diagnosis of breast cancer, metastatic or locally advanced",
    "II": "Any of the following indications",
    "II.A": "As monotherapy in individuals treated with two prior lines of therapy",
    "II.B": "In combination with capecitabine in individuals previously treated with two "
    "lines of therapy",
    "II.C": "In combination with trastuzumab (or trastuzumab biosimilars) in individuals with "
    "disease resistant to treatment with taxanes (NCCN 2A)",
    "II.D": "In combination with trastuzumab (or trastuzumab biosimilars) in the treatment of "
    "an individual with locally recurrent or metastatic HER2+ breast cancer with either "
    "(NCCN 2A)",
    "X.I": "If the baseline neutrophil count is <1500 cells/mm³ or the platelet count is "
    "< 100,000 cells/mm³",
    "X.II": "If Ixempra is used in combination with capecitabine and individual has hepatic "
    "impairment defined as AST or ALT > 2.5 x ULN or bilirubin > 1 x ULN",
}


_LINES = {
    Truth.MET: "Prior lines of therapy: 2.",
    Truth.NOT_MET: "Prior lines of therapy: 1 (docetaxel).",
    Truth.UNKNOWN: "Prior lines of therapy are not documented.",
}
_COUNTS = {
    Truth.NOT_MET: "Baseline neutrophils 2400 cells/mm³, platelets 210,000 cells/mm³.",
    Truth.MET: "Baseline neutrophils 1200 cells/mm³ (below 1500).",
    Truth.UNKNOWN: "Baseline platelet count is not documented.",
}


def _clause(
    cid: str,
    status: Truth,
    reason: str,
    *,
    role: ClauseRole = ClauseRole.APPROVAL,
    parent: str | None = None,
    missing: list[str] | None = None,
) -> ClauseResult:
    return ClauseResult(
        id=cid,
        text=_WORDING[cid],
        role=role,
        status=status,
        reason=reason,
        depth=0 if parent is None else 1,
        parent=parent,
        missing=missing or [],
    )


def sample_evaluation(outcome: Outcome) -> Evaluation:
    """An ING-CC-0090 evaluation with the given outcome (capecitabine combination)."""
    na = Truth.NOT_APPLICABLE
    x1 = Truth.NOT_MET
    b_status = Truth.MET
    missing: list[str] = []
    if outcome is Outcome.DOES_NOT_MEET:
        b_status = Truth.NOT_MET
        x1 = Truth.MET
    elif outcome is Outcome.NEEDS_INFORMATION:
        b_status = Truth.UNKNOWN
        missing = ["prior_lines_of_therapy", "labs.platelets_per_mm3"]
        x1 = Truth.UNKNOWN
    ii_status = b_status
    clauses = [
        _clause("I", Truth.MET, "Metastatic breast cancer (C50.412) is documented."),
        _clause("II", ii_status, "One indication must apply."),
        _clause("II.A", na, "Requested with capecitabine, not as monotherapy.", parent="II"),
        _clause(
            "II.B", b_status, _LINES[b_status], parent="II",
            missing=["prior_lines_of_therapy"] if b_status is Truth.UNKNOWN else [],
        ),
        _clause("II.C", na, "Not requested with trastuzumab.", parent="II"),
        _clause("II.D", na, "Not requested with trastuzumab.", parent="II"),
        _clause(
            "X.I", x1, _COUNTS[x1],
            role=ClauseRole.EXCLUSION,
        ),
        _clause(
            "X.II", Truth.NOT_MET, "AST 0.78 × ULN, ALT 0.64 × ULN, bilirubin 0.58 × ULN.",
            role=ClauseRole.EXCLUSION,
        ),
    ]
    auth = None
    if outcome is Outcome.MEETS:
        auth = Authorization(
            months=6, units_per_dose=75, units_total=675, doses=9,
            start="2026-12-01", end="2027-05-31", capped_bsa_m2=1.86,
        )
    return Evaluation(
        policy=POLICY,
        outcome=outcome,
        clauses=clauses,
        missing=missing,
        authorization=auth,
        warnings=[],
        derived=[],
        summary=f"Outcome: {outcome.value}",
    )


PLAN = PlanLetterhead(
    name="Blue Valley Health Plan",
    address_lines=["Utilization Management", "PO Box 4410", "Knoxville, TN 37901"],
    phone="1-800-555-0199",
    fax="1-800-555-0198",
    website="www.bluevalley.example",
    appeals_address_lines=["Blue Valley Health Plan, Appeals Unit", "PO Box 4420",
                           "Knoxville, TN 37901"],
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
                        clause_id="X.I",
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
                    why_needed="Criterion II.B covers ixabepilone with capecitabine after two "
                    "earlier lines of treatment.",
                ),
                InformationItem(
                    item="A platelet count taken before the first planned dose",
                    why_needed="Ixabepilone must not be started when platelets are below "
                    "100,000 cells/mm³ (exclusion X.I).",
                ),
            ],
            respond_by=date(2026, 12, 4),
            ),
        }
    )
