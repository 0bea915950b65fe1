"""History search: who has been reviewed, when, and how it was decided.

One row per request with its current decision, newest first (by the time the
plan received the request), in pages joined by keyset pagination: the cursor is
the last row's (received_at, id), so page 200 costs what page 1 does.

Two query shapes keep each filter on an index. Without a decision filter the
walk follows `requests` (by member ID, birth date, FTS5 name match or received
time); with a decision, reviewer or policy filter it follows the matching
`determinations` index, which carries a copy of the request's received time so
the order comes straight from the index. Every value is a bound parameter;
name text is reduced to folded words and quoted for FTS5, so search text is
always data, never SQL or FTS syntax.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ixreview.store.folding import search_tokens
from ixreview.store.models import DecisionCode, ReviewState
from ixreview.store.rows import dict_rows

if TYPE_CHECKING:
    from ixreview.store.store import Store

MAX_PAGE = 500
_CURRENT = "NOT EXISTS (SELECT 1 FROM determinations s WHERE s.supersedes_id = d.id)"
_COLUMNS = """
    r.id AS request_id, r.reference, r.received_at, r.received_on, r.urgency,
    r.decision_due_at, r.member_id, r.member_name, r.birth_date, r.plan, r.request_type,
    v.state, d.id AS determination_id, d.decision, d.decided_at, d.decider_id,
    u.username AS decider, d.policy_id, d.policy_version, d.authorization_number,
    d.period_start, d.period_end, d.units
