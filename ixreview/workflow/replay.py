"""The replay's fast engine path: outcome and clause statuses only, on every core.

The engine (`ixreview.domain.engine`) explains every result in words for the
reviewer and the letter; a replay of the whole record needs only the truth values.
This module evaluates the same logic trees in the same three-valued (Kleene) logic
from the same facts (`domain.facts.FACTS`), without building reasons, dosing,
warnings or flags, and computes the facts once per case for both policy versions
compared. Each version's trees become one generated function per process, and a
row's answer is judged once per combination of tree values.
`tests/impact/test_fast_path.py` checks it gives exactly the engine's outcome and
clause statuses over varied cases, and `tests/postgres/test_replay_answers.py` that
every row of a replay through the pool, on SQLite and on the team server, has the
engine's answers; when the engine's logic changes, those tests say so.

Work is split into batches of raw rows (intake JSON plus saved answers) that a
process pool evaluates; a batch's answer is small (ids, outcomes, clause statuses).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
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
# What a version's function gives: the initial and continuation trees' values and
# every clause's value, in the version's order.
Ran = tuple[Value, Value, tuple[Value, ...]]

_OUTCOME = {True: Outcome.MEETS, False: Outcome.DOES_NOT_MEET, None: Outcome.NEEDS_INFORMATION}
_STATUS = {True: Truth.MET, False: Truth.NOT_MET, None: Truth.UNKNOWN}


@dataclass(frozen=True)
class Verdict:
    """One version's answer for one case: the outcome and each clause's status."""

    outcome: Outcome
    clauses: dict[str, Truth]


class CompiledVersion:
    """A policy version's trees turned into one Python function, once per process.

    The function takes the facts and returns the initial and continuation trees'
    values and every clause's value (each clause computed once, before the clauses
    and trees that refer to it). Clause and fact names never enter the source: they
    are constants the function looks up by number. The values are pure functions of
    the facts, so computing every clause gives what the engine's memo would give.
    """

    def __init__(self, version: PolicyVersion) -> None:
        self.version = version
        self.key = version.key
        self.facts = {f for c in version.clauses for f in c.logic.fact_names()}
        self.facts |= version.decision.initial.fact_names()
        self.facts |= version.decision.continuation.fact_names()
        self.applies = [(c.id, frozenset(c.applies_to)) for c in version.clauses]
        self.one_tree = version.decision.initial == version.decision.continuation
        self.run = _Source(version, sorted(self.facts)).function()

    def verdict(self, case: Case, facts: Facts) -> Verdict:
        return self.judge(case.request_type, case.continuation is not None, self.run(facts))

    def judge(self, rt: RequestType | None, continued: bool, ran: Ran) -> Verdict:
        """The outcome and clause statuses from the trees' values (`run`) for a
        request of this type (`continued`: the case has a continuation section)."""
        initial, continuation, values = ran
        decision_rt = rt
        if continued and decision_rt is None:
            decision_rt = RequestType.CONTINUATION
        if decision_rt == RequestType.INITIAL:
            value = initial
        elif decision_rt == RequestType.CONTINUATION:
            value = continuation
        elif self.one_tree:
            value = initial
        else:
            value = initial if initial is not None and initial == continuation else None
        statuses: dict[str, Truth] = {}
        kind = rt.value if rt is not None else None
        for (cid, applies), v in zip(self.applies, values, strict=True):
            if kind is not None and kind not in applies:
                statuses[cid] = Truth.NOT_APPLICABLE
            else:
                statuses[cid] = _STATUS[v]
        return Verdict(_OUTCOME[value], statuses)


_SYMBOLS = {"lt": "<", "le": "<=", "gt": ">", "ge": ">="}


class _Source:
    """Writes a version's function: facts into locals, clauses in dependency order."""

    def __init__(self, version: PolicyVersion, fact_names: list[str]) -> None:
        self.version = version
        self.fact_var = {name: f"f{i}" for i, name in enumerate(fact_names)}
        self.clause_var = {c.id: f"c{i}" for i, c in enumerate(version.clauses)}
        self.constants: dict[str, object] = {}
        self.temps = 0
        self.lines = [f"    {v} = facts[{self._const(n)}]" for n, v in self.fact_var.items()]
        done: set[str] = set()
        for c in version.clauses:
            self._clause(c.id, done, ())

    def _const(self, value: object) -> str:
        name = f"k{len(self.constants)}"
        self.constants[name] = value
        return name

    def _clause(self, cid: str, done: set[str], path: tuple[str, ...]) -> None:
        if cid in done:
            return
        if cid in path:
            raise ValueError(f"clause {cid} refers to itself")
        logic = next(c.logic for c in self.version.clauses if c.id == cid)
        for ref in logic.clause_refs():
            self._clause(ref, done, (*path, cid))
        self.lines.append(f"    {self.clause_var[cid]} = {self._expr(logic)}")
        done.add(cid)

    def _temp(self) -> str:
        self.temps += 1
        return f"t{self.temps}"

    def _expr(self, node: Node) -> str:
        if node.fact is not None:
            v = self.fact_var[node.fact]
            kind = FACTS[node.fact].kind
            if kind == "bool":
                return f"(None if {v} is None else bool({v}))"
            if kind == "enum":
                return f"(None if {v} is None else {v} in {self._const(list(node.in_ or []))})"
            cmp = node.comparison()
            assert cmp is not None
            return f"(None if {v} is None else {v} {_SYMBOLS[cmp[0]]} {self._const(cmp[1])})"
        if node.clause is not None:
            return self.clause_var[node.clause]
        if node.not_ is not None:
            t = self._temp()
            return f"(None if ({t} := {self._expr(node.not_)}) is None else not {t})"
        parts = node.all_ if node.all_ is not None else node.any_ or []
        decisive = node.all_ is None  # any: True decides; all: False decides
        t = self._temp()
        items = "".join(f"{self._expr(p)}, " for p in parts)
        return (
            f"({decisive} if {decisive} in ({t} := ({items})) "
            f"else None if None in {t} else {not decisive})"
        )

    def function(self) -> Callable[[Facts], Ran]:
        d = self.version.decision
        clauses = "".join(f"{self.clause_var[c.id]}, " for c in self.version.clauses)
        body = "\n".join(
            [
                "def run(facts):",
                *self.lines,
                f"    return {self._expr(d.initial)}, {self._expr(d.continuation)}, ({clauses})",
            ]
        )
        scope: dict[str, Any] = dict(self.constants)
        exec(compile(body, f"<policy {self.version.key}>", "exec"), scope)
        return scope["run"]  # type: ignore[no-any-return]


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


