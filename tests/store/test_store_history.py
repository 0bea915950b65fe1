"""History search: accents, SQL-looking text, filters, newest first, keyset pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from store_helpers import approval, case_text, denial

from ixreview.store import DecisionCode, HistoryQuery, Store, User

PEOPLE = [
    ("H-1", "M-100", "Dolores", "Ibáñez", "1962-07-14", "2026-01-05T09:00:00-06:00"),
    ("H-2", "M-200", "José", "IBANEZ", "1970-03-01", "2026-02-05T09:00:00-06:00"),
    ("H-3", "M-300", "Zoë", "Ølstad", "1955-12-31", "2026-03-05T23:30:00-06:00"),
    ("H-4", "M-100", "Dolores", "Ibáñez", "1962-07-14", "2026-04-05T09:00:00+09:00"),
    ("H-5", "M-500", "Ann", "O'Brien_%", "1980-01-01", "2026-05-05T09:00:00-06:00"),
]


@pytest.fixture
def people(store: Store, nurse: User, physician: User) -> Store:
    for ref, mid, first, last, born, received in PEOPLE:
        store.import_case(
            case_text(
                reference=ref,
                received_at=received,
                **{
                    "member.id": mid,
                    "member.first_name": first,
                    "member.last_name": last,
                    "member.birth_date": born,
                    "labs.collected_on": received[:10],
                },
            )
        )
    h1 = store.requests.by_reference("H-1").id
    h2 = store.requests.by_reference("H-2").id
    store.determinations.add(approval(store, h1, nurse.id, number="AUTH-H1"))
    store.determinations.add(denial(store, h2, physician.id))
    return store


def refs(store: Store, query: HistoryQuery) -> list[str]:
    return [r.reference for r in store.history.search(query).rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ibanez", ["H-4", "H-2", "H-1"]),
        ("IBÁÑEZ", ["H-4", "H-2", "H-1"]),
        ("dolores ibanez", ["H-4", "H-1"]),
        ("ibá", ["H-4", "H-2", "H-1"]),  # word prefixes
        ("olstad", ["H-3"]),
        ("zoe", ["H-3"]),
        ("M-100", ["H-4", "H-1"]),  # member ID
        ("H-3", ["H-3"]),  # reference
        ("h-3", ["H-3"]),
        ("1955-12-31", ["H-3"]),  # birth date
        ("o'brien", ["H-5"]),
    ],
)
def test_free_text_finds_names_ids_references_and_birth_dates(
    people: Store, text: str, expected: list[str]
) -> None:
    assert refs(people, HistoryQuery(text=text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE requests;--",
        '" OR 1=1 --',
        "%",
        "_",
        "%%",
        "*",
        "NEAR(a b)",
        "ibanez' OR '1'='1",
    ],
)
def test_sql_and_pattern_looking_text_is_only_data(people: Store, text: str) -> None:
    found = refs(people, HistoryQuery(text=text))
    assert len(found) < len(PEOPLE)
    assert people.conn.execute("SELECT count(*) FROM requests").fetchone()[0] == len(PEOPLE)
    assert refs(people, HistoryQuery(member_id=text)) == []


def test_percent_and_underscore_match_only_themselves(people: Store) -> None:
    assert refs(people, HistoryQuery(text="brien_%")) == ["H-5"]
    assert refs(people, HistoryQuery(reference="H-_")) == []
    assert refs(people, HistoryQuery(text="H-%")) == []


def test_filters(people: Store, nurse: User, physician: User) -> None:
    assert refs(people, HistoryQuery(member_id="M-100")) == ["H-4", "H-1"]
    assert refs(people, HistoryQuery(birth_date=date(1970, 3, 1))) == ["H-2"]
    assert refs(people, HistoryQuery(reference="H-2")) == ["H-2"]
    assert refs(people, HistoryQuery(decision=DecisionCode.APPROVED)) == ["H-1"]
    assert refs(people, HistoryQuery(decision=DecisionCode.DENIED)) == ["H-2"]
    assert refs(people, HistoryQuery(reviewer_id=nurse.id)) == ["H-1"]
    assert refs(people, HistoryQuery(reviewer_id=physician.id, text="ibanez")) == ["H-2"]
    assert refs(people, HistoryQuery(policy="ING-CC-0090")) == ["H-2", "H-1"]
    assert refs(people, HistoryQuery(policy="ING-CC-0090@1999-01-01")) == []
    assert refs(people, HistoryQuery(policy="BCBST-IXEMPRA")) == []
    assert refs(people, HistoryQuery(member_id="M-100", decision=DecisionCode.APPROVED)) == ["H-1"]


def test_date_range_uses_the_requests_own_calendar_date(people: Store) -> None:
    # H-3 arrived 2026-03-05 23:30 at -06:00, which is already 03-06 in UTC.
    q = HistoryQuery(received_from=date(2026, 3, 5), received_to=date(2026, 3, 5))
    assert refs(people, q) == ["H-3"]
    # H-4 arrived 2026-04-05 09:00 at +09:00, which is still 04-05 (00:00) in UTC.
    assert refs(people, HistoryQuery(received_from=date(2026, 4, 5))) == ["H-5", "H-4"]
    assert refs(people, HistoryQuery(received_to=date(2026, 2, 5))) == ["H-2", "H-1"]
    with_text = HistoryQuery(text="ibanez", received_from=date(2026, 2, 1))
    assert refs(people, with_text) == ["H-4", "H-2"]
    assert refs(people, replace(with_text, received_to=date(2026, 3, 31))) == ["H-2"]


def test_rows_carry_the_current_decision(people: Store, physician: User) -> None:
    h1 = people.requests.by_reference("H-1").id
    first = people.determinations.current(h1)
    assert first is not None
    people.determinations.add(
        denial(people, h1, physician.id, supersedes_id=first.id, correction_reason="Labs wrong")
    )
    [row] = people.history.search(HistoryQuery(reference="H-1")).rows
    assert row.decision == "A3" and row.decision_word == "denied" and row.decider == "drphys"
    assert refs(people, HistoryQuery(decision=DecisionCode.APPROVED)) == []
    assert refs(people, HistoryQuery(decision=DecisionCode.DENIED)) == ["H-2", "H-1"]


@pytest.mark.parametrize(("decided", "text"), [(False, None), (True, None), (False, "ibanez")])
def test_keyset_pages_are_complete_and_newest_first(
    store: Store, nurse: User, decided: bool, text: str | None
) -> None:
    # Equal received times on purpose: the id breaks the tie.
    for i in range(23):
        result = store.import_case(
            case_text(
                reference=f"P-{i:02d}",
                received_at=f"2026-0{1 + i % 3}-10T08:00:00+00:00",
                **{"member.id": f"PM-{i}", "labs.collected_on": "2026-01-01"},
            )
        )
        if decided:
            store.determinations.add(approval(store, result.request_id, nurse.id, number=f"A{i}"))
    query = HistoryQuery(decision=DecisionCode.APPROVED) if decided else HistoryQuery(text=text)
    seen: list[str] = []
    page = store.history.search(query, limit=5)
    pages = 1
    seen += [r.reference for r in page.rows]
    while page.next_cursor:
        page = store.history.search(query, limit=5, after=page.next_cursor)
        seen += [r.reference for r in page.rows]
        pages += 1
    assert pages == 5 and len(seen) == 23 and len(set(seen)) == 23
    everything = store.history.search(query, limit=100).rows
    assert seen == [r.reference for r in everything]
    keys = [(r.received_at, r.request_id) for r in everything]
    assert keys == sorted(keys, reverse=True)
    assert [r.reference for r in store.history.page(query, 2, limit=5).rows] == seen[5:10]
    assert store.history.page(query, 9, limit=5).rows == []


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (HistoryQuery(member_id="M-100"), "requests_member"),
        (HistoryQuery(reviewer_id=1), "determinations_decider"),
        (HistoryQuery(decision=DecisionCode.DENIED), "determinations_decision"),
        (HistoryQuery(text="ibanez"), "requests_fts"),
        (HistoryQuery(text="ibanez"), "requests_order"),
        (HistoryQuery(text="ibanez", decision=DecisionCode.DENIED), "requests_fts"),
        (HistoryQuery(), "requests_received"),
    ],
)
def test_searches_are_driven_by_an_index(people: Store, query: HistoryQuery, index: str) -> None:
    plan = " | ".join(people.history.explain(query))
    assert index in plan
    assert "SCAN r " not in plan.replace("SCAN r USING INDEX", "")
