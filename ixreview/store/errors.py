"""Errors raised by the case store.

Every message is meant to be shown to a reviewer or an administrator as is: it
says what is wrong and what to do, and never contains PHI (member names, IDs or
birth dates), so it can also be logged.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class for every error the store raises on purpose."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer ixreview; it is never downgraded."""


class ConflictError(StoreError):
    """Another window or process saved the same record since it was loaded."""


class DuplicateReferenceError(StoreError):
    """A request with this reference is already on record."""


class NotFoundError(StoreError):
    """The requested record does not exist."""


class IntegrityError(StoreError):
    """A database file failed its integrity, schema or audit-chain check."""


class InvalidRecordError(StoreError):
    """A record to be written breaks a rule of the store (not of the workflow)."""


class PolicyNotAssignable(InvalidRecordError):
    """The policy named for a request is unknown, not in force, or a draft version."""
