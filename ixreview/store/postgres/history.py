"""History search on the team server: the desk's queries, PostgreSQL's indexes.

Same filters, order, keyset cursor and rows as store/history.py. A name matches
when every search word is the start of one of its words, as FTS5's prefix query
does on the desk: `request_words` holds the words of the same folded name (a
B-tree, so each word is a range scan). Search text is bound as data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from ixreview.store.folding import search_tokens
from ixreview.store.history import (
    MAX_PAGE,
    History,
    HistoryPage,
    HistoryQuery,
    HistoryRow,
    _cursor,
    _parse_cursor,
)
from ixreview.store.history import _build as desk_build
from ixreview.store.postgres.connection import _placeholders

if TYPE_CHECKING:
    from ixreview.store.postgres.store import PostgresStore

_LAST = "\U0010ffff"  # above every character: "abc" <= x < "abc" + _LAST is "starts with abc"


class PgHistory(History):
    def __init__(self, store: PostgresStore) -> None:
        self._pg = store

    def search(
        self, query: HistoryQuery, *, limit: int = 50, after: str | None = None
    ) -> HistoryPage:
        limit = max(1, min(limit, MAX_PAGE))
        sql, params = build(query, limit + 1, after)
        # Prepared on first use: planning the joins took longer than running them.
        cursor = self._pg.raw.execute(sql, params, prepare=True)
        names = [c.name for c in cursor.description or []]
        rows = [HistoryRow(**dict(zip(names, r, strict=True))) for r in cursor]
        more = len(rows) > limit
        rows = rows[:limit]
        return HistoryPage(rows, _cursor(rows[-1]) if more and rows else None)

    def explain(self, query: HistoryQuery) -> list[str]:
        """PostgreSQL's plan, for tests and benchmarks that check index use."""
        sql, params = build(query, 51, None)
        return [str(r[0]) for r in self._pg.raw.execute("EXPLAIN " + sql, params)]


def _text_filter(text: str) -> tuple[str, list[Any]]:
    """Free text matches a reference (or its start), a member ID, a birth date or a name
    (every word a prefix of one of its words); one branch per index, UNION ALL."""
    branches = [
        "SELECT id FROM ixreview.requests WHERE reference IN (%s, %s)",
        "SELECT id FROM ixreview.requests WHERE reference >= %s AND reference < %s",
        "SELECT id FROM ixreview.requests WHERE member_id = %s",
    ]
    params: list[Any] = [text, text.upper(), text, text + _LAST, text]
    try:
        born = date.fromisoformat(text)
    except ValueError:
        born = None
    if born is not None:
        branches.append("SELECT id FROM ixreview.requests WHERE birth_date = %s")
        params.append(born.isoformat())
    tokens = search_tokens(text)
    if tokens:
        # The longest word (the rarest, as a rule) walks the index; the others are
        # checked on those few rows, so "ana garcia" never reads every Ana.
        first, *others = sorted(tokens, key=len, reverse=True)
        branches.append(
            "SELECT w.request_id FROM ixreview.request_words w"
            " JOIN ixreview.requests q ON q.id = w.request_id"
            " WHERE w.word >= %s AND w.word < %s" + " AND q.name_words LIKE %s" * len(others)
        )
        params += [first, first + _LAST, *(f"% {t}%" for t in others)]
    return " UNION ALL ".join(f"({b})" for b in branches), params


def _presorted(
    union: str, params: list[Any], query: HistoryQuery, limit: int, after: str | None
) -> tuple[str, list[Any]]:
    """The candidates sorted and cut to one page on the requests alone, before the
    joins (as the desk does): a common surname's hundreds of rows are joined to
    their reviews and determinations only for the page shown."""
    inner = [f"c.id IN ({union})"]
    for condition, day in (
        ("c.received_on >= %s", query.received_from),
        ("c.received_on <= %s", query.received_to),
    ):
        if day is not None:
            inner.append(condition)
            params.append(day.isoformat())
    if after is not None:
        inner.append("(c.received_at, c.id) < (%s, %s)")
        params.extend(_parse_cursor(after))
    params.append(limit)
    where = " AND ".join(inner)
    order = "c.received_at DESC, c.id DESC"
    return (
        f"r.id IN (SELECT c.id FROM ixreview.requests c WHERE {where} ORDER BY {order} LIMIT %s)",
        params,
    )


# Filters on the joined rows (or narrower than the text): then the page is cut after the joins.
_JOINED = ("member_id", "birth_date", "reference", "state", "decision", "reviewer_id", "policy")


def _presort(query: HistoryQuery) -> bool:
    """Only date and cursor filters (besides the text) may be applied before the joins."""
    return all(getattr(query, name) in (None, "") for name in _JOINED)


def build(query: HistoryQuery, limit: int, after: str | None) -> tuple[str, list[Any]]:
    """The desk's query without its FTS5 text filter, plus the server's name filter.

    Without text the desk walks `determinations` when a decision, reviewer or
    policy filter is set; that walk returns the same rows in the same order
    (determinations carry the request's received time and id), so the text
    filter simply joins its conditions.
    """
    text = (query.text or "").strip()
    sql, params = desk_build(replace(query, text=None), limit, after)
    sql = _placeholders(sql)
    if text:
        head, order = sql.rsplit(" ORDER BY ", 1)
        union, text_params = _text_filter(text)
        if _presort(query):
            condition, text_params = _presorted(union, text_params, query, limit, after)
        else:
            condition = f"r.id IN ({union})"
        # The outer WHERE (if any) follows the last join, the users one.
        outer = head.rsplit("u.id = d.decider_id", 1)[1]
        joiner = " AND " if outer.startswith(" WHERE ") else " WHERE "
        sql = f"{head}{joiner}{condition} ORDER BY {order}"
        params = params[:-1] + text_params + params[-1:]  # the limit stays last
    return sql, params
