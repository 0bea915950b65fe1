"""Crash safety and two processes on one database.

Writers run in forked child processes (fork is instant, so hundreds of kills
fit in seconds). Each child reports on a pipe only after a transaction has
committed; whatever it reported must be found, whole, after it is SIGKILLed.
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from store_helpers import case_text, denial

from ixreview.store import (
    Answer,
    AnswerOrigin,
    ConflictError,
    ReviewState,
    Role,
    Store,
    open_store,
)

KILLS = 200


def _fork(work: Callable[[], None]) -> int:
    """Run `work` in a forked child that never returns into pytest."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads
        pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            work()
        except BaseException:
            code = 1
        os._exit(code)
    return pid


def _wait(pid: int) -> int:
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _save_answer(store: Store, review_id: int, actor: int) -> int:
    """Save one answer whose value is the revision the save produces."""
    review = store.reviews.get(review_id)
    review.answers["n"] = Answer(
        review.revision + 1, AnswerOrigin.ENTERED, actor, datetime.now(UTC).isoformat()
    )
    return store.reviews.save(review, actor=actor).revision


def _writer(db: Path, report_fd: int, nurse: int, physician: int) -> None:
    def report(line: str) -> None:
        os.write(report_fd, line.encode() + b"\n")  # < PIPE_BUF: atomic

    store = open_store(db)
    i = 0
    while True:
        i += 1
        ref = f"K-{os.getpid()}-{i}"
        result = store.import_case(case_text(reference=ref, **{"member.id": f"KM-{i % 7}"}))
        report(f"Q {result.request_id}")
        for _ in range(3):
            report(f"R {result.review_id} {_save_answer(store, result.review_id, nurse)}")
        with store.transaction():
            det = store.determinations.add(denial(store, result.request_id, physician))
            store.determinations.add_letter(
                det.id,
                f"%PDF-1.7 letter for {det.id} ".encode() * 50,
                signer_id=physician,
                signed_at=datetime.now(UTC),
            )
            review = store.reviews.get(result.review_id)
            review.state = ReviewState.DECIDED
            review.answers["n"] = Answer(review.revision + 1, AnswerOrigin.ENTERED, physician, "t")
            store.reviews.save(review, actor=physician)
        report(f"D {det.id}")


def _drain(fd: int, buffer: bytearray) -> None:
    try:
        while chunk := os.read(fd, 65536):
            buffer += chunk
    except BlockingIOError:
        pass


def test_kill_9_at_random_moments_loses_nothing_committed(db_path: Path) -> None:
    with open_store(db_path) as store:
        nurse = store.users.create("n", "N", Role.NURSE).id
        physician = store.users.create("p", "P", Role.PHYSICIAN).id
    read_fd, write_fd = os.pipe()
    fcntl.fcntl(read_fd, fcntl.F_SETFL, os.O_NONBLOCK)
    buffer = bytearray()
    rng = random.Random(20261122)
    try:
        for _ in range(KILLS):
            pid = _fork(lambda: _writer(db_path, write_fd, nurse, physician))
            # Kill it wherever it is (often mid-transaction): after a random number of
            # its reports and a random moment more. Its progress decides, not the clock,
            # so a loaded machine tests as much as an idle one.
            _drain_until_lines(read_fd, buffer, _lines(buffer) + rng.randint(0, 12))
            _drain_until(read_fd, buffer, rng.uniform(0.0, 0.03))
            os.kill(pid, signal.SIGKILL)
            assert _wait(pid) == -signal.SIGKILL
            _drain(read_fd, buffer)
    finally:
        os.close(write_fd)
    _drain(read_fd, buffer)
    os.close(read_fd)

    lines = [line.split() for line in buffer.decode().splitlines()]
    reported_requests = {int(x[1]) for x in lines if x[0] == "Q"}
    reported_dets = {int(x[1]) for x in lines if x[0] == "D"}
    reported_revisions: dict[int, int] = {}
    for x in lines:
        if x[0] == "R":
            reported_revisions[int(x[1])] = max(reported_revisions.get(int(x[1]), 0), int(x[2]))
    assert len(reported_dets) > 20, "the writers hardly got anything done; the test proves little"

    with open_store(db_path) as store:
        assert store.integrity_check() == ["ok"]
        chain = store.verify_audit_chain()
        assert chain.ok, chain.reason
        conn = store.conn
        request_ids = {r[0] for r in conn.execute("SELECT id FROM requests")}
        assert reported_requests <= request_ids
        # Every request has its review: the import was all or nothing.
        assert conn.execute("SELECT count(*) FROM reviews").fetchone()[0] == len(request_ids)
        # Every review is as of one whole save: its revision and its answer agree.
        for review_id, revision in conn.execute("SELECT id, revision FROM reviews"):
            review = store.reviews.get(review_id)
            if revision == 1:
                assert review.answers == {}
            else:
                assert review.answers["n"].value == revision
            assert revision >= reported_revisions.get(review_id, 1)
        # Every determination is whole: evaluation, letter and decided review together.
        det_ids = {r[0] for r in conn.execute("SELECT id FROM determinations")}
        assert reported_dets <= det_ids
        for det_id in det_ids:
            det = store.determinations.get(det_id)
            assert det.evaluation().policy.id == "ING-CC-0090"
            [letter] = store.determinations.letters(det_id)
            assert letter.pdf.startswith(b"%PDF") and len(letter.pdf) > 1000
            assert store.reviews.get(det.review_id).state == ReviewState.DECIDED
        audited = {int(e.object_id or 0) for e in store.audit.entries() if e.action == "decided"}
        assert audited == det_ids


