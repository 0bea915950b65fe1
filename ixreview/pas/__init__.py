"""HL7 Da Vinci PAS: request bundles in, ClaimResponse bundles out.

`ixreview.pas` sits beside `store` and `letters` above `domain`: it reads and
builds FHIR R4 resources with the `fhir.resources` R4B models and maps them onto
the `ixreview-case/1` model. Its submodules import fhir.resources, which costs
a fifth of a second; this package module does not, so the import path can ask
`looks_like_bundle` before paying for it (and `ixreview evaluate` never does).
"""

from __future__ import annotations

import json
from typing import Any


def looks_like_bundle(text: str) -> bool:
    """True when the document is a FHIR Bundle (a JSON object with resourceType Bundle)."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("resourceType") == "Bundle"
