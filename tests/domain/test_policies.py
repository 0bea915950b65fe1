"""Policies as data: the three encoded versions, version selection, and invalid files.

A made-up next revision proves that a new version needs a data file, no Python.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from domain_helpers import BCBST, DRAFT, ING, case

from ixreview.domain.engine import evaluate
from ixreview.domain.evaluation import Outcome
from ixreview.domain.policies import PolicyError, PolicyRegistry, all_policies, default_registry

SOURCES = Path(__file__).parent / "data"
BUILTIN = Path(str(resources.files("ixreview.policies")))


def ing_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (BUILTIN / "ING-CC-0090@2022-02-25.yaml").read_text(encoding="utf-8")
    )
    return data


def write(dir_: Path, name: str, data: dict[str, Any]) -> Path:
    path = dir_ / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_three_versions_with_identity_and_status() -> None:
    got = {v.key: v for v in all_policies()}
    assert sorted(got) == ["BCBST-IXEMPRA@current", "BCBST-IXEMPRA@draft", "ING-CC-0090@2022-02-25"]
    ing = got["ING-CC-0090@2022-02-25"]
    assert (ing.status, str(ing.effective_date), ing.document_number) == (
        "in_force",
        "2022-03-28",
        "ING-CC-0090",
    )
    assert ing.authorization_months is None
    assert (got["BCBST-IXEMPRA@current"].status, got["BCBST-IXEMPRA@draft"].status) == (
        "in_force",
        "draft",
    )
    assert got["BCBST-IXEMPRA@current"].authorization_months == 12
    for v in got.values():
        assert v.title and v.issuer and v.source_file
        assert (SOURCES / v.source_file).exists()


def test_clause_numbers_as_printed() -> None:
    ing = default_registry().get(f"{ING}@2022-02-25")
    assert [(c.id, c.number, c.role) for c in ing.clauses] == [
        ("I", "I", "approval"),
        ("II", "II", "approval"),
        ("II.A", "II.A", "approval"),
        ("II.B", "II.B", "approval"),
        ("II.C", "II.C", "approval"),
        ("II.D", "II.D", "approval"),
        ("II.D.1", "II.D.1", "approval"),
        ("II.D.2", "II.D.2", "approval"),
        ("NA.I", "I", "exclusion"),
        ("NA.II", "II", "exclusion"),
        ("NA.III", "III", "exclusion"),
    ]


def _source(name: str, reading: str) -> str:
    """The policy text as one version reads it (README: struck kept, added left out)."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    if reading == "current":
        text = re.sub(r"\*\*(.+?)\*\*", "", text)
        text = re.sub(r"~~(.+?)~~", r"\1", text)
    elif reading == "draft":
        text = re.sub(r"~~(.+?)~~", "", text)
        text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(
    ("key", "reading"),
    [(f"{ING}@2022-02-25", "plain"), (f"{BCBST}@current", "current"), (DRAFT, "draft")],
)
def test_clause_wording_is_verbatim_from_the_source(key: str, reading: str) -> None:
    version = default_registry().get(key)
    source = _source(version.source_file, reading)
    for clause in version.clauses:
        assert re.sub(r"\s+", " ", clause.text) in source, clause.id


def test_the_versions_differ_where_the_draft_changes_the_text() -> None:
    current = default_registry().get(f"{BCBST}@current")
    draft = default_registry().get(DRAFT)
    changed = [c.id for c in current.clauses if c != draft.clause(c.id)]
    assert changed == ["CC.2", "CC.3.a"]


def test_version_selection_and_drafts_only_by_name() -> None:
    reg = default_registry()
    c = case()
    assert evaluate(c, BCBST).policy.version == "current"
    assert evaluate(c, f"{BCBST}@current").policy.version == "current"
    draft = evaluate(c, DRAFT)
    assert (draft.policy.version, draft.policy.status) == ("draft", "draft")
    assert draft.warnings[0] == (
        "BCBST-IXEMPRA@draft is a draft for comparison only; it can never decide a request."
    )
    assert not any("draft" in w for w in evaluate(c, BCBST).warnings)
    assert reg.get(ING, on=c.received_on).version == "2022-02-25"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("ING-CC-0091", 'unknown policy "ING-CC-0091"; known: BCBST-IXEMPRA, ING-CC-0090'),
        (
            "ING-CC-0090@2021-02-19",
            'policy ING-CC-0090 has no version "2021-02-19"; versions: 2022-02-25',
        ),
        (
            "BCBST-IXEMPRA@final",
            'policy BCBST-IXEMPRA has no version "final"; versions: current, draft',
        ),
    ],
)
def test_unknown_policy_or_version(spec: str, message: str) -> None:
    with pytest.raises(PolicyError) as info:
        evaluate(case(), spec)
    assert str(info.value) == message


