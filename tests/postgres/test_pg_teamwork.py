"""Working side by side on the team server: claims, take-over, the next case, other desks'
changes arriving by LISTEN/NOTIFY, and one decision making exactly one determination
however many desks try at once (separate processes)."""

from __future__ import annotations

import json
import multiprocessing
import queue
from datetime import UTC, datetime, timedelta

import pytest
from workflow_helpers import FAST, PASSWORDS, REFERENCE, case_data

from ixreview.store import open_store
from ixreview.workflow import accounts, operations, teamwork
from ixreview.workflow.errors import Conflict, InvalidInput, WorkflowError


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 10, 42, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _import(url: str, reference: str = REFERENCE, **changes: object) -> None:
    with open_store(url) as store:
        data = case_data(reference=reference, **changes)
        store.import_case(json.dumps(data), policy="ING-CC-0090")


def test_a_claimed_request_names_its_reviewer_and_is_taken_over_with_a_reason(
    team_url: str,
) -> None:
    _import(team_url)
    clock = Clock()
    with open_store(team_url, clock=clock) as nina_desk, open_store(team_url, clock=clock) as pat:
        nina = accounts.sign_in(nina_desk, "nina", PASSWORDS["nina"], security=FAST)
        drpat = accounts.sign_in(pat, "drpat", PASSWORDS["drpat"], security=FAST)
        claim = teamwork.claim(nina_desk, nina, REFERENCE)
        assert claim is not None and claim.describe() == "in review by Nina Nurse, RN since 10:42"
        clock.now += timedelta(minutes=2)
        assert teamwork.claim(nina_desk, nina, REFERENCE) is not None  # renewing keeps "since"
        with pytest.raises(Conflict, match="in review by Nina Nurse, RN since 10:42"):
            teamwork.claim(pat, drpat, REFERENCE)
        with pytest.raises(InvalidInput):
            teamwork.take_over(pat, drpat, REFERENCE, "  ")
        taken = teamwork.take_over(pat, drpat, REFERENCE, "Nina is out sick")
        assert taken is not None and taken.holder == "Pat Physician, MD"
        entry = pat.audit.entries()[-1]
        assert entry.action == "taken_over" and entry.actor_id == drpat.user_id
        assert entry.details["reason"] == "Nina is out sick"
        clock.now += timedelta(minutes=6)  # the lease ran out: anyone may open it
        assert teamwork.claim(nina_desk, nina, REFERENCE) is not None


def test_a_referral_hands_the_request_on_to_the_physician(team_url: str) -> None:
    """The relay: the nurse's claim ends with her referral (in its transaction), so the
    physician opens the request for work, not read-only under the nurse's name."""
    _import(team_url, **{"labs.anc_per_mm3": 1000})
    with open_store(team_url) as nina_desk, open_store(team_url) as pat:
        nina = accounts.sign_in(nina_desk, "nina", PASSWORDS["nina"], security=FAST)
        drpat = accounts.sign_in(pat, "drpat", PASSWORDS["drpat"], security=FAST)
        assert teamwork.claim(nina_desk, nina, REFERENCE) is not None
        with pytest.raises(Conflict):
            teamwork.claim(pat, drpat, REFERENCE)
        revision = nina_desk.view_request(REFERENCE).review.revision
        operations.refer(nina_desk, nina, REFERENCE, "ANC below 1,500", expected_revision=revision)
        assert teamwork.holder(pat, REFERENCE) is None
        claim = teamwork.claim(pat, drpat, REFERENCE)
        assert claim is not None and claim.holder == "Pat Physician, MD"


def _next_case_worker(url: str, username: str, out: multiprocessing.Queue[list[str]]) -> None:
    with open_store(url) as store:
        session = accounts.sign_in(store, username, PASSWORDS[username], security=FAST)
        got: list[str] = []
        while (reference := teamwork.next_case(store, session)) is not None:
            got.append(reference)
        out.put(got)


def test_next_case_hands_each_request_to_one_desk_most_urgent_first(team_url: str) -> None:
    for i in range(12):
        urgency = "expedited" if i % 4 == 0 else "standard"
        _import(team_url, f"Q-{i:02d}", **{"member.id": f"Q{i}", "urgency": urgency})
    with open_store(team_url) as store:
        nina = accounts.sign_in(store, "nina", PASSWORDS["nina"], security=FAST)
        first = teamwork.next_case(store, nina)
        assert first == "Q-00"  # expedited, received first: due soonest
    ctx = multiprocessing.get_context("fork")
    out: multiprocessing.Queue[list[str]] = ctx.Queue()
    workers = [
        ctx.Process(target=_next_case_worker, args=(team_url, name, out))
        for name in ("nina", "drpat", "nina")
    ]
    for w in workers:
        w.start()
    handed = [ref for _ in workers for ref in out.get(timeout=60)]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    # the original example (REFERENCE is not imported here) plus 11 others, each once
    assert sorted(handed) == [f"Q-{i:02d}" for i in range(1, 12)]


def test_other_desks_changes_arrive_through_the_watcher(team_url: str) -> None:
    changes: queue.Queue[teamwork.QueueChange] = queue.Queue()
    with open_store(team_url) as store:
        watcher = teamwork.watch_queue(store, changes.put)
        assert watcher is not None
        try:
            _import(team_url)  # another desk imports
            first = changes.get(timeout=10)
            assert first.table == "requests"
            with open_store(team_url) as other:
                nina = accounts.sign_in(other, "nina", PASSWORDS["nina"], security=FAST)
                teamwork.claim(other, nina, REFERENCE)
            seen = {first.table}
            while "claims" not in seen:
                seen.add(changes.get(timeout=10).table)
            assert first.request_id == store.requests.by_reference(REFERENCE).id
        finally:
            watcher.stop()


def _decide_worker(url: str, username: str, start: object, out: object) -> None:
    with open_store(url) as store:
        session = accounts.sign_in(store, username, PASSWORDS[username], security=FAST)
        start.wait()  # type: ignore[attr-defined]
        try:
            operations.approve(store, session, REFERENCE, PASSWORDS[username], security=FAST)
            out.put("approved")  # type: ignore[attr-defined]
        except WorkflowError as exc:
            out.put(f"refused: {exc}")  # type: ignore[attr-defined]


def test_many_desks_deciding_at_once_make_exactly_one_determination(team_url: str) -> None:
    _import(team_url)
    ctx = multiprocessing.get_context("fork")
    start = ctx.Barrier(6)
    out: multiprocessing.Queue[str] = ctx.Queue()
    workers = [
        ctx.Process(target=_decide_worker, args=(team_url, name, start, out))
        for name in ["nina", "drpat"] * 3
    ]
    for w in workers:
        w.start()
    outcomes = [out.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    assert outcomes.count("approved") == 1, outcomes
    assert all(
        o.startswith("refused: ") and "Traceback" not in o for o in outcomes if o != "approved"
    )
    with open_store(team_url) as store:
        request = store.requests.by_reference(REFERENCE)
        determinations = store.determinations.for_request(request.id)
        assert [d.decision.value for d in determinations] == ["A1"]
        assert len(store.determinations.letters(determinations[0].id)) == 1
        assert store.reviews.for_request(request.id).state.value == "decided"
        assert store.verify_audit_chain().ok


def test_on_a_desk_file_there_is_nobody_to_meet(tmp_path: object) -> None:
    with open_store(tmp_path / "desk.sqlite3") as store:  # type: ignore[operator]
        assert teamwork.watch_queue(store, print) is None
