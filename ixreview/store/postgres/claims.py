"""Who has a request open, and handing out the next case.

Opening a request claims it: a lease (default 5 minutes) the desk renews while
the review stays open. Another desk sees who holds it and since when, opens it
read-only, or takes it over with a reason (audited). `next_case` hands out the
most urgent open request nobody holds, with SELECT ... FOR UPDATE SKIP LOCKED,
so two desks asking at once never get the same one. Times are the store clock's
(fixed-shape UTC text), so a test clock drives leases as it drives due times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ixreview.store.clock import utc_iso
from ixreview.store.errors import ConflictError, InvalidRecordError

if TYPE_CHECKING:
    from ixreview.store.postgres.store import PostgresStore

LEASE = timedelta(minutes=5)
# Queue order: the earliest decision due first (expedited requests fall due soonest).
_OPEN = "('draft', 'referred')"


@dataclass(frozen=True)
class Claim:
    request_id: int
    user_id: int
    full_name: str
    credentials: str
    claimed_at: str
    expires_at: str

    @property
    def holder(self) -> str:
        """'Nina Patel, RN': the reviewer's name as it appears on letters."""
        return f"{self.full_name}, {self.credentials}" if self.credentials else self.full_name

    def since(self) -> str:
        """'10:42' (UTC, as stored)."""
        return datetime.fromisoformat(self.claimed_at).strftime("%H:%M")

    def describe(self) -> str:
        return f"in review by {self.holder} since {self.since()}"


_SELECT = (
    "SELECT c.request_id, c.user_id, u.full_name, u.credentials, c.claimed_at, c.expires_at"
    " FROM ixreview.claims c JOIN ixreview.users u ON u.id = c.user_id"
)


class Claims:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def holder(self, request_id: int) -> Claim | None:
        """The live claim on the request, if any (an expired lease is nobody's)."""
        row = self._store.raw.execute(
            _SELECT + " WHERE c.request_id = %s AND c.expires_at > %s",
            (request_id, utc_iso(self._store.now())),
        ).fetchone()
        return None if row is None else Claim(*row)

    def claim(self, request_id: int, user_id: int, *, lease: timedelta = LEASE) -> Claim:
        """Claim (or renew) the request for `user_id`; ConflictError names the holder."""
        store = self._store
        now = store.now()
        with store.transaction():
            held = store.raw.execute(
                "INSERT INTO ixreview.claims AS c (request_id, user_id, claimed_at, expires_at)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (request_id) DO UPDATE SET"
                " user_id = excluded.user_id,"
                " claimed_at = CASE WHEN c.user_id = excluded.user_id AND c.expires_at > %s"
                " THEN c.claimed_at ELSE excluded.claimed_at END,"
                " expires_at = excluded.expires_at"
                " WHERE c.user_id = excluded.user_id OR c.expires_at <= %s RETURNING c.request_id",
                (
                    request_id,
                    user_id,
                    utc_iso(now),
                    utc_iso(now + lease),
                    utc_iso(now),
                    utc_iso(now),
                ),
            ).fetchone()
            if held is None:
                other = self.holder(request_id)
                raise ConflictError(
                    "this request is "
                    + (other.describe() if other else "held by another desk")
                    + "; open it read-only, or take it over with a reason"
                )
        claim = self.holder(request_id)
        assert claim is not None
        return claim

    def take_over(
        self, request_id: int, user_id: int, reason: str, *, lease: timedelta = LEASE
    ) -> Claim:
        """Take the request from whoever holds it; the reason goes on record."""
        if not reason.strip():
            raise InvalidRecordError("reason: say why you take over this review")
        store = self._store
        now = store.now()
        with store.transaction():
            before = self.holder(request_id)
            store.raw.execute(
                "INSERT INTO ixreview.claims (request_id, user_id, claimed_at, expires_at)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (request_id) DO UPDATE SET"
                " user_id = excluded.user_id, claimed_at = excluded.claimed_at,"
                " expires_at = excluded.expires_at",
                (request_id, user_id, utc_iso(now), utc_iso(now + lease)),
            )
            store.audit.append(
                "taken_over",
                "request",
                request_id,
                actor=user_id,
                details={
                    "from_user": None if before is None else before.user_id,
                    "reason": reason.strip(),
                },
            )
        claim = self.holder(request_id)
        assert claim is not None
        return claim

    def release(self, request_id: int, user_id: int) -> None:
        with self._store.transaction():
            self._store.raw.execute(
                "DELETE FROM ixreview.claims WHERE request_id = %s AND user_id = %s",
                (request_id, user_id),
            )

    def next_case(self, user_id: int, *, lease: timedelta = LEASE) -> int | None:
        """Claim and return the most urgent open request nobody holds (None: queue empty).

        Not under the store's write lock: SKIP LOCKED is what keeps two desks apart,
        so handing out cases never waits for another desk's decision to commit.
        """
        store = self._store
        now = utc_iso(store.now())
        passed: list[int] = []  # claimed by another desk after our snapshot was taken
        while True:
            with store.raw.transaction():
                row = store.raw.execute(
                    "SELECT r.id FROM ixreview.requests r"
                    " JOIN ixreview.reviews v ON v.request_id = r.id"
                    f" WHERE v.state IN {_OPEN} AND NOT EXISTS (SELECT 1 FROM ixreview.claims c"
                    "  WHERE c.request_id = r.id AND c.expires_at > %s)"
                    " AND r.id <> ALL(%s::bigint[])"
                    " ORDER BY r.decision_due_at, r.id LIMIT 1 FOR UPDATE OF r SKIP LOCKED",
                    (now, passed),
                ).fetchone()
                if row is None:
                    return None
                request_id = int(row[0])
                # The row lock is free once another desk's claim commits, but this
                # statement's snapshot predates that claim: the insert sees the live row.
                taken = store.raw.execute(
                    "INSERT INTO ixreview.claims AS c (request_id, user_id, claimed_at, expires_at)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT (request_id) DO UPDATE SET"
                    " user_id = excluded.user_id, claimed_at = excluded.claimed_at,"
                    " expires_at = excluded.expires_at WHERE c.expires_at <= %s",
                    (request_id, user_id, now, utc_iso(store.now() + lease), now),
                ).rowcount
            if taken:
                return request_id
            passed.append(request_id)