def test_no_policy_named() -> None:
    with pytest.raises(PolicyError, match="name the policy"):
        evaluate(case(), None)


def test_no_version_in_force_before_the_first_effective_date() -> None:
    labs = {"labs.collected_on": "2022-03-20"}
    with pytest.raises(PolicyError) as info:
        evaluate(case(received_at="2022-03-27T23:59:00-05:00", **labs), ING)
    assert str(info.value) == "policy ING-CC-0090 has no version in force on 2022-03-27"
    on_the_day = case(received_at="2022-03-28T00:00:00-05:00", **labs)
    assert evaluate(on_the_day, ING).policy.version == "2022-02-25"


def next_revision(tmp_path: Path) -> PolicyRegistry:
    """ING-CC-0090 as a made-up 2027 revision: neutrophils must now be at least 2,000."""
    data = ing_data()
    data["version"] = "2027-01-01"
    data["effective_date"] = "2027-01-01"
    na1 = next(c for c in data["clauses"] if c["id"] == "NA.I")
    na1["logic"]["any"][0] = {"fact": "anc", "lt": 2000}
    write(tmp_path, "ING-CC-0090@2027-01-01.yaml", data)
    return PolicyRegistry.from_dirs(tmp_path)


def test_next_revision_is_data_only_and_picked_by_received_at(tmp_path: Path) -> None:
    reg = next_revision(tmp_path)
    anc_1800 = {"labs.anc_per_mm3": 1800, "labs.collected_on": "2026-11-25"}
    late_labs = {**anc_1800, "labs.collected_on": "2027-01-25"}
    new = evaluate(case(received_at="2027-02-01T10:00:00-06:00", **late_labs), ING, registry=reg)
    assert new.policy.version == "2027-01-01"
    assert new.outcome == Outcome.DOES_NOT_MEET
    assert new.clause("NA.I").reason.startswith(
        "Baseline neutrophil count 1,800 cells/mm³; the limit is 2,000 cells/mm³"
    )
    old = evaluate(case(received_at="2026-12-01T10:00:00-06:00", **anc_1800), ING, registry=reg)
    assert old.policy.version == "2022-02-25"
    assert old.outcome == Outcome.MEETS
    # Named explicitly, the older version still answers for a later case.
    named = evaluate(
        case(received_at="2027-02-01T10:00:00-06:00", **late_labs),
        f"{ING}@2022-02-25",
        registry=reg,
    )
    assert named.outcome == Outcome.MEETS
    # The default registry is untouched.
    assert [v.version for v in default_registry().versions if v.id == ING] == ["2022-02-25"]


def test_a_draft_revision_never_becomes_the_version_in_force(tmp_path: Path) -> None:
    data = ing_data()
    data.update(version="2027-draft", effective_date="2027-01-01", status="draft")
    write(tmp_path, "draft.yaml", data)
    reg = PolicyRegistry.from_dirs(tmp_path)
    c = case(received_at="2027-02-01T10:00:00-06:00", **{"labs.collected_on": "2027-01-30"})
    assert evaluate(c, ING, registry=reg).policy.version == "2022-02-25"
    assert evaluate(c, f"{ING}@2027-draft", registry=reg).policy.status == "draft"


def _mutate(data: dict[str, Any], path: str, value: Any) -> None:
    node: Any = data
    parts = path.split(".")
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last: Any = int(parts[-1]) if isinstance(node, list) else parts[-1]
    node[last] = value


