"""Which policies the reviewer can pick, and which draft compares with each (Qt-free).

The request page offers each policy id; the engine picks the version in force on
`received_at`. A draft is never chosen to decide: it only feeds "compare with draft".
"""

from __future__ import annotations

from dataclasses import dataclass

from ixreview.domain.case import Case


@dataclass(frozen=True)
class PolicyChoice:
    id: str
    title: str
    draft_key: str | None  # "BCBST-IXEMPRA@draft" when a draft exists


def policy_choices() -> list[PolicyChoice]:
    from ixreview.domain.policies import all_policies  # loads the YAML files on first use

    versions = all_policies()
    out: dict[str, PolicyChoice] = {}
    for v in versions:
        if v.status == "in_force" and v.id not in out:
            drafts = [d.key for d in versions if d.id == v.id and d.status == "draft"]
            out[v.id] = PolicyChoice(v.id, v.title, drafts[-1] if drafts else None)
    return sorted(out.values(), key=lambda c: c.id)


def draft_key_for(policy: str | None, case: Case) -> str | None:
    """The draft to compare with the chosen policy, if it has one."""
    if not policy:
        return None
    base = policy.partition("@")[0]
    for choice in policy_choices():
        if choice.id == base:
            return choice.draft_key
    return None
