"""Letters as the record holds them: the one issued with a decided case (exported byte
for byte, audited in the reader's name) and which stored letter a file is.

The command line's `letter` and `verify` read them here; a letter is never rendered
or signed again to be exported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ixreview.store import AuditAction, NotFoundError
from ixreview.workflow.errors import InvalidInput, WorkflowError
from ixreview.workflow.records import reader

if TYPE_CHECKING:
    from ixreview.store import Letter, Store
    from ixreview.workflow.accounts import Session


class LetterMissing(WorkflowError):
    """A decided case with no stored letter: the record is damaged."""

    exit_code = 1


@dataclass(frozen=True)
class IssuedLetter:
    letter_id: int
    determination_id: int
    sha256: str
    signed_at: str
    pdf: bytes


def export_issued_letter(
    store: Store, session: Session, reference: str, write: Callable[[bytes], None]
) -> IssuedLetter:
    """Hand the letter issued with the decided case to `write`, then audit the export
    in the signed-in reader's name (nothing is audited when `write` fails)."""
    actor = reader(store, session).id
    try:
        request = store.requests.by_reference(reference)
    except NotFoundError as exc:
        raise InvalidInput("reference", str(exc)) from None
    determination = store.determinations.current(request.id)
    if determination is None:
        raise InvalidInput(
            "reference",
            f'request "{reference}" is not decided yet: a letter exists only for a decided case',
        )
    letters = store.determinations.letters(determination.id)
    if not letters:
        raise LetterMissing(
            f'request "{reference}" was decided but no signed letter is stored with it'
        )
    stored = letters[-1]
    write(stored.pdf)
    store.audit.append(
        AuditAction.EXPORTED,
        "letter",
        stored.id,
        actor=actor,
        details={"determination_id": determination.id, "sha256": stored.sha256},
    )
    return IssuedLetter(
        stored.id, determination.id, stored.sha256, str(stored.signed_at), stored.pdf
    )


@dataclass(frozen=True)
class LetterOnRecord:
    sha256: str | None  # the stored letter that matches, else the latest one
    note: str | None  # what the record says beyond the hash


def letter_on_record(store: Store, reference: str, pdf: bytes) -> LetterOnRecord | None:
    """Which stored letter of request `reference` the file `pdf` is (None: no such
    request on record)."""
    try:
        request = store.requests.by_reference(reference)
    except NotFoundError:
        return None
    digest = hashlib.sha256(pdf).hexdigest()
    current = store.determinations.current(request.id)
    latest: LetterOnRecord | None = None
    for determination in store.determinations.for_request(request.id):
        for stored in store.determinations.letters(determination.id):
            if stored.sha256 == digest:
                superseded = current is not None and current.id != determination.id
                note = f"letter {stored.id} of request {reference}, signed {stored.signed_at}" + (
                    " (its determination was later superseded)" if superseded else ""
                )
                return LetterOnRecord(stored.sha256, note)
            latest = LetterOnRecord(
                stored.sha256, f"request {reference}: letter {stored.id} is the one on record"
            )
    return latest or LetterOnRecord(None, f'request "{reference}" has no signed letter')


OUTPUTS = {"printed": AuditAction.PRINTED, "exported": AuditAction.EXPORTED}


def record_output(
    store: Store, session: Session, letter: Letter, how: str, *, reprint: bool
) -> None:
    """Audit a stored letter leaving the desk: `how` is "printed" or "exported" (saved as
    a file). The details name ids only, never the path (it may carry a member's name)."""
    if how not in OUTPUTS:
        raise InvalidInput("output", f'"{how}" is neither "printed" nor "exported"')
    store.audit.append(
        OUTPUTS[how],
        "letter",
        letter.id,
        actor=reader(store, session).id,
        details={
            "determination_id": letter.determination_id,
            "kind": letter.kind,
            "reprint": reprint,
            "via": "gui",
        },
    )
