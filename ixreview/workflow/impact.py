"""Policy impact replay: what a policy version (the committee's draft first) would
change on the record.

Every request assigned a version of the same policy, received in the period, is
evaluated with the facts as last saved or decided (the request as received plus
the saved answers) under the version it is reviewed under now and under the
version asked for; the report lists each request with both outcomes and the
clauses whose status differs, and counts the changes by kind and by clause.

Read-only and audited: a signed-in, active account; the audit entry names the
policy version, the period and the counts, never a member. Member names are shown
only to reviewers (nurse or physician) who ask for them; administrators see
references. Nothing here decides: a draft still never decides a request.

Large records are evaluated in a process pool over every core (`replay.run_batch`,
the engine's logic without its explanations; a test holds it to the engine's answers).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from multiprocessing import get_context
from typing import Any, NamedTuple

from ixreview.domain.policies import PolicyError, PolicyVersion, default_registry
from ixreview.store import Store, reporting
from ixreview.workflow.accounts import Session, active_user, role_of
from ixreview.workflow.errors import InvalidInput, NotPermitted, WorkflowError
from ixreview.workflow.plan_rules import plan_rules
from ixreview.workflow.replay import Answer, ClauseChange, Job, run_batch, worker_init

BATCH = 1000  # rows a pool worker evaluates at a time
# Rows read per query (split into batches for the pool): fewer queries leave more of
# the two cores to the pool. Each page walks the id index from the last one read
# (store/reporting.replay_rows), so its cost follows its own rows, not the period.
PAGE = 20_000
POOL_FROM = 4000  # smaller records are quicker in process than starting a pool
OUTCOME_WORDS = {
    "meets_criteria": "meets the criteria",
    "does_not_meet_criteria": "does not meet the criteria",
    "needs_information": "needs information",
    None: "cannot be evaluated",
}
STATUS_WORDS = {
    "met": "met",
    "not_met": "not met",
    "unknown": "not documented",
    "not_applicable": "does not apply",
    "absent": "not in this version",
}

Progress = Callable[[int, int], None]


class ReplayCancelled(WorkflowError):
    """The reviewer cancelled the replay before it finished; nothing was reported."""


class Listed(NamedTuple):
    """What the report keeps of a request read (not its case)."""

    reference: str
    received_at: str
    state: str
    policy: str
    member_id: str | None
    member_name: str


@dataclass(frozen=True)
class ImpactRow:
    reference: str
    received_on: str
    state: str
    policy_now: str
    outcome_now: str | None
    outcome_under: str | None
    changed_clauses: tuple[ClauseChange, ...]
    member: str | None = None  # only for a reviewer who asked for members

    @property
    def changed(self) -> bool:
        return self.outcome_now != self.outcome_under

    @property
    def change(self) -> str:
        """The kind of change in words ("meets the criteria → needs information")."""
        if not self.changed:
            return ""
        return f"{OUTCOME_WORDS[self.outcome_now]} → {OUTCOME_WORDS[self.outcome_under]}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "reference": self.reference,
            "received_on": self.received_on,
            "state": self.state,
            "policy_now": self.policy_now,
            "outcome_now": self.outcome_now,
            "outcome_under": self.outcome_under,
            "changed_clauses": [
                {"clause": c, "now": a, "under": b} for c, a, b in self.changed_clauses
            ],
        }
        if self.member is not None:
            out["member"] = self.member
        return out


@dataclass
class ImpactReport:
    policy: str  # ID@VERSION replayed
    title: str
    status: str  # in_force or draft
    start: str | None
    end: str | None
    rows: list[ImpactRow]
    members_shown: bool
    members_affected: int
    clause_numbers: dict[str, str]  # clause id -> number as printed, for words

    @property
    def changed_rows(self) -> list[ImpactRow]:
        return [r for r in self.rows if r.changed]

    @property
    def not_evaluable(self) -> int:
        return sum(1 for r in self.rows if r.outcome_now is None)

    def by_change(self) -> dict[str, int]:
        return dict(Counter(r.change for r in self.changed_rows).most_common())

    def by_clause(self) -> dict[str, int]:
        """Requests whose outcome changes, per clause whose status changes."""
        counts = Counter(c for r in self.changed_rows for c, _a, _b in r.changed_clauses)
        return dict(counts.most_common())

    def matrix(self) -> dict[tuple[str | None, str | None], int]:
        return dict(Counter((r.outcome_now, r.outcome_under) for r in self.rows))

    def to_json(self) -> dict[str, Any]:
        return {
            "policy": self.policy,
            "title": self.title,
            "status": self.status,
            "from": self.start,
            "to": self.end,
            "requests": len(self.rows),
            "changed": len(self.changed_rows),
            "not_evaluable": self.not_evaluable,
            "members_affected": self.members_affected,
            "by_change": self.by_change(),
            "by_clause": self.by_clause(),
            "rows": [r.to_json() for r in self.rows],
        }

    def csv_rows(self, *, changed_only: bool = False) -> list[list[str]]:
        head = ["reference", "received on", "review state", "policy now", "outcome now",
                "outcome under " + self.policy, "change", "changed clauses"]  # fmt: skip
        if self.members_shown:
            head.insert(1, "member")
        out = [head]
        for r in self.changed_rows if changed_only else self.rows:
            clauses = "; ".join(
                f"{self.clause_numbers.get(c, c)}: {STATUS_WORDS[a]} → {STATUS_WORDS[b]}"
                for c, a, b in r.changed_clauses
            )
            row = [r.reference, r.received_on, r.state, r.policy_now,
                   OUTCOME_WORDS[r.outcome_now], OUTCOME_WORDS[r.outcome_under],
                   r.change, clauses]  # fmt: skip
            if self.members_shown:
                row.insert(1, r.member or "")
            out.append(row)
        return out


def resolve_version(policy: str, today: date) -> PolicyVersion:
    """'ID@VERSION' (drafts by name), or 'ID' for the version in force today."""
    try:
        return default_registry().get(policy.strip(), on=today)
    except PolicyError as exc:
        raise InvalidInput("policy", str(exc)) from None


def _period(start: date | None, end: date | None) -> tuple[str, str]:
    if start and end and end < start:
        raise InvalidInput("to", "the end date is before the start date")
    lo = start.isoformat() if start else ""
    hi = (end + timedelta(days=1)).isoformat() if end else "9999"
    return lo, hi


def replay(
    store: Store,
    session: Session,
    policy: str,
    *,
    start: date | None = None,
    end: date | None = None,
    members: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> ImpactReport:
    """Replay every request on record under `policy`; see the module docstring."""
    user = active_user(store, session)
    if not reporting.supported(store):
        raise NotPermitted("the replay reads this desk's case database or the team server")
    if members and not role_of(user).reviews:
        raise NotPermitted("only a nurse or physician reviewer may see the members affected")
    target = resolve_version(policy, store.now().date())
    days = plan_rules(store).lab_max_age_days  # the plan's rule, as every decision takes it
    lo, hi = _period(start, end)
    total = reporting.replay_count(store, target.id, lo, hi)
    rows: dict[int, Listed] = {}
    answers: dict[int, Answer] = {}
    stop = cancelled or (lambda: False)

    def batches() -> Iterator[list[Job]]:
        known: dict[str, bool] = {}
        for page in reporting.replay_rows(store, target.id, lo, hi, batch=PAGE):
            for at in range(0, len(page), BATCH):
                jobs = []
                for r in page[at : at + BATCH]:
                    # Kept for the report without the case texts: memory stays small.
                    rows[r.request_id] = Listed(
                        r.reference, r.received_at, r.state, r.policy, r.member_id, r.member_name
                    )
                    if r.policy not in known:
                        known[r.policy] = _known(r.policy)
                    if known[r.policy]:
                        jobs.append((r.request_id, r.intake_json, r.answers_json, r.policy))
                    else:
                        answers[r.request_id] = (r.request_id, None, None, ())
                yield jobs

    def collect(done: list[Answer]) -> None:
        for a in done:
            answers[a[0]] = a
        if progress:
            progress(len(answers), total)

    count = workers if workers is not None else (os.cpu_count() or 1)
    if total < POOL_FROM or count <= 1:
        for jobs in batches():
            if stop():
                _audit(store, user.id, target, lo, hi, None)
                raise ReplayCancelled("the replay was cancelled")
            collect(run_batch(jobs, target.key, days))
    else:
        _pooled(batches(), (target.key, days), count, collect, stop)
        if stop():
            _audit(store, user.id, target, lo, hi, None)
            raise ReplayCancelled("the replay was cancelled")
    report = _report(target, start, end, rows, answers, members)
    _audit(store, user.id, target, lo, hi, report)
    return report


def _known(key: str) -> bool:
    try:
        default_registry().get(key)
    except PolicyError:
        return False
    return True


def _pooled(
    batches: Iterator[list[Job]],
    key_and_days: tuple[str, int],
    count: int,
    collect: Callable[[list[Answer]], None],
    stop: Callable[[], bool],
) -> None:
    # spawn, never fork: the GUI process has threads (Qt), which fork would copy half-made.
    with ProcessPoolExecutor(
        max_workers=count, mp_context=get_context("spawn"), initializer=worker_init
    ) as pool:
        # Every worker starts (imports the engine) while the first rows are read.
        for _ in range(count):
            pool.submit(int)
        pending: list[Future[list[Answer]]] = []
        for jobs in batches:
            if stop():
                pool.shutdown(cancel_futures=True)
                return
            pending.append(pool.submit(run_batch, jobs, *key_and_days))
            while len(pending) >= count * 3:  # a few batches in flight: memory stays flat
                collect(pending.pop(0).result())
        for f in pending:
            if stop():
                pool.shutdown(cancel_futures=True)
                return
            collect(f.result())


def _report(
    target: PolicyVersion,
    start: date | None,
    end: date | None,
    rows: dict[int, Listed],
    answers: dict[int, Answer],
    members: bool,
) -> ImpactReport:
    out = []
    affected = set()
    for rid, r in rows.items():
        _id, now, under, clauses = answers[rid]
        row = ImpactRow(
            reference=r.reference,
            received_on=r.received_at[:10],
            state=r.state,
            policy_now=r.policy,
            outcome_now=now,
            outcome_under=under,
            changed_clauses=clauses,
            member=r.member_name if members else None,
        )
        if row.changed:
            affected.add(r.member_id or r.reference)
        out.append(row)
    return ImpactReport(
        policy=target.key,
        title=target.title,
        status=target.status,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        rows=out,
        members_shown=members,
        members_affected=len(affected),
        clause_numbers={c.id: c.number for c in target.clauses},
    )


def _audit(
    store: Store, actor: int, target: PolicyVersion, lo: str, hi: str, report: ImpactReport | None
) -> None:
    details: dict[str, Any] = {"policy": target.key, "from": lo or None, "to": hi}
    if report is None:
        details["cancelled"] = True
    else:
        details.update(
            requests=len(report.rows),
            changed=len(report.changed_rows),
            members_shown=report.members_shown,
        )
    store.audit.append("viewed", "policy_impact", target.key, actor=actor, details=details)


CHART_OUTCOMES = ("meets_criteria", "does_not_meet_criteria", "needs_information")


def packet(store: Store, session: Session, report: ImpactReport) -> bytes:
    """The committee packet (PDF) of a replay; audited as exported. Members appear
    only when the report shows them (a reviewer asked)."""
    from ixreview.letters.committee import PacketData, PacketRow, render_packet
    from ixreview.workflow.letterdata import LETTERHEAD_SETTING

    user = active_user(store, session)
    head = store.settings.get(LETTERHEAD_SETTING)  # the plan's name, if letters are set up
    matrix = report.matrix()
    now = [sum(n for (a, _b), n in matrix.items() if a == o) for o in CHART_OUTCOMES]
    under = [sum(n for (_a, b), n in matrix.items() if b == o) for o in CHART_OUTCOMES]

    def words(change: ClauseChange) -> str:
        clause, before, after = change
        number = report.clause_numbers.get(clause, clause)
        return f"{number}: {STATUS_WORDS[before]} → {STATUS_WORDS[after]}"

    period = (
        f"received {report.start or 'the first'} to {report.end or 'the last'}"
        if report.start or report.end
        else "every request on record under this policy"
    )
    data = PacketData(
        plan=str(head.get("name", "")) if isinstance(head, dict) else "",
        policy=report.policy,
        title=report.title,
        status=report.status.replace("_", " "),
        period=period,
        prepared_by=f"{user.full_name}, {user.credentials}" if user.credentials else user.full_name,
        prepared_on=store.now().date().isoformat(),
        requests=len(report.rows),
        changed=len(report.changed_rows),
        members_affected=report.members_affected,
        not_evaluable=report.not_evaluable,
        outcomes=[OUTCOME_WORDS[o] for o in CHART_OUTCOMES],
        now_counts=now,
        under_counts=under,
        by_change=list(report.by_change().items()),
        by_clause=[(report.clause_numbers.get(c, c), n) for c, n in report.by_clause().items()],
        rows=[
            PacketRow(
                reference=r.reference,
                received_on=r.received_on,
                outcome_now=OUTCOME_WORDS[r.outcome_now],
                outcome_under=OUTCOME_WORDS[r.outcome_under],
                clauses="; ".join(words(c) for c in r.changed_clauses),
                member=r.member,
            )
            for r in report.changed_rows
        ],
        members_shown=report.members_shown,
    )
    pdf = render_packet(data)
    record_export(store, session, report, "pdf")
    return pdf


def record_export(store: Store, session: Session, report: ImpactReport, fmt: str) -> None:
    """Audit that a replay left the program as a file (PDF or CSV)."""
    user = active_user(store, session)
    store.audit.append(
        "exported",
        "policy_impact",
        report.policy,
        actor=user.id,
        details={"format": fmt, "members_shown": report.members_shown, "rows": len(report.rows)},
    )
