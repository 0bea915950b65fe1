"""The evaluation engine: a case and a policy version in, an explained `Evaluation` out.

Three-valued (Kleene) logic over the policy's clause trees: `all` is not met as
soon as one part is not met, met only when every part is; `any` the dual; an
undocumented fact is unknown. So a result reached while facts are missing cannot
be changed by filling them in, and `needs_information` lists exactly the fields
whose values could still change the outcome. A met "may not be approved" clause
is combined as `not`, so it overrides any approval clause.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ixreview.domain.case import Case, RequestType
from ixreview.domain.dosing import authorized_units, label_warnings, missing_dosing_fields
from ixreview.domain.evaluation import (
    Authorization,
    ClauseResult,
    ClauseRole,
    DerivedFact,
    Evaluation,
    Outcome,
    PolicyRef,
    Truth,
)
from ixreview.domain.facts import FACTS, FactValue, fmt_number, fmt_ratio
from ixreview.domain.intake import plausibility_warnings
from ixreview.domain.policies import (
    Node,
    PolicyError,
    PolicyRegistry,
    PolicyVersion,
    default_registry,
)

DEFAULT_AUTHORIZATION_MONTHS = 6  # used when a policy states no duration (ING-CC-0090)


@dataclass(frozen=True)
class _Result:
    value: bool | None
    missing: frozenset[str] = frozenset()
    reasons: tuple[str, ...] = field(default=())


def _words(value: str) -> str:
    return value.replace("_", " ")


class _Evaluator:
    def __init__(self, version: PolicyVersion, case: Case):
        self.version = version
        self.case = case
        # The decision trees may name facts directly, not only through clauses.
        names = {f for c in version.clauses for f in c.logic.fact_names()}
        names |= version.decision.initial.fact_names() | version.decision.continuation.fact_names()
        self.facts: dict[str, FactValue] = {n: FACTS[n].compute(case) for n in names}
        self.clauses: dict[str, _Result] = {}

    def node(self, node: Node) -> _Result:
        if node.fact is not None:
            return self._leaf(node)
        if node.clause is not None:
            r = self.clause(node.clause)
            verdict = {True: "is met", False: "is not met", None: "is not documented"}[r.value]
            return _Result(r.value, r.missing, (f"{node.clause} {verdict}",))
        if node.not_ is not None:
            r = self.node(node.not_)
            return _Result(None if r.value is None else not r.value, r.missing, r.reasons)
        parts = [self.node(n) for n in (node.all_ if node.all_ is not None else node.any_ or [])]
        decisive = node.all_ is None  # any: True decides; all: False decides
        hits = [p for p in parts if p.value is decisive]
        if hits:
            return _Result(decisive, frozenset(), tuple(r for p in hits for r in p.reasons))
        unknown = [p for p in parts if p.value is None]
        if unknown:
            missing = frozenset(m for p in unknown for m in p.missing)
            return _Result(None, missing, tuple(r for p in unknown for r in p.reasons))
        return _Result(not decisive, frozenset(), tuple(r for p in parts for r in p.reasons))

    def _leaf(self, node: Node) -> _Result:
        assert node.fact is not None
        spec = FACTS[node.fact]
        fv = self.facts[node.fact]
        if fv.value is None:
            return _Result(None, frozenset(fv.missing), (fv.text,))
        if spec.kind == "bool":
            return _Result(bool(fv.value), frozenset(), (fv.text,))
        if spec.kind == "enum":
            assert node.in_ is not None
            ok = fv.value in node.in_
            needs = "" if ok else f" (the criterion needs {' or '.join(map(_words, node.in_))})"
            return _Result(ok, frozenset(), (fv.text + needs,))
        cmp = node.comparison()
        assert cmp is not None and not isinstance(fv.value, (bool, str))
        op, threshold = cmp
        ok = {
            "lt": fv.value < threshold,
            "le": fv.value <= threshold,
            "gt": fv.value > threshold,
            "ge": fv.value >= threshold,
        }[op]
        limit = f"{fmt_number(threshold)} {spec.unit}".strip()
        phrase = {
            "lt": f"the limit is {limit}",
            "gt": f"the limit is {limit}",
            "ge": f"at least {limit} required",
            "le": f"at most {limit} allowed",
        }[op]
        return _Result(ok, frozenset(), (f"{fv.text}; {phrase}",))

    def clause(self, clause_id: str) -> _Result:
        if clause_id not in self.clauses:
            self.clauses[clause_id] = self.node(self.version.clause(clause_id).logic)
        return self.clauses[clause_id]

    def applies(self, applies_to: list[str]) -> bool:
        rt = self.case.request_type
        return rt is None or rt.value in applies_to


def _request_decision(ev: _Evaluator) -> _Result:
    """The outcome tree for this request type; both trees when the type is unknown."""
    rt = ev.case.request_type
    if ev.case.continuation is not None and rt is None:
        rt = RequestType.CONTINUATION
    if rt == RequestType.INITIAL:
        return ev.node(ev.version.decision.initial)
    if rt == RequestType.CONTINUATION:
        return ev.node(ev.version.decision.continuation)
    a = ev.node(ev.version.decision.initial)
    if ev.version.decision.initial == ev.version.decision.continuation:
        return a  # one set of criteria for both (ING-CC-0090): request_type cannot matter
    b = ev.node(ev.version.decision.continuation)
    if a.value is not None and a.value == b.value:
        return a
    return _Result(None, a.missing | b.missing | {"request_type"}, a.reasons + b.reasons)


def _policy_ref(v: PolicyVersion) -> PolicyRef:
    return PolicyRef(
        id=v.id,
        version=v.version,
        title=v.title,
        status=v.status,
        issuer=v.issuer,
        document_number=v.document_number,
        effective_date=v.effective_date.isoformat() if v.effective_date else None,
    )


def _depth(version: PolicyVersion, clause_id: str) -> int:
    depth, parent = 0, version.clause(clause_id).parent
    while parent is not None:
        depth, parent = depth + 1, version.clause(parent).parent
    return depth


def _clause_results(ev: _Evaluator) -> list[ClauseResult]:
    out = []
    for c in ev.version.clauses:
        if not ev.applies(list(c.applies_to)):
            status, reason, missing = (
                Truth.NOT_APPLICABLE,
                f"applies only to {' and '.join(c.applies_to)} requests",
                [],
            )
        else:
            r = ev.clause(c.id)
            status = {True: Truth.MET, False: Truth.NOT_MET, None: Truth.UNKNOWN}[r.value]
            reason = "; ".join(dict.fromkeys(r.reasons)) + "."
            reason = reason[0].upper() + reason[1:]
            missing = sorted(r.missing)
        out.append(
            ClauseResult(
                id=c.id,
                number=c.number,
                section=c.section,
                text=c.text,
                role=ClauseRole(c.role),
                status=status,
                reason=reason,
                depth=_depth(ev.version, c.id),
                parent=c.parent,
                missing=missing,
            )
        )
    return out


_DERIVED = (
    "breast_cancer",
    "her2_on_file",
    "taxane_resistant",
    "taxane_failure",
    "anthracycline_resistant",
    "anthracycline_failure",
    "capecitabine_failure",
    "ast_ratio",
    "alt_ratio",
    "bilirubin_ratio",
)


def _derived(case: Case) -> list[DerivedFact]:
    out = []
    for name in _DERIVED:
        spec = FACTS[name]
        fv = spec.compute(case)
        if fv.value is None:
            value = "not documented"
        elif isinstance(fv.value, bool):
            value = "yes" if fv.value else "no"
        elif isinstance(fv.value, str):
            value = _words(fv.value)
        else:
            value = f"{fmt_ratio(fv.value)} × ULN"
        out.append(DerivedFact(name=name, label=spec.label, value=value, explanation=fv.text))
    return out


def _summary(outcome: Outcome, version: PolicyVersion, missing: list[str]) -> str:
    name = f"{version.id} version {version.version}"
    if version.status == "draft":
        name += " (draft, comparison only)"
    if outcome == Outcome.MEETS:
        return f"The request meets the criteria of {name}."
    if outcome == Outcome.DOES_NOT_MEET:
        return f"The request does not meet the criteria of {name}."
    return f"Information is needed to decide under {name}: {', '.join(missing)}."


def evaluate_version(
    case: Case, version: PolicyVersion, default_months: int = DEFAULT_AUTHORIZATION_MONTHS
) -> Evaluation:
    ev = _Evaluator(version, case)
    decision = _request_decision(ev)
    outcome = {
        True: Outcome.MEETS,
        False: Outcome.DOES_NOT_MEET,
        None: Outcome.NEEDS_INFORMATION,
    }[decision.value]
    missing = sorted(decision.missing) if outcome == Outcome.NEEDS_INFORMATION else []
    warnings = [str(w) for w in plausibility_warnings(case)] + label_warnings(case)
    authorization = None
    if outcome == Outcome.MEETS:
        months = version.authorization_months or default_months
        units = authorized_units(case, months)
        if units is None:
            warnings.append(
                "Authorized units cannot be computed: "
                + ", ".join(missing_dosing_fields(case))
                + " not documented."
            )
        else:
            authorization = Authorization(
                months=units.months,
                units_per_dose=units.units_per_dose,
                units_total=units.units_total,
                doses=units.doses,
                start=units.start.isoformat(),
                end=units.end.isoformat(),
                capped_bsa_m2=float(units.capped_bsa_m2),
            )
    if version.status == "draft":
        warnings.insert(
            0, f"{version.key} is a draft for comparison only; it can never decide a request."
        )
    return Evaluation(
        policy=_policy_ref(version),
        outcome=outcome,
        clauses=_clause_results(ev),
        missing=missing,
        authorization=authorization,
        warnings=warnings,
        derived=_derived(case),
        summary=_summary(outcome, version, missing),
    )


def resolve_policy(
    case: Case, policy: str, registry: PolicyRegistry | None = None
) -> PolicyVersion:
    """'ID' (version in force on received_at) or 'ID@VERSION' (drafts only by name)."""
    return (registry or default_registry()).get(policy, on=case.received_on)


def evaluate(
    case: Case,
    policy: str | None = None,
    *,
    registry: PolicyRegistry | None = None,
    default_months: int = DEFAULT_AUTHORIZATION_MONTHS,
) -> Evaluation:
    if not policy:
        raise PolicyError("name the policy to evaluate against (for example ING-CC-0090)")
    return evaluate_version(case, resolve_policy(case, policy, registry), default_months)