# clause indexes in the ING file: 0 I, 1 II, 2 II.A, ..., 8 NA.I, 9 NA.II, 10 NA.III
INVALID = [
    ("clauses.0.logic.all.0", {"fact": "breast_cancr"}, 'unknown fact "breast_cancr"'),
    (
        "clauses.0.logic.all.1",
        {"fact": "extent", "in": ["metastasis"]},
        "fact \"extent\" has no value ['metastasis']",
    ),
    ("clauses.0.logic.all.1", {"fact": "extent"}, 'fact "extent" needs "in: [...]"'),
    (
        "clauses.8.logic.any.0",
        {"fact": "anc", "lt": 1500, "ge": 1},
        'fact "anc" needs exactly one of lt, le, gt, ge',
    ),
    ("clauses.8.logic.any.0", {"fact": "anc"}, 'fact "anc" needs exactly one of lt, le, gt, ge'),
    (
        "clauses.0.logic.all.0",
        {"fact": "breast_cancer", "gt": 1},
        'fact "breast_cancer" is yes/no; it takes no comparison',
    ),
    (
        "clauses.0.logic.all.0",
        {"clause": "II", "fact": "breast_cancer"},
        "a logic node needs exactly one of all, any, not, clause, fact",
    ),
    (
        "clauses.0.logic.all.0",
        {"lt": 3},
        "a logic node needs exactly one of all, any, not, clause, fact",
    ),
    ("clauses.1.logic.any.0", {"clause": "II.E"}, "clause II refers to unknown clauses ['II.E']"),
    ("clauses.2.parent", "III", "clause II.A refers to unknown clauses ['III']"),
    ("decision.initial.all.0", {"clause": "IV"}, "decision refers to unknown clauses ['IV']"),
    (
        "clauses.0.logic",
        {"clause": "NA.III"},
        "clauses refer to each other in a cycle: I -> NA.III -> I",
    ),
    ("clauses.3.id", "II.A", "clause ids are not unique: ['II.A']"),
    ("status", "retired", "status: Input should be 'in_force' or 'draft'"),
    ("clauses.0.role", "optional", "clauses.0.role: Input should be 'approval' or 'exclusion'"),
    ("effective_date", "2022-02-30", "effective_date: Input should be a valid date"),
    ("clauses.0.colour", "red", "clauses.0.colour: Extra inputs are not permitted"),
    ("schema", "ixreview-policy/2", "schema: Input should be 'ixreview-policy/1'"),
    # empty lists: an empty all would be met by nothing at all, an empty any never met
    ("clauses.1.logic", {"any": []}, "an empty any: [] list; give it at least one node"),
    ("clauses.0.logic.all", [], "an empty all: [] list; give it at least one node"),
    (
        "decision.initial",
        {"all": []},
        "an empty all: [] list; give it at least one node",
    ),
    # every decision must use every top-level approval clause and every exclusion
    (
        "decision.initial.all",
        [{"clause": "I"}, {"not": {"any": [{"clause": "NA.I"}, {"clause": "NA.III"}]}}],
        "decision.initial leaves out clauses ['NA.II']: it must use every top-level approval "
        "clause and every exclusion that applies to initial requests",
    ),
    (
        "decision.continuation",
        {"clause": "I"},
        "decision.continuation leaves out clauses ['II', 'NA.I', 'NA.II', 'NA.III']",
    ),
]


@pytest.mark.parametrize(("path", "value", "message"), INVALID, ids=[m for _, _, m in INVALID])
def test_invalid_policy_files_are_rejected_clearly(
    tmp_path: Path, path: str, value: Any, message: str
) -> None:
    data = ing_data()
    _mutate(data, path, value)
    data["version"] = "2099-01-01"
    write(tmp_path, "bad.yaml", data)
    with pytest.raises(PolicyError) as info:
        PolicyRegistry.from_dirs(tmp_path)
    text = str(info.value)
    assert text.startswith("bad.yaml: invalid policy: ")
    assert message in text


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    data = ing_data()
    del data["clauses"][0]["text"]
    write(tmp_path, "bad.yaml", data)
    with pytest.raises(
        PolicyError, match=r"bad\.yaml: invalid policy: clauses\.0\.text: Field required"
    ):
        PolicyRegistry.from_dirs(tmp_path)


def test_a_version_defined_twice(tmp_path: Path) -> None:
    write(tmp_path, "copy.yaml", ing_data())
    with pytest.raises(PolicyError) as info:
        PolicyRegistry.from_dirs(tmp_path)
    assert str(info.value) == "policy versions defined twice: ['ING-CC-0090@2022-02-25']"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema: [unclosed\n", "broken.yaml: not valid YAML"),
        ("- just\n- a list\n", "broken.yaml: invalid policy"),
        ("", "broken.yaml: invalid policy"),
    ],
)
def test_unreadable_policy_files(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=re.escape(message)):
        PolicyRegistry.from_dirs(tmp_path)


