"""The team server's schema: each migration from the previous version keeps the record; a
newer server is refused; history search gives the desk's answers, from an index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import pytest
from pg_server import PgServer
from store_helpers import FixedClock, approval, case_text, denial

from ixreview.store import DecisionCode, HistoryQuery, Role, SchemaTooNewError, Store, open_store
from ixreview.store.postgres import PostgresStore
from ixreview.store.postgres.connection import connect
from ixreview.store.postgres.schema import SCHEMA_VERSION, migrate, schema_version


@pytest.mark.parametrize("previous", range(1, SCHEMA_VERSION))
def test_each_version_migrates_to_the_current_schema_and_keeps_its_records(
    pg: PgServer, previous: int
) -> None:
    url = pg.url(pg.create_database())
    conn = connect(url)
    assert migrate(conn, target=previous) == 0 and schema_version(conn) == previous
    conn.close()
    store = PostgresStore(connect(url), url)  # as a program of that version left it
    nurse = store.users.create("nina", "Nina Patel", Role.NURSE, credentials="RN")
    rid = store.import_case(case_text()).request_id
    store.determinations.add(approval(store, rid, nurse.id))  # type: ignore[arg-type]
    store.close()
    with open_store(url) as store:  # opening migrates the rest (the owner may)
        assert store.schema_version == SCHEMA_VERSION
        assert store.determinations.current(rid) is not None
        assert store.verify_audit_chain().ok
        assert store.history.search(HistoryQuery(text="ibanez")).rows[0].decision == "A1"
        assert store.history.search(HistoryQuery(text="dolores ib")).rows[0].request_id == rid


def test_a_server_from_a_newer_program_is_refused(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("UPDATE ixreview.schema_meta SET version = %s", (SCHEMA_VERSION + 1,))
    with pytest.raises(SchemaTooNewError, match="never downgraded"):
        open_store(pg_url)


NAMES = [
    ("Dolores", "Ibáñez"), ("José", "IBANEZ"), ("Zoë", "Ølstad"), ("Ann", "O'Brien"),
    ("Łukasz", "Wałęsa-Nowak"), ("Ngọc", "Nguyễn"), ("Anne-Marie", "de la Cruz"),
    ("Søren", "Kierkegaard"), ("Émile", "Zola"), ("Ana", "Ibañez Garcia"),
]  # fmt: skip
QUERIES = [
    HistoryQuery(text=t)
    for t in ["ibanez", "IBÁÑEZ", "dolores ibanez", "ibá", "olstad", "zoe", "o'brien", "brien",
              "walesa", "nowak", "lukasz", "nguyen", "ngoc", "cruz", "de la", "anne marie",
              "soren", "emile zola", "ana", "garcia ib", "M-3", "H-7", "h-7", "1960-01-04",
              "%", "_", "' OR 1=1 --", "nobody"]
] + [
    HistoryQuery(decision=DecisionCode.APPROVED),
    HistoryQuery(decision=DecisionCode.DENIED, text="ibanez"),
    HistoryQuery(reviewer_id=1),
    HistoryQuery(policy="ING-CC-0090"),
    HistoryQuery(received_from=date(2026, 3, 1), received_to=date(2026, 6, 30)),
    HistoryQuery(member_id="M-2", text="ibanez"),
    HistoryQuery(birth_date=date(1960, 1, 2)),
    # text with dates and the cursor: sorted and cut to a page before the joins
    HistoryQuery(text="an", received_from=date(2026, 2, 1), received_to=date(2026, 10, 31)),
    HistoryQuery(text="ib", received_to=date(2026, 5, 31)),
    HistoryQuery(text="o", received_from=date(2026, 3, 6)),
]  # fmt: skip


def _fill(store: Store) -> None:
    nurse = store.users.create("nurse1", "Nora Nurse", Role.NURSE, credentials="RN")
    doctor = store.users.create("drphys", "Paul Physician", Role.PHYSICIAN, credentials="MD")
    for i, (first, last) in enumerate(NAMES):
        rid = store.import_case(
            case_text(
                reference=f"H-{i}", received_at=f"2026-{i + 1:02d}-05T09:00:00-06:00",
                **{"member.id": f"M-{i % 4}", "member.first_name": first,
                   "member.last_name": last, "member.birth_date": f"1960-01-{i + 1:02d}",
                   "labs.collected_on": f"2026-{i + 1:02d}-05"},
            )
        ).request_id  # fmt: skip
        if i % 3 == 0:
            store.determinations.add(approval(store, rid, nurse.id, number=f"AUTH-{i}"))
        elif i % 3 == 1:
            store.determinations.add(denial(store, rid, doctor.id))


def test_the_same_searches_give_the_same_answers_on_both_backends(
    pg_url: str, tmp_path: Path
) -> None:
    clock = FixedClock()
    with (
        open_store(tmp_path / "desk.sqlite3", clock=clock) as desk,
        open_store(pg_url, clock=clock) as server,
    ):
        _fill(desk)
        _fill(server)
        for query in QUERIES:
            for limit in (3, 50):
                desk_pages = [desk.history.page(query, n, limit=limit) for n in (1, 2)]
                server_pages = [server.history.page(query, n, limit=limit) for n in (1, 2)]
                assert server_pages == desk_pages, query
        assert [r.reference for r in server.history.search(QUERIES[0]).rows] == [
            "H-9",
            "H-1",
            "H-0",
        ]


def test_name_search_is_served_by_the_word_index(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        _fill(store)
        store.raw.execute("SET enable_seqscan = off")  # a tiny table: make the choice visible
        plan = " ".join(store.history.explain(HistoryQuery(text="ibanez")))
        assert "request_words_pkey" in plan
