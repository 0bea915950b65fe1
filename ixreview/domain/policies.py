"""Policies as data: one YAML file per policy version, validated on load.

A version holds its identity (id, version, title, issuer, document number,
effective date, status, source file), how long an approval lasts, and its clauses:
each with the number as printed, the exact wording, its role (approval or
"may not be approved") and its logic as a tree over named facts
(`ixreview.domain.facts`). Next year's revision is a new file, no Python.

Each decision tree (initial, continuation) must reach every top-level approval
clause that applies to its request type and every exclusion that applies to it,
directly or through the clauses it refers to: a file cannot leave a criterion or
a "may not be approved" clause out of the outcome.

The registry holds the built-in files only. `PolicyRegistry.from_dirs` adds
folders for tests and for policies an administrator installs; no environment
variable can add one, so no user can put an approve-everything policy in force.

Logic nodes:
  {all: [node, ...]}  {any: [node, ...]}  {not: node}  {clause: "II.A"}
                                     (all / any lists are never empty)
  {fact: name}                       a yes/no fact is yes
  {fact: name, in: [v, ...]}         an enum fact has one of these values
  {fact: name, lt|le|gt|ge: number}  a numeric fact compared with a threshold
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ixreview.domain.facts import FACTS

COMPARATORS = ("lt", "le", "gt", "ge")


class PolicyError(Exception):
    """A policy file is invalid, or the requested policy/version does not exist."""


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    all_: list[Node] | None = Field(default=None, alias="all")
    any_: list[Node] | None = Field(default=None, alias="any")
    not_: Node | None = Field(default=None, alias="not")
    clause: str | None = None
    fact: str | None = None
    in_: list[str] | None = Field(default=None, alias="in")
    lt: Decimal | None = None
    le: Decimal | None = None
    gt: Decimal | None = None
    ge: Decimal | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Node:
        kinds = [
            k for k in ("all_", "any_", "not_", "clause", "fact") if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            raise ValueError("a logic node needs exactly one of all, any, not, clause, fact")
        for name, items in (("all", self.all_), ("any", self.any_)):
            if items is not None and not items:
                # An empty all is vacuously met and an empty any never met: a typo, never intent.
                raise ValueError(f"an empty {name}: [] list; give it at least one node")
        comparisons = [c for c in COMPARATORS if getattr(self, c) is not None]
        if self.fact is None and (comparisons or self.in_ is not None):
            raise ValueError("in/lt/le/gt/ge go with fact")
        if self.fact is not None:
            spec = FACTS.get(self.fact)
            if spec is None:
                raise ValueError(f'unknown fact "{self.fact}"; known: {", ".join(sorted(FACTS))}')
            if spec.kind == "bool" and (comparisons or self.in_ is not None):
                raise ValueError(f'fact "{self.fact}" is yes/no; it takes no comparison')
            if spec.kind == "enum":
                if self.in_ is None or comparisons:
                    raise ValueError(f'fact "{self.fact}" needs "in: [...]"')
                bad = [v for v in self.in_ if v not in spec.choices]
                if bad:
                    raise ValueError(
                        f'fact "{self.fact}" has no value {bad}; values: {", ".join(spec.choices)}'
                    )
            if spec.kind == "number" and (len(comparisons) != 1 or self.in_ is not None):
                raise ValueError(f'fact "{self.fact}" needs exactly one of lt, le, gt, ge')
        return self

    def comparison(self) -> tuple[str, Decimal] | None:
        for c in COMPARATORS:
            v = getattr(self, c)
            if v is not None:
                return c, v
        return None

    def clause_refs(self) -> list[str]:
        if self.clause is not None:
            return [self.clause]
        children = (self.all_ or []) + (self.any_ or []) + ([self.not_] if self.not_ else [])
        return [r for ch in children for r in ch.clause_refs()]

    def fact_names(self) -> set[str]:
        if self.fact is not None:
            return {self.fact}
        children = (self.all_ or []) + (self.any_ or []) + ([self.not_] if self.not_ else [])
        return {f for ch in children for f in ch.fact_names()}


class Clause(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str  # unique within the version
    number: str  # as printed in the policy
    section: str  # the heading it stands under
    role: Literal["approval", "exclusion"]
    text: str  # exact wording from the source
    logic: Node
    applies_to: list[Literal["initial", "continuation"]] = ["initial", "continuation"]
    parent: str | None = None
    denial_reason: str | None = None  # plain-language reason used when it is not met
    information_needed: str | None = None  # what would change a denial on this clause


class Decision(BaseModel):
    """How the clauses combine into the outcome, per request type."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    initial: Node
    continuation: Node


