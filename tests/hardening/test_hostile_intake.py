"""Issue 10 §2: intake values that crashed, flooded or decided.

Each test drives the real commands (`evaluate`, `import`, `decide`) as a user or an
adversary would, and failed on the code before the fix.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hardening_helpers import FAST, PASSWORDS, REFERENCE, case_data, copy_db

from ixreview.cli import cli, workflow_cmds
from ixreview.domain.engine import evaluate
from ixreview.domain.intake import parse_case_json
from ixreview.store import open_store


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow_cmds, "SECURITY", FAST)


@pytest.fixture
def db(template_db: Path, tmp_path: Path) -> Path:
    return copy_db(template_db, tmp_path)


def _file(tmp_path: Path, data: dict[str, Any] | bytes, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode("utf-8"))
    return path


def _evaluate(path: Path) -> Result:
    return CliRunner().invoke(cli, ["evaluate", str(path), "--policy", "ING-CC-0090"])


def _import(db: Path, path: Path) -> Result:
    return CliRunner().invoke(
        cli,
        ["--db", str(db), "import", str(path), "--policy", "ING-CC-0090", "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )


def _requests(db: Path) -> int:
    with open_store(db) as store:
        return int(store.conn.execute("SELECT count(*) FROM requests").fetchone()[0])


def _refused(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    for needle in needles:
        assert needle in result.output, result.output


# -- dates the clocks and periods cannot represent, and far dates ------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("received_at", "9999-12-31T23:59:59+14:00"),
        ("received_at", "0001-01-01T00:00:00-12:00"),
        ("medication.requested_start", "9999-12-31"),
        ("labs.collected_on", "0001-01-01"),
        ("member.birth_date", "1899-12-31"),
    ],
)
def test_a_date_outside_the_span_is_bad_input_naming_the_field(
    db: Path, tmp_path: Path, path: str, value: str
) -> None:
    case = _file(tmp_path, case_data(**{path: value}))
    _refused(_evaluate(case), f"{path}:", "outside the dates a request can carry")
    _refused(_import(db, case), f"{path}:", "was not imported")
    assert _requests(db) == 0


def test_a_request_received_more_than_a_year_ahead_is_refused(db: Path, tmp_path: Path) -> None:
    ahead = (datetime.now(UTC) + timedelta(days=400)).strftime("%Y-%m-%dT09:30:00-06:00")
    case = _file(tmp_path, case_data(received_at=ahead))
    _refused(_evaluate(case), "received_at:", "more than a year after today")
    _refused(_import(db, case), "received_at:")
    # Within the year it is judged (and its stale labs ask for current ones).
    near = (datetime.now(UTC) + timedelta(days=300)).strftime("%Y-%m-%dT09:30:00-06:00")
    assert _evaluate(_file(tmp_path, case_data(received_at=near))).exit_code == 0


# -- size limits -----------------------------------------------------------------


def test_a_ten_megabyte_name_is_refused_before_parsing_in_a_short_message(
    db: Path, tmp_path: Path
) -> None:
    case = _file(tmp_path, case_data(**{"member.last_name": "x" * 10_000_000}))
    for result in (_evaluate(case), _import(db, case)):
        _refused(result, "larger than 512 KB")
        assert len(result.output) < 1_000
    assert _requests(db) == 0


@pytest.mark.parametrize(
    ("path", "length", "limit"),
    [
        ("member.id", 65, 64),
        ("member.first_name", 101, 100),
        ("member.last_name", 101, 100),
        ("member.plan", 201, 200),
        ("prescriber.name", 201, 200),
        ("prescriber.phone", 41, 40),
        ("prescriber.fax", 41, 40),
    ],
)
def test_every_text_field_has_a_limit(
    db: Path, tmp_path: Path, path: str, length: int, limit: int
) -> None:
    case = _file(tmp_path, case_data(**{path: "A" * length}))
    _refused(_evaluate(case), f"{path}: is too long (at most {limit} characters)")
    _refused(_import(db, case), f"{path}: is too long")
    assert _requests(db) == 0


def test_lists_have_a_limit(tmp_path: Path) -> None:
    data = case_data(**{"member.address": ["line"] * 9})
    _refused(_evaluate(_file(tmp_path, data)), "member.address: has too many entries (at most 8)")
    data = case_data(**{"member.address": ["A" * 201]})
    _refused(_evaluate(_file(tmp_path, data)), "member.address[0]: is too long")


@pytest.mark.parametrize(
    "data",
    [
        case_data(urgency="u" * 300_000),
        case_data(**{"member.id": ["i" * 300_000]}),
        {**case_data(), "k" * 300_000: 1},
        case_data(reference="#" * 300_000),
    ],
    ids=["enum", "wrong-type", "unknown-key", "pattern"],
)
def test_a_message_quotes_only_a_short_prefix(tmp_path: Path, data: dict[str, Any]) -> None:
    result = _evaluate(_file(tmp_path, data))
    assert result.exit_code == 2
    assert len(result.output) < 600, result.output[:600]


# -- one reader, one rule ---------------------------------------------------------


def test_a_utf8_bom_is_read_alike_by_evaluate_and_import(db: Path, tmp_path: Path) -> None:
    case = _file(tmp_path, b"\xef\xbb\xbf" + json.dumps(case_data()).encode("utf-8"))
    assert _evaluate(case).exit_code == 0
    result = _import(db, case)
    assert result.exit_code == 0, result.output
    with open_store(db) as store:  # stored without the mark, so it reads back
        assert store.requests.by_reference(REFERENCE).case().reference == REFERENCE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_are_refused_alike_by_evaluate_and_import(
    db: Path, tmp_path: Path, encoding: str
) -> None:
    text = json.dumps(case_data(), ensure_ascii=False)
    raw = text.encode(encoding)
    if encoding == "utf-16-le":
        raw = b"\xff\xfe" + raw
    case = _file(tmp_path, raw)
    _refused(_evaluate(case), "not UTF-8 text")
    _refused(_import(db, case), "not UTF-8 text")


# -- identity ------------------------------------------------------------------------


def test_no_member_id_and_no_last_name(db: Path, tmp_path: Path) -> None:
    case = _file(tmp_path, case_data(**{"member.id": None, "member.last_name": None}))
    result = _evaluate(case)
    assert result.exit_code == 0
    assert "Warning: member.id: not documented" in result.output
    assert "Warning: member.last_name: not documented" in result.output
    _refused(_import(db, case), "member.id: not documented", "member.last_name: not documented")
    assert _requests(db) == 0


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("member.birth_date", None),
        ("member.address", []),
        ("member.first_name", None),
        ("prescriber.name", None),
        ("prescriber.npi", None),
    ],
)
def test_import_needs_every_identity_field(
    db: Path, tmp_path: Path, path: str, value: object
) -> None:
    _refused(_import(db, _file(tmp_path, case_data(**{path: value}))), f"{path}: not documented")


def test_a_request_without_identity_on_record_is_never_decided(db: Path) -> None:
    # The desk's own imports (a new empty review starts with a name only) record it,
    # with the gaps as warnings; no decision or letter is possible until they are filled.
    with open_store(db) as store:
        data = case_data(**{"prescriber.npi": None, "member.id": None})
        result = store.import_case(json.dumps(data), policy="ING-CC-0090")
    assert any(w.startswith("prescriber.npi: not documented") for w in result.warnings)
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "decide", REFERENCE, "--approve", "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    _refused(result, "member.id, prescriber.npi: not documented")
    with open_store(db) as store:
        assert int(store.conn.execute("SELECT count(*) FROM determinations").fetchone()[0]) == 0


def test_an_empty_code_list_stays_not_documented() -> None:
    ev = evaluate(
        parse_case_json(json.dumps(case_data(**{"diagnosis.icd10_codes": []}))), "ING-CC-0090"
    )
    assert ev.outcome.value == "needs_information"
    assert "diagnosis.icd10_codes" in ev.missing


# -- intake-supplied limits and doses ------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"labs.ast_u_l": 200, "labs.ast_uln": 1000},  # a hepatic refusal turned into 0.2 × ULN
        {"labs.alt_uln": 5},
        {"labs.bilirubin_uln": 20.5},  # µmol/L
        {"medication.dose_mg_per_m2": 1e-7},
        {"medication.dose_mg_per_m2": 74},  # total mg typed as mg/m²
    ],
)
def test_an_implausible_limit_or_dose_needs_a_physician(changes: dict[str, Any]) -> None:
    ev = evaluate(parse_case_json(json.dumps(case_data(**changes))), "ING-CC-0090")
    (path,) = [p for p in changes if not p.endswith("_u_l")]
    assert any(
        "could plausibly send" in f and "physician must confirm" in f for f in ev.review_flags
    ), ev.review_flags
    assert any(w.startswith(f"{path}:") and "could plausibly send" in w for w in ev.warnings)


def test_plausible_limits_raise_no_flag() -> None:
    ev = evaluate(parse_case_json(json.dumps(case_data())), "ING-CC-0090")
    assert ev.outcome.value == "meets_criteria" and ev.review_flags == []


def test_a_nurse_cannot_approve_past_an_implausible_limit(db: Path, tmp_path: Path) -> None:
    data = case_data(**{"labs.ast_u_l": 200, "labs.ast_uln": 1000})
    result = _import(db, _file(tmp_path, data))
    assert result.exit_code == 0 and "labs.ast_uln" in result.output
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "decide", REFERENCE, "--approve", "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert result.exit_code == 1, result.output
    assert "physician" in result.output
    with open_store(db) as store:
        assert int(store.conn.execute("SELECT count(*) FROM determinations").fetchone()[0]) == 0


# -- rules the format leaves open, said in the reason -----------------------------


def test_the_month_end_rule_is_said_in_the_reason() -> None:
    data = case_data()
    data["prior_therapies"][1].update(end="2026-04-30", progression_date="2026-08-31")
    ev = evaluate(parse_case_json(json.dumps(data)), "BCBST-IXEMPRA")
    (taxane,) = [d for d in ev.derived if d.name == "taxane_resistant"]
    assert taxane.value == "yes"
    assert "window ends 2026-08-31" in taxane.explanation
    assert "a last dose on the last day of a month counts to the last day of the target month" in (
        taxane.explanation
    )


def test_the_baseline_rule_is_said_in_the_reason() -> None:
    ev = evaluate(
        parse_case_json(json.dumps(case_data(**{"labs.collected_on": "2026-09-01"}))),
        "ING-CC-0090",
    )
    assert ev.outcome.value == "needs_information"
    reasons = " ".join(c.reason for c in ev.clauses)
    assert "more than 30 days before the request, or undated, are not a current baseline" in (
        reasons
    )


# -- the authorization period ------------------------------------------------------


def test_a_period_starting_on_a_month_end_keeps_its_last_day(db: Path, tmp_path: Path) -> None:
    data = case_data(
        received_at="2026-03-25T09:30:00-05:00",
        **{"medication.requested_start": "2026-03-31", "labs.collected_on": "2026-03-20"},
    )
    data["prior_therapies"][1].update(end="2025-12-15", progression_date="2026-02-20")
    ev = evaluate(parse_case_json(json.dumps(data)), "ING-CC-0090")
    assert ev.authorization is not None
    assert (ev.authorization.start, ev.authorization.end) == ("2026-03-31", "2026-09-30")
    # The approval on record (and so its letter, built from the same terms) agrees.
    assert _import(db, _file(tmp_path, data)).exit_code == 0
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "decide", REFERENCE, "--approve", "--user", "nina"],
        input=PASSWORDS["nina"] + "\n",
    )
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        (determination,) = store.determinations.for_request(
            store.requests.by_reference(REFERENCE).id
        )
        assert (determination.period_start, determination.period_end) == (
            "2026-03-31",
            "2026-09-30",
        )


def test_the_clock_names_the_field_instead_of_overflowing() -> None:
    from ixreview.domain import clock
    from ixreview.domain.case import Urgency

    late = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    with pytest.raises(ValueError, match="received_at: 9999-12-31 is too far"):
        clock.due_at(late, Urgency.STANDARD, clock.PlanType.COMMERCIAL)
