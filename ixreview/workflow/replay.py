"""The replay's fast engine path: outcome and clause statuses only, on every core.

The engine (`ixreview.domain.engine`) explains every result in words for the
reviewer and the letter; a replay of the whole record needs only the truth values.
This module evaluates the same logic trees in the same three-valued (Kleene) logic
from the same facts (`domain.facts.FACTS`), without building reasons, dosing,
warnings or flags, and computes the facts once per case for both policy versions
compared. `tests/impact/test_fast_path.py` checks it gives exactly the engine's
outcome and clause statuses over varied cases; when the engine's logic changes,
that test says so.

Work is split into batches of raw rows (intake JSON plus saved answers) that a
process pool evaluates; a batch's answer is small (ids, outcomes, clause statuses).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any

from ixreview.domain.case import Case, RequestType
from ixreview.domain.evaluation import Outcome, Truth
from ixreview.domain.facts import FACTS
from ixreview.domain.intake import CaseError, parse_case_data
from ixreview.domain.limits import LAB_MAX_AGE_DAYS
from ixreview.domain.policies import Node, PolicyVersion, default_registry
from ixreview.workflow.casefile import _put as put_answer

Value = bool | None
Facts = dict[str, Any]
# A compiled node: facts and the clause cache in, a three-valued truth out.
Compiled = Callable[[Facts, dict[str, Value]], Value]

_OUTCOME = {True: Outcome.MEETS, False: Outcome.DOES_NOT_MEET, None: Outcome.NEEDS_INFORMATION}
_STATUS = {True: Truth.MET, False: Truth.NOT_MET, None: Truth.UNKNOWN}
_OPS: dict[str, Callable[[Any, Decimal], bool]] = {
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}


@dataclass(frozen=True)
class Verdict:
    """One version's answer for one case: the outcome and each clause's status."""

    outcome: Outcome
    clauses: dict[str, Truth]


class CompiledVersion:
    """A policy version's trees turned into closures once (cached per process)."""

    def __init__(self, version: PolicyVersion) -> None:
        self.version = version
        self.key = version.key
        self.facts = {f for c in version.clauses for f in c.logic.fact_names()}
        self.facts |= version.decision.initial.fact_names()
        self.facts |= version.decision.continuation.fact_names()
        self.clauses: dict[str, Compiled] = {}
        for c in version.clauses:
            self.clauses[c.id] = self._compile(c.logic)
        self.applies = [(c.id, frozenset(c.applies_to)) for c in version.clauses]
        self.initial = self._compile(version.decision.initial)
        self.continuation = self._compile(version.decision.continuation)
        self.one_tree = version.decision.initial == version.decision.continuation

    def _clause(self, clause_id: str) -> Compiled:
        def run(facts: Facts, memo: dict[str, Value]) -> Value:
            if clause_id not in memo:
                memo[clause_id] = self.clauses[clause_id](facts, memo)
            return memo[clause_id]

        return run

    def _compile(self, node: Node) -> Compiled:
        if node.fact is not None:
            return _leaf(node)
        if node.clause is not None:
            return self._clause(node.clause)
        if node.not_ is not None:
            inner = self._compile(node.not_)

            def negate(facts: Facts, memo: dict[str, Value]) -> Value:
                v = inner(facts, memo)
                return None if v is None else not v

            return negate
        parts = [
            self._compile(n) for n in (node.all_ if node.all_ is not None else node.any_ or [])
        ]
        decisive = node.all_ is None  # any: True decides; all: False decides

        def combine(facts: Facts, memo: dict[str, Value]) -> Value:
            # Every part is evaluated (as the engine does), so clause memos match.
            values = [p(facts, memo) for p in parts]
            if decisive in values:
                return decisive
            if None in values:
                return None
            return not decisive

        return combine

    def verdict(self, case: Case, facts: Facts) -> Verdict:
        memo: dict[str, Value] = {}
        rt = case.request_type
        decision_rt = rt
        if case.continuation is not None and decision_rt is None:
            decision_rt = RequestType.CONTINUATION
        if decision_rt == RequestType.INITIAL:
            value = self.initial(facts, memo)
        elif decision_rt == RequestType.CONTINUATION:
            value = self.continuation(facts, memo)
        else:
            a = self.initial(facts, memo)
            if self.one_tree:
                value = a
            else:
                b = self.continuation(facts, memo)
                value = a if a is not None and a == b else None
        statuses: dict[str, Truth] = {}
        for cid, applies in self.applies:
            if rt is not None and rt.value not in applies:
                statuses[cid] = Truth.NOT_APPLICABLE
            else:
                if cid not in memo:
                    memo[cid] = self.clauses[cid](facts, memo)
                statuses[cid] = _STATUS[memo[cid]]
        return Verdict(_OUTCOME[value], statuses)