def test_a_decision_tree_may_name_a_fact_directly(tmp_path: Path) -> None:
    """No Python change for a revision whose decision tree uses a fact outside any clause."""
    data = ing_data()
    data.update(version="2027-01-01", effective_date="2027-01-01")
    data["decision"]["initial"]["all"].append({"not": {"fact": "platelets", "lt": 150000}})
    write(tmp_path, "next.yaml", data)
    reg = PolicyRegistry.from_dirs(tmp_path)
    late = {"received_at": "2027-02-01T10:00:00-06:00", "labs.collected_on": "2027-01-30"}
    assert evaluate(case(**late), ING, registry=reg).outcome == Outcome.MEETS
    low = case(**late, **{"labs.platelets_per_mm3": 120000})
    assert evaluate(low, ING, registry=reg).outcome == Outcome.DOES_NOT_MEET
    gone = case(**late, **{"labs.platelets_per_mm3": None})
    ev = evaluate(gone, ING, registry=reg)
    assert (ev.outcome, ev.missing) == (Outcome.NEEDS_INFORMATION, ["labs.platelets_per_mm3"])


def test_a_clause_reached_through_another_counts_as_used(tmp_path: Path) -> None:
    """NA.III refers to I and II, so a decision of NA.I-III alone still reaches them."""
    data = ing_data()
    data.update(version="2027-01-01", effective_date="2027-01-01")
    data["decision"]["initial"] = {
        "not": {"any": [{"clause": "NA.I"}, {"clause": "NA.II"}, {"clause": "NA.III"}]}
    }
    write(tmp_path, "next.yaml", data)
    reg = PolicyRegistry.from_dirs(tmp_path)
    assert reg.get(f"{ING}@2027-01-01").decision.initial.clause_refs() == [
        "NA.I",
        "NA.II",
        "NA.III",
    ]


def test_an_approval_clause_that_applies_only_to_one_request_type(tmp_path: Path) -> None:
    """BCBST's CT applies to continuations only: the initial tree need not use it."""
    data = yaml.safe_load((BUILTIN / "BCBST-IXEMPRA@current.yaml").read_text(encoding="utf-8"))
    data["version"] = "next"
    data["decision"]["continuation"]["all"][0] = {"clause": "BC"}  # drops CT
    write(tmp_path, "bad.yaml", data)
    with pytest.raises(PolicyError, match=r"decision\.continuation leaves out clauses \['CT'\]"):
        PolicyRegistry.from_dirs(tmp_path)


def test_the_environment_cannot_add_policies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ixreview.domain import policies

    data = ing_data()
    data.update(version="2026-01-01", effective_date="2026-01-01")
    write(tmp_path, "injected.yaml", data)
    monkeypatch.setenv("IXREVIEW_POLICY_DIR", str(tmp_path))
    policies.default_registry.cache_clear()
    try:
        keys = [v.key for v in policies.default_registry().versions]
        assert keys == ["BCBST-IXEMPRA@current", "BCBST-IXEMPRA@draft", "ING-CC-0090@2022-02-25"]
    finally:
        policies.default_registry.cache_clear()


@pytest.mark.parametrize("version", all_policies(), ids=lambda v: v.key)
def test_every_clause_has_plain_denial_and_information_wording(version: Any) -> None:
    jargon = re.compile(r"\bULN\b|\bNCCN\b|\bHER2\+|\bCC\.\d|\bNA\.I")
    for clause in version.clauses:
        for text in (clause.denial_reason, clause.information_needed):
            assert text and text.endswith("."), clause.id
            assert not jargon.search(text), (clause.id, text)
        # abbreviations are spelled out the first time they appear
        for short, long in (
            ("HER2", "human epidermal growth factor receptor 2 (HER2)"),
            ("AST", "AST (aspartate aminotransferase)"),
            ("ALT", "ALT (alanine aminotransferase)"),
        ):
            for text in (clause.denial_reason, clause.information_needed):
                assert text is not None
                first = text.find(short)
                if first >= 0:
                    at = text.find(long)
                    assert at != -1 and first == at + long.find(short), (clause.id, short)