"""


@dataclass(frozen=True)
class HistoryQuery:
    """Filters, all optional and combined with AND."""

    text: str | None = None  # a name, member ID, reference (or its start) or birth date
    member_id: str | None = None
    birth_date: date | None = None
    reference: str | None = None
    received_from: date | None = None  # inclusive, the request's own calendar date
    received_to: date | None = None  # inclusive
    decision: DecisionCode | None = None
    reviewer_id: int | None = None  # who made the current determination
    policy: str | None = None  # "ING-CC-0090" or "ING-CC-0090@2025-06"
    state: ReviewState | None = None

    def used_filters(self) -> list[str]:
        """Names (never values) of the filters in use, for the audit log."""
        return [name for name, value in vars(self).items() if value not in (None, "")]


@dataclass(frozen=True)
class HistoryRow:
    request_id: int
    reference: str
    received_at: str
    received_on: str
    urgency: str | None
    decision_due_at: str
    member_id: str | None
    member_name: str
    birth_date: str | None
    plan: str | None
    request_type: str | None
    state: str
    determination_id: int | None
    decision: str | None
    decided_at: str | None
    decider_id: int | None
    decider: str | None
    policy_id: str | None
    policy_version: str | None
    authorization_number: str | None
    period_start: str | None
    period_end: str | None
    units: int | None

    @property
    def decision_word(self) -> str | None:
        return None if self.decision is None else DecisionCode(self.decision).word


@dataclass(frozen=True)
class HistoryPage:
    rows: list[HistoryRow]
    next_cursor: str | None  # pass as `after` for the next page; None on the last page


def _cursor(row: HistoryRow) -> str:
    return f"{row.received_at}|{row.request_id}"


def _parse_cursor(cursor: str) -> tuple[str, int]:
    received_at, _, rid = cursor.rpartition("|")
    if not received_at or not rid.isdigit():
        raise ValueError("not a history page cursor")
    return received_at, int(rid)


class History:
    def __init__(self, store: Store) -> None:
        self._store = store

    def search(
        self, query: HistoryQuery, *, limit: int = 50, after: str | None = None
    ) -> HistoryPage:
        limit = max(1, min(limit, MAX_PAGE))
        sql, params = _build(query, limit + 1, after)
        rows = [HistoryRow(**r) for r in dict_rows(self._store.conn.execute(sql, params))]
        more = len(rows) > limit
        rows = rows[:limit]
        return HistoryPage(rows, _cursor(rows[-1]) if more and rows else None)

    def page(self, query: HistoryQuery, number: int, *, limit: int = 50) -> HistoryPage:
        """Page `number` (1-based), walking the keyset cursors from the first page."""
        if number < 1:
            raise ValueError("page numbers start at 1")
        page = self.search(query, limit=limit)
        for _ in range(number - 1):
            if page.next_cursor is None:
                return HistoryPage([], None)
            page = self.search(query, limit=limit, after=page.next_cursor)
        return page

    def iter_all(self, query: HistoryQuery, *, batch: int = MAX_PAGE) -> Iterator[HistoryRow]:
        after: str | None = None
        while True:
            page = self.search(query, limit=batch, after=after)
            yield from page.rows
            if page.next_cursor is None:
                return
            after = page.next_cursor

    def explain(self, query: HistoryQuery) -> list[str]:
        """SQLite's query plan, for tests and benchmarks that check index use."""
        sql, params = _build(query, 51, None)
        return [str(r[3]) for r in self._store.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


def _build(query: HistoryQuery, limit: int, after: str | None) -> tuple[str, list[Any]]:
    text = (query.text or "").strip()
    narrow_request = bool(text or query.member_id or query.birth_date or query.reference)
    by_determination = not narrow_request and (
        query.decision is not None or query.reviewer_id is not None or bool(query.policy)
    )
    where: list[str] = []
    params: list[Any] = []
    if text:
        # Only date and cursor filters can be applied before the joins: then the
        # candidates are sorted and cut to one page on a narrow index first.
        presort = not (
            query.member_id
            or query.birth_date
            or query.reference
            or query.state is not None
            or query.decision is not None
            or query.reviewer_id is not None
            or query.policy
        )
        where.append(_text_filter(text, params, query, limit, after, presort))
    if query.member_id:
        where.append("r.member_id = ?")
        params.append(query.member_id.strip())
    if query.birth_date is not None:
        where.append("r.birth_date = ?")
        params.append(query.birth_date.isoformat())
    if query.reference:
        where.append("r.reference = ?")
        params.append(query.reference.strip())
    if query.received_from is not None:
        # The exact test is on the request's own date; the UTC bound (a day wider,
        # to cover every offset) lets the received_at index narrow the walk.
        start = query.received_from
        where.append("r.received_on >= ? AND r.received_at >= ?")
        params += [start.isoformat(), (start - timedelta(days=1)).isoformat()]
    if query.received_to is not None:
        end = query.received_to
        where.append("r.received_on <= ? AND r.received_at < ?")
        params += [end.isoformat(), (end + timedelta(days=2)).isoformat()]
    if query.state is not None:
        where.append("v.state = ?")
        params.append(ReviewState(query.state).value)
    if query.decision is not None:
        where.append("d.decision = ?")
        params.append(DecisionCode(query.decision).value)
    if query.reviewer_id is not None:
        where.append("d.decider_id = ?")
        params.append(query.reviewer_id)
    if query.policy:
        policy_id, _, version = query.policy.strip().partition("@")
        where.append("d.policy_id = ?")
        params.append(policy_id)
        if version:
            where.append("d.policy_version = ?")
            params.append(version)
    if by_determination:
        order = ("d.received_at", "d.request_id")
        source = (
            "determinations d JOIN requests r ON r.id = d.request_id"
            " JOIN reviews v ON v.request_id = r.id"
        )
        where.append(_CURRENT)
    else:
        order = ("r.received_at", "r.id")
        source = (
            "requests r JOIN reviews v ON v.request_id = r.id"
            f" LEFT JOIN determinations d ON d.request_id = r.id AND {_CURRENT}"
        )
    if after is not None:
        received_at, rid = _parse_cursor(after)
        where.append(f"({order[0]}, {order[1]}) < (?, ?)")
        params += [received_at, rid]
    # Free text drives the search from its (few) candidate rows: the unary + keeps
    # SQLite from walking the whole received-time index to avoid a small sort.
    sort = "+" if text else ""
    sql = (
        f"SELECT {_COLUMNS} FROM {source} LEFT JOIN users u ON u.id = d.decider_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {sort}{order[0]} DESC, {sort}{order[1]} DESC LIMIT ?"
    )
    params.append(limit)
    return sql, params


def _text_filter(
    text: str,
    params: list[Any],
    query: HistoryQuery,
    limit: int,
    after: str | None,
    presort: bool,
) -> str:
    """Free text matches a reference (or its start), a member ID, a birth date or a name."""
    candidates = [
        "SELECT id FROM requests WHERE reference IN (?, ?)",
        "SELECT id FROM requests WHERE reference >= ? AND reference < ?",
        "SELECT id FROM requests WHERE member_id = ?",
    ]
    params += [text, text.upper(), text, text + "\U0010ffff", text]
    try:
        born = date.fromisoformat(text)
    except ValueError:
        born = None
    if born is not None:
        candidates.append("SELECT id FROM requests WHERE birth_date = ?")
        params.append(born.isoformat())
    tokens = search_tokens(text)
    if tokens:
        # Each word is quoted (it holds only letters and digits) and matched as a prefix.
        candidates.append("SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?")
        params.append(" ".join(f'"{t}"*' for t in tokens))
    union = " UNION ALL ".join(candidates)
    if not presort:
        return f"r.id IN ({union})"
    inner = [f"c.id IN ({union})"]
    if query.received_from is not None:
        inner.append("c.received_on >= ?")
        params.append(query.received_from.isoformat())
    if query.received_to is not None:
        inner.append("c.received_on <= ?")
        params.append(query.received_to.isoformat())
    if after is not None:
        inner.append("(c.received_at, c.id) < (?, ?)")
        params.extend(_parse_cursor(after))
    params.append(limit)
    return (
        "r.id IN (SELECT c.id FROM requests c INDEXED BY requests_order WHERE "
        + " AND ".join(inner)
        + " ORDER BY c.received_at DESC, c.id DESC LIMIT ?)"
    )