def _lines(buffer: bytearray) -> int:
    return buffer.count(b"\n")


def _drain_until_lines(fd: int, buffer: bytearray, lines: int, limit_s: float = 30.0) -> None:
    """Read the writers' reports until `lines` have arrived (or `limit_s` passed)."""
    import select
    import time

    end = time.monotonic() + limit_s
    while _lines(buffer) < lines and time.monotonic() < end:
        select.select([fd], [], [], 0.05)
        _drain(fd, buffer)


def _drain_until(fd: int, buffer: bytearray, seconds: float) -> None:
    import select

    select.select([], [], [], seconds)
    _drain(fd, buffer)


def test_second_window_with_a_stale_revision_gets_a_conflict(db_path: Path) -> None:
    with open_store(db_path) as store:
        nurse = store.users.create("n", "N", Role.NURSE).id
        review_id = store.import_case(case_text()).review_id
        stale = store.reviews.get(review_id)

    def other_window() -> None:
        with open_store(db_path) as mine:
            review = mine.reviews.get(review_id)
            review.comment = "saved by the other window"
            mine.reviews.save(review, actor=nurse)

    assert _wait(_fork(other_window)) == 0
    with open_store(db_path) as store:
        stale.comment = "would overwrite"
        try:
            store.reviews.save(stale, expected_revision=1, actor=nurse)
        except ConflictError as exc:
            assert "saved by another window or user" in str(exc)
            assert "Reload the review" in str(exc)
        else:
            raise AssertionError("the stale save was accepted")
        assert store.reviews.get(review_id).comment == "saved by the other window"


def test_two_processes_saving_one_review_never_lose_an_update(db_path: Path) -> None:
    with open_store(db_path) as store:
        nurse = store.users.create("n", "N", Role.NURSE).id
        review_id = store.import_case(case_text()).review_id
    read_fd, write_fd = os.pipe()

    def window() -> None:
        with open_store(db_path) as mine:
            saved = 0
            for _ in range(40):
                try:
                    _save_answer(mine, review_id, nurse)
                    saved += 1
                except ConflictError:
                    pass  # the GUI reloads; the other window's save stands
            os.write(write_fd, f"{saved}\n".encode())

    pids = [_fork(window), _fork(window)]
    assert [_wait(p) for p in pids] == [0, 0]
    os.close(write_fd)
    counts = [int(x) for x in os.read(read_fd, 100).split()]
    os.close(read_fd)
    with open_store(db_path) as store:
        review = store.reviews.get(review_id)
        assert review.revision == 1 + sum(counts)  # every accepted save is counted once
        assert review.answers["n"].value == review.revision
        assert store.integrity_check() == ["ok"]
        assert store.verify_audit_chain().ok
        saves = [e for e in store.audit.entries(object_type="review", object_id=review_id)]
        assert len(saves) == sum(counts)
