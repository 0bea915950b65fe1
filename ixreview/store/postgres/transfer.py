"""Moving a desk to the team: copy a desk's SQLite record to the team server.

Checked on both sides before and after: the desk's audit chain and every
letter's SHA-256 (the server's CHECK recomputes it again on insert), then the
server's chain. Keeps who did what and when: accounts by username, the
original times and actors, and every desk audit entry appended to the server's
chain with its original time, its desk seq and hash, ids mapped to the
server's; a request received as an HL7 Da Vinci PAS Bundle keeps its Bundle
text and its PAS metrics (first submission, final response, each request for
information and when it was answered) exactly as the desk kept them. One
server transaction: all of it or none. Safe to run twice: a request already on
the server with the same document is skipped with its records, an audit entry
already carried over (by desk identity and seq) too; a PAS Bundle the server
lacks for such a request (a desk moved before the server kept them) is added.
A reference on the server with other content refuses the whole transfer,
naming the references.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ixreview.store.errors import IntegrityError, StoreError
from ixreview.store.rows import dict_rows

if TYPE_CHECKING:
    from ixreview.store.postgres.store import PostgresStore
    from ixreview.store.store import Store

_USER_COLUMNS = [
    "password_hash",
    "active",
    "failed_attempts",
    "locked_until",
    "signing_key_encrypted",
    "certificate_pem",
]
_MAPPED = {"request": "requests", "review": "reviews", "determination": "determinations",
           "letter": "letters", "user": "users"}  # fmt: skip


@dataclass
class TransferReport:
    server: str = ""
    requests: int = 0
    already: int = 0
    determinations: int = 0
    letters: int = 0
    pas_bundles: int = 0
    users: int = 0
    audit_entries: int = 0
    letters_checked: int = 0
    ids: dict[str, dict[int, int]] = field(default_factory=dict)


def _rows(desk: Store, sql: str, *params: Any) -> list[dict[str, Any]]:
    return list(dict_rows(desk.conn.execute(sql, params)))


def _check_desk(desk: Store) -> int:
    report = desk.verify_audit_chain()
    if not report.ok:
        raise IntegrityError(
            f"the desk's audit log is not intact at entry {report.bad_seq}: {report.reason}; "
            "nothing was transferred"
        )
    checked = 0
    for row in _rows(desk, "SELECT id, sha256, pdf FROM letters ORDER BY id"):
        if hashlib.sha256(bytes(row["pdf"])).hexdigest() != row["sha256"]:
            raise IntegrityError(
                f"letter {row['id']} on the desk does not match its recorded SHA-256; "
                "nothing was transferred"
            )
        checked += 1
    return checked


def _insert(server: PostgresStore, table: str, row: dict[str, Any]) -> int:
    # Only the server's columns: a desk column the server lacks (a newer desk feature)
    # is not carried over; name_words is the server's own (set by its trigger).
    known = {
        str(r[0])
        for r in server.raw.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = 'ixreview' AND table_name = %s AND column_name <> 'id'",
            (table,),
        )
    } - {"name_words"}
    values = {k: v for k, v in row.items() if k in known}
    columns = ", ".join(values)
    marks = ", ".join(["%s"] * len(values))
    found = server.raw.execute(
        f"INSERT INTO ixreview.{table} ({columns}) VALUES ({marks}) RETURNING id",
        list(values.values()),
    ).fetchone()
    assert found is not None
    return int(found[0])


class _Transfer:
    def __init__(self, desk: Store, server: PostgresStore) -> None:
        self.desk, self.server = desk, server
        self.report = TransferReport(server=server.url.split("@")[-1])
        self.ids: dict[str, dict[int, int]] = {t: {} for t in _MAPPED.values()}
        self.report.ids = self.ids

    def map(self, table: str, desk_id: int | None) -> int | None:
        if desk_id is None:
            return None
        if desk_id not in self.ids[table]:
            raise StoreError(f"{table} {desk_id} of the desk has no counterpart on the server")
        return self.ids[table][desk_id]

    def users(self) -> None:
        from ixreview.store.postgres.users import _json_value

        for row in _rows(self.desk, "SELECT * FROM users ORDER BY id"):
            found = self.server.raw.execute(
                "SELECT id, full_name, role FROM ixreview.users WHERE username = %s",
                (row["username"],),
            ).fetchone()
            if found is not None:
                self.ids["users"][row["id"]] = int(found[0])
                continue
            new = self.server.raw.execute(
                "SELECT ixreview.user_create(%s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    row[c]
                    for c in (
                        "username",
                        "full_name",
                        "credentials",
                        "role",
                        "npi",
                        "p2p_phone",
                        "password_hash",
                        "created_at",
                    )
                ],
            ).fetchone()
            assert new is not None
            from psycopg.types.json import Jsonb

            changes = {c: _json_value(row[c]) for c in _USER_COLUMNS}
            self.server.raw.execute(
                "SELECT ixreview.user_update(%s, %s)", (int(new[0]), Jsonb(changes))
            )
            self.ids["users"][row["id"]] = int(new[0])
            self.report.users += 1

    def conflicts(self) -> set[str]:
        """References on both sides; raises naming those whose documents differ."""
        same: set[str] = set()
        clash: list[str] = []
        for row in _rows(self.desk, "SELECT reference, intake_json FROM requests ORDER BY id"):
            found = self.server.raw.execute(
                "SELECT intake_json FROM ixreview.requests WHERE reference = %s",
                (row["reference"],),
            ).fetchone()
            if found is None:
                continue
            if found[0] == row["intake_json"]:
                same.add(row["reference"])
            else:
                clash.append(row["reference"])
        if clash:
            raise StoreError(
                "refused: these references are already on the team server with other "
                f"content: {', '.join(clash)}; nothing was transferred"
            )
        return same

    def records(self, already: set[str]) -> None:
        for request in _rows(self.desk, "SELECT * FROM requests ORDER BY id"):
            if request["reference"] in already:
                self._map_existing(request)
                self.report.already += 1
                continue
            desk_id = request.pop("id")
            request["imported_by"] = self.map("users", request["imported_by"])
            request["continuation_of"] = self.map("determinations", request["continuation_of"])
            self.ids["requests"][desk_id] = _insert(self.server, "requests", request)
            self.report.requests += 1
            for review in _rows(self.desk, "SELECT * FROM reviews WHERE request_id = ?", desk_id):
                rid = review.pop("id")
                review["request_id"] = self.ids["requests"][desk_id]
                for column in ("assigned_to", "updated_by"):
                    review[column] = self.map("users", review[column])
                self.ids["reviews"][rid] = _insert(self.server, "reviews", review)
            for det in _rows(
                self.desk, "SELECT * FROM determinations WHERE request_id = ? ORDER BY id", desk_id
            ):
                did = det.pop("id")
                det["request_id"] = self.ids["requests"][desk_id]
                det["review_id"] = self.map("reviews", det["review_id"])
                det["decider_id"] = self.map("users", det["decider_id"])
                det["supersedes_id"] = self.map("determinations", det["supersedes_id"])
                self.ids["determinations"][did] = _insert(self.server, "determinations", det)
                self.report.determinations += 1
                for letter in _rows(
                    self.desk, "SELECT * FROM letters WHERE determination_id = ? ORDER BY id", did
                ):
                    lid = letter.pop("id")
                    letter["determination_id"] = self.ids["determinations"][did]
                    letter["signer_id"] = self.map("users", letter["signer_id"])
                    letter["pdf"] = bytes(letter["pdf"])
                    self.ids["letters"][lid] = _insert(self.server, "letters", letter)
                    self.report.letters += 1

    def _map_existing(self, request: dict[str, Any]) -> None:
        """Ids of a request transferred before (same document): for the audit entries."""
        raw = self.server.raw
        row = raw.execute(
            "SELECT r.id, v.id FROM ixreview.requests r JOIN ixreview.reviews v"
            " ON v.request_id = r.id WHERE r.reference = %s",
            (request["reference"],),
        ).fetchone()
        assert row is not None
        self.ids["requests"][request["id"]] = int(row[0])
        for review in _rows(
            self.desk, "SELECT id FROM reviews WHERE request_id = ?", request["id"]
        ):
            self.ids["reviews"][review["id"]] = int(row[1])
        desk_dets = _rows(
            self.desk, "SELECT id FROM determinations WHERE request_id = ? ORDER BY id",
            request["id"],
        )  # fmt: skip
        server_dets = raw.execute(
            "SELECT id FROM ixreview.determinations WHERE request_id = %s ORDER BY id", (row[0],)
        ).fetchall()
        for desk_det, server_det in zip(desk_dets, server_dets, strict=False):
            self.ids["determinations"][desk_det["id"]] = int(server_det[0])
            desk_letters = _rows(
                self.desk, "SELECT id FROM letters WHERE determination_id = ? ORDER BY id",
                desk_det["id"],
            )  # fmt: skip
            server_letters = raw.execute(
                "SELECT id FROM ixreview.letters WHERE determination_id = %s ORDER BY id",
                (server_det[0],),
            ).fetchall()
            for desk_letter, server_letter in zip(desk_letters, server_letters, strict=False):
                self.ids["letters"][desk_letter["id"]] = int(server_letter[0])

    def pas(self) -> None:
        """The desk's PAS Bundles and metrics, copied as kept (after the determinations,
        so the server's metric triggers found no Bundle to stamp and recompute nothing)."""
        raw = self.server.raw
        for row in _rows(self.desk, "SELECT * FROM pas_requests ORDER BY request_id"):
            desk_id = row["request_id"]
            request_id = self.map("requests", desk_id)
            found = raw.execute(
                "SELECT bundle_json FROM ixreview.pas_requests WHERE request_id = %s",
                (request_id,),
            ).fetchone()
            if found is not None:
                if found[0] != row["bundle_json"]:
                    reference = self.desk.requests.get(desk_id).reference
                    raise StoreError(
                        f"refused: {reference} is on the team server with another PAS Bundle; "
                        "nothing was transferred"
                    )
                continue
            row["request_id"] = request_id
            columns = ", ".join(row)
            raw.execute(
                f"INSERT INTO ixreview.pas_requests ({columns})"
                f" VALUES ({', '.join(['%s'] * len(row))})",
                list(row.values()),
            )
            self.report.pas_bundles += 1
            for ask in _rows(
                self.desk,
                "SELECT determination_id, requested_at, respond_by, answered_at"
                " FROM pas_information_requests WHERE request_id = ? ORDER BY id",
                desk_id,
            ):
                raw.execute(
                    "INSERT INTO ixreview.pas_information_requests (request_id,"
                    " determination_id, requested_at, respond_by, answered_at)"
                    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (determination_id) DO NOTHING",
                    (request_id, self.map("determinations", ask["determination_id"]),
                     ask["requested_at"], ask["respond_by"], ask["answered_at"]),
                )  # fmt: skip

    def settings(self) -> None:
        for row in _rows(self.desk, "SELECT key, value_json, updated_at FROM settings"):
            self.server.raw.execute(
                "INSERT INTO ixreview.settings (key, value_json, updated_at) VALUES (%s, %s, %s)"
                " ON CONFLICT (key) DO NOTHING",
                (row["key"], row["value_json"], row["updated_at"]),
            )

    def audit(self) -> None:
        import json

        entries = _rows(self.desk, "SELECT * FROM audit_log ORDER BY seq")
        if not entries:
            return
        source = str(entries[0]["hash"])  # the desk database's identity
        done = {
            int(r[0])
            for r in self.server.raw.execute(
                "SELECT source_seq FROM ixreview.transferred_audit WHERE source = %s", (source,)
            )
        }
        for entry in entries:
            if entry["seq"] in done:
                continue
            details = json.loads(entry["details_json"])
            details.update(desk_seq=entry["seq"], desk_hash=entry["hash"])
            object_id = entry["object_id"]
            table = _MAPPED.get(entry["object_type"])
            if table and object_id and object_id.isdigit():
                mapped = self.ids[table].get(int(object_id))
                details["desk_object_id"] = object_id
                object_id = None if mapped is None else str(mapped)
            actor = entry["actor_id"]
            written = self.server.audit.append(
                entry["action"],
                entry["object_type"],
                object_id,
                actor=None if actor is None else self.map("users", actor),
                details=details,
                at=entry["at"],
            )
            self.server.raw.execute(
                "INSERT INTO ixreview.transferred_audit (source, source_seq, seq)"
                " VALUES (%s, %s, %s)",
                (source, entry["seq"], written.seq),
            )
            self.report.audit_entries += 1


def transfer(desk: Store, server: PostgresStore) -> TransferReport:
    """Copy `desk` to `server` (an administrator's connection); see the module docstring."""
    checked = _check_desk(desk)
    before = server.verify_audit_chain()
    if not before.ok:
        raise IntegrityError(
            f"the team server's audit log is not intact at entry {before.bad_seq}: "
            f"{before.reason}; nothing was transferred"
        )
    job = _Transfer(desk, server)
    with server.transaction():
        already = job.conflicts()
        job.users()
        job.records(already)
        job.pas()
        job.settings()
        job.audit()
    after = server.verify_audit_chain()
    mismatched = server.raw.execute(
        "SELECT count(*) FROM ixreview.letters WHERE sha256 <> encode(sha256(pdf), 'hex')"
    ).fetchone()
    if not after.ok or (mismatched and mismatched[0]):
        raise IntegrityError("the team server failed its check after the transfer")
    job.report.letters_checked = checked
    return job.report
