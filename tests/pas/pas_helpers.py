"""Shared helpers of the PAS tests (a module name no other test folder uses)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def bundle_text(name: str = "complete") -> str:
    return (DATA / f"request-{name}.json").read_text(encoding="utf-8")


def bundle_data(name: str = "complete") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(bundle_text(name))
    return copy.deepcopy(data)


def entry(data: dict[str, Any], resource_type: str, index: int = 0) -> dict[str, Any]:
    """The `index`-th resource of a type in a Bundle held as data (for test edits only)."""
    found = [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == resource_type]
    resource: dict[str, Any] = found[index]
    return resource


def elements(node: Any, path: str = "") -> set[str]:
    """The element paths a resource uses: list positions dropped, extensions named by URL."""
    out: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("extension", "modifierExtension") and isinstance(value, list):
                for ext in value:
                    where = f"{path}.{key}({ext.get('url', '?')})"
                    out.add(where)
                    out |= elements({k: v for k, v in ext.items() if k != "url"}, where)
            else:
                where = f"{path}.{key}" if path else key
                out.add(where)
                out |= elements(value, where)
    elif isinstance(node, list):
        for value in node:
            out |= elements(value, path)
    return out


def import_bundle(world: Any, name: str = "complete", username: str = "nina") -> str:
    """Import one of the data Bundles through the import door as `username`; its reference."""
    from ixreview.workflow import records

    session = world.sign_in(username)
    result = records.import_case(world.store, session, bundle_text(name), policy="ING-CC-0090")
    return result.reference
