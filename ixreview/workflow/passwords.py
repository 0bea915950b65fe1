"""Password policy and Argon2id hashing.

The policy follows NIST SP 800-63B: a minimum length rather than composition
rules, and a check against a list of commonly used passwords (shipped in
`common_passwords.txt`) and against the user's own names.

Hashing uses argon2-cffi's `PasswordHasher` with its defaults (Argon2id, RFC 9106
low-memory profile). Callers may pass another hasher; only tests do, to run fast.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ixreview.workflow.errors import WeakPassword

MIN_LENGTH = 12
MAX_LENGTH = 256  # hashing is costly; refuse megabyte "passwords"
_MIN_DISTINCT = 5
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i"})
_KEYBOARD_RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1qaz2wsx3edc4rfv",
)


def default_hasher() -> PasswordHasher:
    """The production hasher: argon2-cffi's Argon2id defaults, never weaker."""
    return PasswordHasher()


@cache
def common_passwords() -> frozenset[str]:
    text = resources.files("ixreview.workflow").joinpath("common_passwords.txt").read_text(
        encoding="utf-8"
    )
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def check_password(password: str, *, username: str = "", full_name: str = "") -> None:
    """Raise `WeakPassword` naming the problem, or return if the password is acceptable."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"must be at least {MIN_LENGTH} characters long")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"must be at most {MAX_LENGTH} characters long")
    if password != password.strip():
        raise WeakPassword("must not begin or end with a space")
    folded = _fold(password)
    if len(set(folded)) < _MIN_DISTINCT:
        raise WeakPassword(f"must use at least {_MIN_DISTINCT} different characters")
    if _is_run(folded):
        raise WeakPassword("must not be a keyboard or alphabet sequence")
    if _is_common(folded):
        raise WeakPassword("is too common: it appears in lists of passwords attackers try first")
    for name in _name_parts(username, full_name):
        if name in folded or name in folded.translate(_LEET):
            raise WeakPassword("must not contain your user name or your name")


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    return (hasher or default_hasher()).hash(password)


def verify_password(stored_hash: str, password: str, hasher: PasswordHasher | None = None) -> bool:
    """True when `password` matches; False for a mismatch or an unreadable hash."""
    try:
        return (hasher or default_hasher()).verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str, hasher: PasswordHasher | None = None) -> bool:
    """True when the hash was made with other parameters than `hasher`'s."""
    try:
        return (hasher or default_hasher()).check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@cache
def dummy_hash(hasher: PasswordHasher | None = None) -> str:
    """A hash to verify against when the user does not exist, so timing reveals nothing."""
    return (hasher or default_hasher()).hash("ixreview-no-such-user")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _is_common(folded: str) -> bool:
    common = common_passwords()
    stripped = re.sub(r"[\d\W_]+$", "", folded)  # "Password2026!" -> "password"
    stripped = re.sub(r"^[\d\W_]+", "", stripped)
    candidates = {folded, stripped, folded.translate(_LEET), stripped.translate(_LEET)}
    # "summersummer" or "welcome12345welcome": a common word repeated.
    for cand in list(candidates):
        for size in range(3, len(cand) // 2 + 1):
            if len(cand) % size == 0 and cand[:size] * (len(cand) // size) == cand:
                candidates.add(cand[:size])
    return any(c in common for c in candidates if c)


def _is_run(folded: str) -> bool:
    for run in _KEYBOARD_RUNS:
        doubled = run + run
        if folded in doubled or folded in doubled[::-1]:
            return True
    return False


def _name_parts(username: str, full_name: str) -> set[str]:
    parts = {_fold(username)} | {_fold(p) for p in re.split(r"[\s,.'-]+", full_name)}
    return {p for p in parts if len(p) >= 3}
