"""A PAS request Bundle as R4B models: parsed, its references resolved, its problems named.

Every problem is a `Finding` whose path is the FHIRPath of the element from the
Bundle (`Bundle.entry[0].resource.use`), the form the guide's errorPath extension
uses, so the CLI and the GUI report it the way they report a case-file field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.claim import Claim
from fhir.resources.R4B.reference import Reference
from fhir.resources.R4B.resource import Resource
from pydantic import BaseModel, ValidationError

from ixreview.domain.intake import CaseError, Finding
from ixreview.pas.codes import HCPCS, J9207


@dataclass
class ParsedBundle:
    """The validated Bundle, its Claim and an index of its entries."""

    bundle: Bundle
    claim: Claim
    by_url: dict[str, int] = field(default_factory=dict)  # fullUrl and Type/id -> entry index

    def resource(self, index: int) -> Resource:
        resource = (self.bundle.entry or [])[index].resource
        assert resource is not None  # parse_bundle refuses an entry without a resource
        return resource

    def resolve(self, ref: Reference | None) -> tuple[int, Resource] | None:
        """The entry a reference points at (by fullUrl or by Type/id), if it is there."""
        if ref is None or not ref.reference:
            return None
        index = self.by_url.get(ref.reference)
        if index is None:
            index = self.by_url.get("/".join(ref.reference.rstrip("/").split("/")[-2:]))
        return None if index is None else (index, self.resource(index))


def _fhir_path(loc: tuple[int | str, ...]) -> str:
    out = "Bundle"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part not in ("function-after", "function-before", "function-wrap"):
            out += f".{str(part).removesuffix('__ext')}"
    return out


def _model_findings(exc: ValidationError) -> list[Finding]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        out.append(Finding(_fhir_path(loc), str(err["msg"])))
    return out or [Finding("Bundle", "is not a valid FHIR R4 Bundle")]


def references(node: object, path: str) -> Iterator[tuple[str, Reference]]:
    """Every Reference inside a model, with its FHIRPath (contained resources included)."""
    if isinstance(node, Reference):
        yield path, node
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name.endswith("__ext"):
                continue
            value = getattr(node, name, None)
            if value is not None:
                yield from references(value, f"{path}.{name}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from references(value, f"{path}[{i}]")


def parse_bundle(text: str) -> ParsedBundle:
    """Parse and check a PAS request Bundle; CaseError lists every problem by FHIR path."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise CaseError([Finding("Bundle", f"is not JSON: {exc}")]) from None
    try:
        bundle = Bundle.model_validate(data)
    except ValidationError as exc:
        raise CaseError(_model_findings(exc)) from None
    problems: list[Finding] = []
    if bundle.type != "collection":
        problems.append(
            Finding("Bundle.type", f'is "{bundle.type}"; a PAS request Bundle is a collection')
        )
    entries = bundle.entry or []
    if not entries:
        raise CaseError([*problems, Finding("Bundle.entry", "is empty; no Claim was sent")])
    by_url: dict[str, int] = {}
    for i, entry in enumerate(entries):
        where = f"Bundle.entry[{i}]"
        if entry.resource is None:
            problems.append(Finding(f"{where}.resource", "is missing"))
            continue
        keys = [entry.fullUrl] if entry.fullUrl else []
        if entry.resource.id:
            keys.append(f"{entry.resource.get_resource_type()}/{entry.resource.id}")
        if entry.fullUrl:
            keys.append("/".join(entry.fullUrl.rstrip("/").split("/")[-2:]))
        for key in dict.fromkeys(keys):
            if key in by_url and by_url[key] != i:
                problems.append(
                    Finding(
                        f"{where}.fullUrl",
                        f'"{key}" is already entry {by_url[key]}; every resource is sent once',
                    )
                )
            by_url.setdefault(key, i)
    claims = [
        i for i, e in enumerate(entries) if e.resource is not None and isinstance(e.resource, Claim)
    ]
    if not claims:
        raise CaseError([*problems, Finding("Bundle.entry", "holds no Claim")])
    if claims[0] != 0:
        problems.append(
            Finding("Bundle.entry[0].resource", "must be the Claim (the guide's ClaimFirst rule)")
        )
    claim = entries[claims[0]].resource
    assert isinstance(claim, Claim)
    parsed = ParsedBundle(bundle, claim, by_url)
    at = f"Bundle.entry[{claims[0]}].resource"
    if claim.use != "preauthorization":
        problems.append(Finding(f"{at}.use", f'is "{claim.use}", not "preauthorization"'))
    problems += _item_problems(claim, at)
    for i, entry in enumerate(entries):
        if entry.resource is None:
            continue
        for path, ref in references(entry.resource, f"Bundle.entry[{i}].resource"):
            if ref.reference and not ref.reference.startswith("#") and parsed.resolve(ref) is None:
                problems.append(
                    Finding(f"{path}.reference", f'"{ref.reference}" is not in the Bundle')
                )
    if problems:
        raise CaseError(problems)
    return parsed


def _item_problems(claim: Claim, at: str) -> list[Finding]:
    if not claim.item:
        return [Finding(f"{at}.item", "is missing; the request names no J9207 item")]
    out = []
    for i, item in enumerate(claim.item):
        codes = [
            (c.system, c.code) for c in (item.productOrService.coding or []) if c.code is not None
        ]
        if (HCPCS, J9207) not in codes and not any(code == J9207 for _, code in codes):
            shown = ", ".join(code for _, code in codes) or "no code"
            out.append(
                Finding(
                    f"{at}.item[{i}].productOrService",
                    f"is {shown}; ixreview reviews ixabepilone (HCPCS J9207) only",
                )
            )
    return out