class PolicyVersion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_: Literal["ixreview-policy/1"] = Field(alias="schema")
    id: str
    version: str
    title: str
    issuer: str
    document_number: str
    effective_date: date | None  # None: in force, date not stated by the source
    effective_note: str | None = None
    status: Literal["in_force", "draft"]
    source_file: str
    authorization_months: int | None  # None: the policy states none; a setting decides
    notes: list[str] = []
    clauses: list[Clause]
    decision: Decision

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    @model_validator(mode="after")
    def _consistent(self) -> PolicyVersion:
        ids = [c.id for c in self.clauses]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"clause ids are not unique: {sorted(dupes)}")
        known = set(ids)
        for c in self.clauses:
            unknown = [r for r in c.logic.clause_refs() if r not in known]
            if c.parent is not None and c.parent not in known:
                unknown.append(c.parent)
            if unknown:
                raise ValueError(f"clause {c.id} refers to unknown clauses {unknown}")
        for node in (self.decision.initial, self.decision.continuation):
            unknown = [r for r in node.clause_refs() if r not in known]
            if unknown:
                raise ValueError(f"decision refers to unknown clauses {unknown}")
        self._check_cycles()
        self._check_decisions_cover_clauses()
        return self

    def reachable_clauses(self, node: Node) -> set[str]:
        """Clause ids a logic tree uses, directly or through the clauses it refers to."""
        seen: set[str] = set()
        todo = list(node.clause_refs())
        while todo:
            cid = todo.pop()
            if cid not in seen:
                seen.add(cid)
                todo.extend(self.clause(cid).logic.clause_refs())
        return seen

    def reachable_facts(self, node: Node) -> set[str]:
        """Fact names a logic tree uses, directly or through the clauses it refers to."""
        names = set(node.fact_names())
        for cid in self.reachable_clauses(node):
            names |= self.clause(cid).logic.fact_names()
        return names

    def _check_decisions_cover_clauses(self) -> None:
        for request_type in ("initial", "continuation"):
            tree: Node = getattr(self.decision, request_type)
            required = [
                c.id
                for c in self.clauses
                if request_type in c.applies_to
                and (c.role == "exclusion" or c.parent is None)
            ]
            left_out = [cid for cid in required if cid not in self.reachable_clauses(tree)]
            if left_out:
                raise ValueError(
                    f"decision.{request_type} leaves out clauses {left_out}: it must use every "
                    f"top-level approval clause and every exclusion that applies to "
                    f"{request_type} requests"
                )

    def _check_cycles(self) -> None:
        refs = {c.id: c.logic.clause_refs() for c in self.clauses}
        state: dict[str, int] = {}

        def visit(cid: str, trail: tuple[str, ...]) -> None:
            if state.get(cid) == 2:
                return
            if state.get(cid) == 1:
                raise ValueError(f"clauses refer to each other in a cycle: {' -> '.join(trail)}")
            state[cid] = 1
            for r in refs[cid]:
                visit(r, (*trail, r))
            state[cid] = 2

        for cid in refs:
            visit(cid, (cid,))

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)


def _load_file(path: Path | Any) -> PolicyVersion:
    name = getattr(path, "name", str(path))
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{name}: not valid YAML: {exc}") from None
    try:
        return PolicyVersion.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors()
        )
        raise PolicyError(f"{name}: invalid policy: {problems}") from None


_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PolicyRegistry:
    """Every known policy version; picks the version in force for a date."""

    def __init__(self, versions: list[PolicyVersion]):
        keys = [v.key for v in versions]
        dupes = {k for k in keys if keys.count(k) > 1}
        if dupes:
            raise PolicyError(f"policy versions defined twice: {sorted(dupes)}")
        self.versions = sorted(versions, key=lambda v: (v.id, v.effective_date or date.min))

    @classmethod
    def from_dirs(cls, *dirs: Path) -> PolicyRegistry:
        versions = [_load_file(p) for p in _builtin_files()]
        for d in dirs:
            versions.extend(_load_file(p) for p in sorted(Path(d).glob("*.yaml")))
        return cls(versions)

    def ids(self) -> list[str]:
        return sorted({v.id for v in self.versions})

    def get(self, spec: str, on: date | None = None) -> PolicyVersion:
        """'ID@VERSION' names a version; 'ID' alone the version in force on `on`."""
        pid, _, version = spec.partition("@")
        candidates = [v for v in self.versions if v.id == pid]
        if not candidates:
            raise PolicyError(f'unknown policy "{pid}"; known: {", ".join(self.ids())}')
        if version:
            for v in candidates:
                if v.version == version:
                    return v
            have = ", ".join(v.version for v in candidates)
            raise PolicyError(f'policy {pid} has no version "{version}"; versions: {have}')
        if on is None:
            raise PolicyError(f"policy {pid}: a date is needed to pick the version in force")
        in_force = [
            v
            for v in candidates
            if v.status == "in_force" and (v.effective_date is None or v.effective_date <= on)
        ]
        if not in_force:
            raise PolicyError(f"policy {pid} has no version in force on {on}")
        return max(in_force, key=lambda v: v.effective_date or date.min)


def _builtin_files() -> list[Any]:
    root = resources.files("ixreview.policies")
    return sorted((p for p in root.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


@cache
def default_registry() -> PolicyRegistry:
    """The built-in policy versions (shipped with the package), loaded once."""
    return PolicyRegistry.from_dirs()


def all_policies() -> list[PolicyVersion]:
    return list(default_registry().versions)
