"""Connecting to the team server never waits on an unanswering host for as long as TCP
does (the desk's sign-in window would freeze): ten seconds, unless the URL says."""

from __future__ import annotations

from ixreview.store.postgres.connection import CONNECT_SECONDS, connect


def _timeout(url: str) -> str:
    conn = connect(url)
    try:
        params = dict(part.split("=", 1) for part in conn.info.dsn.split())
    finally:
        conn.close()
    return params.get("connect_timeout", "")


def test_a_connection_gives_up_after_ten_seconds_unless_the_url_says(pg_url: str) -> None:
    assert CONNECT_SECONDS == 10
    assert _timeout(pg_url) == "10"
    joiner = "&" if "?" in pg_url else "?"
    assert _timeout(f"{pg_url}{joiner}connect_timeout=3") == "3"
