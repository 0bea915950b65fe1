"""The evaluation engine: a case and a policy version in, an explained `Evaluation` out.

Three-valued (Kleene) logic over the policy's clause trees: `all` is not met as
soon as one part is not met, met only when every part is; `any` the dual; an
undocumented fact is unknown. So a result reached while facts are missing cannot
be changed by filling them in, and `needs_information` lists exactly the fields
whose values could still change the outcome. A met "may not be approved" clause
is combined as `not`, so it overrides any approval clause.

For letters, each clause that counts against the member (an approval clause not
met, a "may not be approved" clause met) gets `denial_reason`: the policy file's
plain sentence, then the facts that decided it in plain words (clause references
are replaced by the facts behind them; routes for a regimen the prescriber did not
request are left out when a requested route explains the result). `review_flags`
(`ixreview.domain.flags`) say why a physician must review even a request that meets
the criteria; they never change the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ixreview.domain.case import Case, RequestType
from ixreview.domain.dosing import (
    authorized_units,
    label_warnings,
    missing_dosing_fields,
    period_warnings,
)
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
from ixreview.domain.fact_model import PLAIN_VALUES, FactValue, fmt_number, fmt_ratio
from ixreview.domain.facts import FACTS
from ixreview.domain.flags import review_flags
from ixreview.domain.intake import plausibility_warnings
from ixreview.domain.limits import LAB_MAX_AGE_DAYS
from ixreview.domain.policies import (
    Clause,
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
    # For letters: the leaf facts that decided the value, in plain words, with clause
    # references replaced by the facts that decided those clauses (never "CC.1 is not met").
    plain: tuple[str, ...] = field(default=())
    # Not met because the requested regimen is another one: a route the prescriber did
    # not ask for, left out of a denial's reasons when a requested route explains it.
    off_route: bool = False


def _words(value: str) -> str:
    return value.replace("_", " ")


def _plain_value(value: str) -> str:
    return PLAIN_VALUES.get(value, _words(value))


_PLAIN_UNITS = {"×": "times the upper limit of normal"}


class _Evaluator:
    def __init__(self, version: PolicyVersion, case: Case, lab_max_age_days: int):
        self.version = version
        self.case = case
        # The decision trees may name facts directly, not only through clauses.
        names = {f for c in version.clauses for f in c.logic.fact_names()}
        names |= version.decision.initial.fact_names() | version.decision.continuation.fact_names()
        self.facts: dict[str, FactValue] = {
            n: FACTS[n].value_for(case, lab_max_age_days) for n in names
        }
        self.clauses: dict[str, _Result] = {}

    def node(self, node: Node) -> _Result:
        if node.fact is not None:
            return self._leaf(node)
        if node.clause is not None:
            r = self.clause(node.clause)
            verdict = {True: "is met", False: "is not met", None: "is not documented"}[r.value]
            return _Result(r.value, r.missing, (f"{node.clause} {verdict}",), r.plain, r.off_route)
        if node.not_ is not None:
            r = self.node(node.not_)
            return _Result(None if r.value is None else not r.value, r.missing, r.reasons, r.plain)
        parts = [self.node(n) for n in (node.all_ if node.all_ is not None else node.any_ or [])]
        decisive = node.all_ is None  # any: True decides; all: False decides
        hits = [p for p in parts if p.value is decisive]
        if hits:
            return _Result(
                decisive,
                frozenset(),
                tuple(r for p in hits for r in p.reasons),
                tuple(r for p in hits for r in p.plain),
                off_route=not decisive and any(p.off_route for p in hits),
            )
        unknown = [p for p in parts if p.value is None]
        if unknown:
            missing = frozenset(m for p in unknown for m in p.missing)
            return _Result(
                None,
                missing,
                tuple(r for p in unknown for r in p.reasons),
                tuple(r for p in unknown for r in p.plain),
            )
        # all met, or any not met: every part decided it
        return _Result(
            not decisive,
            frozenset(),
            tuple(r for p in parts for r in p.reasons),
            _plain(parts),
            off_route=decisive and all(p.off_route for p in parts),
        )

    def _leaf(self, node: Node) -> _Result:
        assert node.fact is not None
        spec = FACTS[node.fact]
        fv = self.facts[node.fact]
        if fv.value is None:
            return _Result(None, frozenset(fv.missing), (fv.text,), (fv.plain or fv.text,))
        if spec.kind == "bool":
            return _Result(bool(fv.value), frozenset(), (fv.text,), (fv.plain or fv.text,))
        if spec.kind == "enum":
            assert node.in_ is not None
            ok = fv.value in node.in_
            needs = "" if ok else f" (the criterion needs {' or '.join(map(_words, node.in_))})"
            label = spec.plain_label or spec.label.lower()
            what = f"the {label} is {_plain_value(str(fv.value))}"
            needed = " or ".join(_plain_value(v) for v in node.in_)
            plain = what if ok else f"{what}, and this criterion needs {needed}"
            return _Result(
                ok,
                frozenset(),
                (fv.text + needs,),
                (plain,),
                off_route=node.fact == "regimen" and not ok,
            )
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
        text = f"{fv.text}; {phrase}"
        unit = _PLAIN_UNITS.get(spec.unit, spec.unit)
        plain_limit = f"{fmt_number(threshold)} {unit}".strip()
        words = {
            ("lt", True): f"below {plain_limit}",
            ("lt", False): f"not below {plain_limit}",
            ("gt", True): f"above the limit of {plain_limit}",
            ("gt", False): f"within the limit of {plain_limit}",
            ("ge", True): f"at least the {plain_limit} required",
            ("ge", False): f"less than the {plain_limit} required",
            ("le", True): f"within the {plain_limit} allowed",
            ("le", False): f"more than the {plain_limit} allowed",
        }[(op, ok)]
        return _Result(ok, frozenset(), (text,), (f"{fv.plain or fv.text}, {words}",))

    def clause(self, clause_id: str) -> _Result:
        if clause_id not in self.clauses:
            self.clauses[clause_id] = self.node(self.version.clause(clause_id).logic)
        return self.clauses[clause_id]

    def applies(self, applies_to: list[str]) -> bool:
        rt = self.case.request_type
        return rt is None or rt.value in applies_to


def _plain(parts: list[_Result]) -> tuple[str, ...]:
    """The parts' plain reasons, without routes the request did not take when others remain."""
    on_route = [p for p in parts if not p.off_route]
    return tuple(r for p in (on_route or parts) for r in p.plain)


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def _denial_reason(clause: Clause, result: _Result) -> str:
    """The clause's plain sentence, then what in this request made it count against it."""
    lead = _sentence(clause.denial_reason or f"The policy requires: {clause.text}")
    details = _sentence("; ".join(dict.fromkeys(result.plain)))
    return f"{lead} {details}".strip()


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
        denial, needed = "", ""
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
            against = Truth.MET if c.role == "exclusion" else Truth.NOT_MET
            if status == against:
                denial = _denial_reason(c, r)
            if status in (against, Truth.UNKNOWN):
                needed = c.information_needed or ""
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
                denial_reason=denial,
                information_needed=needed,
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