def _leaf(node: Node) -> Compiled:
    name = node.fact
    assert name is not None
    kind = FACTS[name].kind
    if kind == "bool":
        return lambda facts, _memo: None if facts[name] is None else bool(facts[name])
    if kind == "enum":
        allowed = list(node.in_ or [])
        return lambda facts, _memo: None if facts[name] is None else facts[name] in allowed
    cmp = node.comparison()
    assert cmp is not None
    op, threshold = _OPS[cmp[0]], cmp[1]
    return lambda facts, _memo: None if facts[name] is None else op(facts[name], threshold)


def worker_init() -> None:
    """In a pool worker only: remember ICD-10-CM look-ups for the replay's lifetime.

    A look-up is a pure function of the code over the read-only code index, and the
    intake's validators and the facts ask for the same few codes on every request
    (about a quarter of a replay's time); the GUI's own process is left as it is."""
    from ixreview.domain import icd10

    setattr(icd10, "lookup", lru_cache(maxsize=8192)(icd10.lookup))  # noqa: B010


@cache
def compiled(key: str) -> CompiledVersion:
    return CompiledVersion(default_registry().get(key))


def compute_facts(
    case: Case, names: set[str], lab_max_age_days: int = LAB_MAX_AGE_DAYS
) -> Facts:
    return {n: FACTS[n].value_for(case, lab_max_age_days).value for n in names}


def case_of(intake_json: str, answers_json: str) -> Case | None:
    """The case as last saved (answers over the request as received); None when a
    saved answer makes it invalid (such a review cannot be decided either)."""
    data = json.loads(intake_json)
    for path, answer in sorted(json.loads(answers_json).items()):
        put_answer(data, path, answer.get("value"))  # as casefile.current_case does
    try:
        return parse_case_data(data)
    except CaseError:
        return None


# One row in: (request id, intake JSON, answers JSON, the request's policy key).
Job = tuple[int, str, str, str]
# A clause whose status differs: (clause id, status now, status under the target);
# a clause one version lacks has the status "absent".
ClauseChange = tuple[str, str, str]
# One row out: (request id, outcome now, outcome under the target, changed clauses);
# outcomes are None when the case as saved cannot be evaluated.
Answer = tuple[int, str | None, str | None, tuple[ClauseChange, ...]]


def verdicts(
    case: Case, now_key: str, target_key: str, lab_max_age_days: int = LAB_MAX_AGE_DAYS
) -> tuple[Verdict, Verdict]:
    """`lab_max_age_days`: the plan's setting (workflow.plan_rules), as the engine takes it."""
    now, under = compiled(now_key), compiled(target_key)
    facts = compute_facts(case, now.facts | under.facts, lab_max_age_days)
    return now.verdict(case, facts), under.verdict(case, facts)


def changed_clauses(now: Verdict, under: Verdict) -> tuple[ClauseChange, ...]:
    ids = list(under.clauses) + [c for c in now.clauses if c not in under.clauses]
    out = []
    for cid in ids:
        a = now.clauses.get(cid)
        b = under.clauses.get(cid)
        if a != b:
            out.append((cid, a.value if a else "absent", b.value if b else "absent"))
    return tuple(out)


def run_batch(
    jobs: list[Job], target_key: str, lab_max_age_days: int = LAB_MAX_AGE_DAYS
) -> list[Answer]:
    """Evaluate a batch (runs in a pool worker, or in process for small records)."""
    out: list[Answer] = []
    for request_id, intake_json, answers_json, now_key in jobs:
        case = case_of(intake_json, answers_json)
        if case is None:
            out.append((request_id, None, None, ()))
            continue
        now, under = verdicts(case, now_key, target_key, lab_max_age_days)
        out.append(
            (request_id, now.outcome.value, under.outcome.value, changed_clauses(now, under))
        )
    return out
