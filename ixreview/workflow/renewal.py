"""`ixreview letters renew`: a new document timestamp for every letter whose last one
is about to stop proving anything.

A B-LTA letter stays verifiable as long as its newest document timestamp can be
validated, i.e. until that timestamp's certificate expires. Before then, renewal
appends (incremental update) the validation data for the timestamps so far and a
new document timestamp from the current authority.

How a renewed letter relates to the record: letters are immutable, so the
renewed file is stored as a new letter row of the same determination (kind,
signer and signing time copied; its own SHA-256), audited as `signed` like any
letter plus `renewed` naming the letter it renews. The original row stays, and
its bytes are an exact prefix of the renewed file, so both verify: `ixreview
verify` matches either by SHA-256, `ixreview letter` writes the newest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509

from ixreview.letters.errors import LetterError
from ixreview.letters.longterm import add_document_timestamp, last_timestamp_expiry
from ixreview.store import Store
from ixreview.store.clock import utc_iso
from ixreview.workflow import trust
from ixreview.workflow.errors import WorkflowError
from ixreview.workflow.trust import long_term

DEFAULT_WITHIN_DAYS = 365


@dataclass(frozen=True)
class Renewal:
    letter_id: int  # the letter renewed
    new_letter_id: int | None  # None: not renewed (see `note`)
    expired_at: datetime | None  # when its last timestamp would have stopped proving
    note: str


def renew_letters(
    store: Store, *, within: timedelta = timedelta(days=DEFAULT_WITHIN_DAYS), actor: int | None
) -> list[Renewal]:
    """Renew every newest letter whose last timestamp expires within `within` from now."""
    material = long_term(store)
    if material is None:
        raise WorkflowError(
            "long-term signing is not set up for this database (no pinned organization root "
            "or no timestamp authority): an administrator sets it up when enrolling a user"
        )
    renewed = _renewed_ids(store)
    deadline = trust.tsa_now() + within
    if material.tsa_cert_pem:
        own = x509.load_pem_x509_certificate(material.tsa_cert_pem.encode("ascii"))
        if own.not_valid_after_utc <= deadline:
            raise WorkflowError(
                "the local timestamp authority's own certificate expires on "
                f"{own.not_valid_after_utc:%Y-%m-%d}: new timestamps would not outlive the "
                "old ones; an administrator issues a new authority by enrolling a user "
                "(or any action that opens the organization CA), then run renew again"
            )
    out: list[Renewal] = []
    rows = store.conn.execute("SELECT id, determination_id FROM letters ORDER BY id").fetchall()
    for letter_id, determination_id in rows:
        if letter_id in renewed:
            continue  # a newer copy carries its timestamps on
        letter = store.determinations.letter(letter_id)
        expiry = last_timestamp_expiry(letter.pdf)
        if expiry is None:
            out.append(Renewal(letter_id, None, None, "not long-term (signed without timestamps)"))
            continue
        if expiry > deadline:
            continue
        try:
            pdf = add_document_timestamp(letter.pdf, material)
        except (LetterError, ValueError) as exc:
            out.append(Renewal(letter_id, None, expiry, f"not renewed: {exc}"))
            continue
        except Exception as exc:  # pyHanko raises several types; name the letter, go on
            out.append(Renewal(letter_id, None, expiry, f"not renewed: {type(exc).__name__}"))
            continue
        with store.transaction():
            new = store.determinations.add_letter(
                determination_id,
                pdf,
                signer_id=letter.signer_id,
                signed_at=datetime.fromisoformat(letter.signed_at),
                kind=letter.kind,
                actor=actor,
            )
            store.audit.append(
                "renewed",
                "letter",
                new.id,
                actor=actor,
                details={"renews": letter_id, "sha256": new.sha256, "expired": utc_iso(expiry)},
            )
        out.append(Renewal(letter_id, new.id, expiry, "renewed"))
    return out


def _renewed_ids(store: Store) -> set[int]:
    rows = store.conn.execute(
        "SELECT details_json FROM audit_log WHERE action = 'renewed' AND object_type = 'letter'"
    )
    return {int(json.loads(r[0])["renews"]) for r in rows}
