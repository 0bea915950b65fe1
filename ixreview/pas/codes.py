"""The systems, extension URLs and codes the Da Vinci PAS guide (STU 2.x) names.

Kept in one place so that the request reader, the response builder and the tests
agree on them; the values come from the guide's FHIR Shorthand (HL7/davinci-pas,
`input/fsh/*.fsh`, canonical http://hl7.org/fhir/us/davinci-pas).
"""

from __future__ import annotations

PAS = "http://hl7.org/fhir/us/davinci-pas"
PROFILE_REQUEST_BUNDLE = f"{PAS}/StructureDefinition/profile-pas-request-bundle"
PROFILE_RESPONSE_BUNDLE = f"{PAS}/StructureDefinition/profile-pas-response-bundle"
PROFILE_CLAIM_RESPONSE = f"{PAS}/StructureDefinition/profile-claimresponse"
PROFILE_COMMUNICATION_REQUEST = f"{PAS}/StructureDefinition/profile-communicationrequest"


def ext(name: str) -> str:
    """The URL of one of the guide's extensions, by its id without the prefix."""
    return f"{PAS}/StructureDefinition/extension-{name}"


EXT_REVIEW_ACTION = ext("reviewAction")
EXT_REVIEW_ACTION_CODE = ext("reviewActionCode")
EXT_ITEM_TRACE_NUMBER = ext("itemTraceNumber")
EXT_AUTHORIZATION_NUMBER = ext("authorizationNumber")
EXT_ADMINISTRATION_REFERENCE_NUMBER = ext("administrationReferenceNumber")
EXT_ITEM_PREAUTH_ISSUE_DATE = ext("itemPreAuthIssueDate")
EXT_ITEM_PREAUTH_PERIOD = ext("itemPreAuthPeriod")
EXT_ITEM_REQUESTED_SERVICE_DATE = ext("itemRequestedServiceDate")
EXT_ITEM_AUTHORIZED_PROVIDER = ext("itemAuthorizedProvider")
EXT_AUTHORIZED_PROVIDER_TYPE = ext("authorizedProviderType")
EXT_ITEM_AUTHORIZED_DETAIL = ext("itemAuthorizedDetail")
EXT_CLAIM_RESPONSE_REVIEWER = ext("claimResponseReviewer")
EXT_SERVICE_LINE_NUMBER = ext("serviceLineNumber")
EXT_CERTIFICATION_TYPE = ext("certificationType")
EXT_LEVEL_OF_SERVICE = ext("levelOfServiceCode")

X12 = "https://codesystem.x12.org/005010"
X12_REVIEW_ACTION = f"{X12}/306"  # HCR01: A1 certified, A3 not certified, A4 pended, C cancelled
X12_REVIEW_REASON = "https://codesystem.x12.org/external/886"  # HCR03; not sent (docs/pas.md)
X12_ENTITY = f"{X12}/98"  # entity identifier (authorized provider type)
X12_CERTIFICATION_TYPE = f"{X12}/1322"
X12_LEVEL_OF_SERVICE = f"{X12}/1338"
X12_ATTACHMENT_REPORT = f"{X12}/755"  # PWK01 report type
HCPCS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
NPI = "http://hl7.org/fhir/sid/us-npi"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ADJUDICATION = "http://terminology.hl7.org/CodeSystem/adjudication"
CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type"
PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority"

J9207 = "J9207"

# HCR01 words as the guide's examples display them.
REVIEW_ACTION_DISPLAY = {
    "A1": "Certified in total",
    "A3": "Not Certified",
    "A4": "Pending",
    "C": "Cancelled",
}

# DTR information origin (Documentation Templates and Rules STU 2.1).
DTR = "http://hl7.org/fhir/us/davinci-dtr"
EXT_INFORMATION_ORIGIN = f"{DTR}/StructureDefinition/information-origin"
DTR_ORIGIN_CODES = f"{DTR}/CodeSystem/dtr-informationorigin-codes"
PROFILE_DTR_QR = f"{DTR}/StructureDefinition/dtr-questionnaireresponse"

# The plan's own DTR questionnaire: its linkIds are the ixreview-case/1 field paths,
# so answers a prescriber's DTR client sends map one to one onto the checklist.
QUESTIONNAIRE = "http://ixreview.example/fhir/Questionnaire/ixabepilone-prior-authorization"

# Observations read from supportingInfo (LOINC).
LOINC_HER2 = {"48676-1", "85319-2", "31150-6"}
LOINC_ER = {"16112-5", "85337-4", "40556-3"}
LOINC_PR = {"16113-3", "85339-0", "40557-1"}
LOINC_BSA = "8277-6"
LOINC_ANC = "751-8"
LOINC_PLATELETS = "777-3"
LOINC_AST = "1920-8"
LOINC_ALT = "1742-6"
LOINC_BILIRUBIN = "1975-2"

# CommunicationRequest for a pend: PWK01 report type and the LOINC attachment kinds.
PWK01_MEDICAL_RECORD = "M1"
LOINC_LAB_REPORT = "11502-2"
LOINC_PROGRESS_NOTE = "11506-3"
