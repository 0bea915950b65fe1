"""The case store on a PostgreSQL team server (psycopg 3).

`open_pg_store(url)` gives a `PostgresStore` with the desk store's surface (see
store/interface.py); `server init` (schema.py + roles.py) prepares a database;
docs/team-server.md describes a deployment. Imported only when a
postgresql:// URL is used, so a desk never loads psycopg.
"""

from __future__ import annotations

from ixreview.store.postgres.connection import is_server_url, redact
from ixreview.store.postgres.store import PostgresStore, open_pg_store

__all__ = ["PostgresStore", "is_server_url", "open_pg_store", "redact"]