def compute_facts(case: Case, names: set[str], lab_max_age_days: int = LAB_MAX_AGE_DAYS) -> Facts:
    return {n: FACTS[n].value_for(case, lab_max_age_days).value for n in names}


def case_of(intake_json: str, answers_json: str) -> Case | None:
    """The case as last saved (answers over the request as received); None when a
    saved answer makes it invalid (such a review cannot be decided either)."""
    data = json.loads(intake_json)
    saved = json.loads(answers_json) if answers_json != "{}" else {}  # most have none
    for path, answer in sorted(saved.items()):
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
    facts = compute_facts(case, _fact_names(now_key, target_key), lab_max_age_days)
    return now.verdict(case, facts), under.verdict(case, facts)


@cache
def _fact_names(now_key: str, target_key: str) -> set[str]:
    return compiled(now_key).facts | compiled(target_key).facts


def changed_clauses(now: Verdict, under: Verdict) -> tuple[ClauseChange, ...]:
    ids = list(under.clauses) + [c for c in now.clauses if c not in under.clauses]
    out = []
    for cid in ids:
        a = now.clauses.get(cid)
        b = under.clauses.get(cid)
        if a != b:
            out.append((cid, a.value if a else "absent", b.value if b else "absent"))
    return tuple(out)


# A row's answer is a function of the two versions, the request type and the trees'
# values, and few such combinations occur: each is judged once per process.
_JUDGED: dict[tuple[object, ...], tuple[str, str, tuple[ClauseChange, ...]]] = {}
JUDGED_MAX = 50_000


def run_batch(
    jobs: list[Job], target_key: str, lab_max_age_days: int = LAB_MAX_AGE_DAYS
) -> list[Answer]:
    """Evaluate a batch (runs in a pool worker, or in process for small records)."""
    out: list[Answer] = []
    under = compiled(target_key)
    for request_id, intake_json, answers_json, now_key in jobs:
        case = case_of(intake_json, answers_json)
        if case is None:
            out.append((request_id, None, None, ()))
            continue
        now = compiled(now_key)
        facts = compute_facts(case, _fact_names(now_key, target_key), lab_max_age_days)
        rt, continued = case.request_type, case.continuation is not None
        key = (now_key, target_key, rt, continued, now.run(facts), under.run(facts))
        judged = _JUDGED.get(key)
        if judged is None:
            a, b = now.judge(rt, continued, key[4]), under.judge(rt, continued, key[5])
            judged = (a.outcome.value, b.outcome.value, changed_clauses(a, b))
            if len(_JUDGED) < JUDGED_MAX:
                _JUDGED[key] = judged
        out.append((request_id, *judged))
    return out