def _derived(case: Case, lab_max_age_days: int) -> list[DerivedFact]:
    out = []
    for name in _DERIVED:
        spec = FACTS[name]
        fv = spec.value_for(case, lab_max_age_days)
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
    case: Case,
    version: PolicyVersion,
    default_months: int = DEFAULT_AUTHORIZATION_MONTHS,
    lab_max_age_days: int = LAB_MAX_AGE_DAYS,
) -> Evaluation:
    """`default_months` and `lab_max_age_days` are the plan's settings (defaults: the
    label-based 6 months and 30 days)."""
    ev = _Evaluator(version, case, lab_max_age_days)
    decision = _request_decision(ev)
    outcome = {
        True: Outcome.MEETS,
        False: Outcome.DOES_NOT_MEET,
        None: Outcome.NEEDS_INFORMATION,
    }[decision.value]
    missing = sorted(decision.missing) if outcome == Outcome.NEEDS_INFORMATION else []
    months = version.authorization_months or default_months
    warnings = [str(w) for w in plausibility_warnings(case, lab_max_age_days)]
    warnings += label_warnings(case)
    warnings += period_warnings(case, months)[0]
    authorization = None
    if outcome == Outcome.MEETS:
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
        derived=_derived(case, lab_max_age_days),
        review_flags=review_flags(case, version, months),
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
    lab_max_age_days: int = LAB_MAX_AGE_DAYS,
) -> Evaluation:
    if not policy:
        raise PolicyError("name the policy to evaluate against (for example ING-CC-0090)")
    return evaluate_version(
        case, resolve_policy(case, policy, registry), default_months, lab_max_age_days
    )
