"""Password policy and Argon2id hashing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type

from ixreview.workflow.errors import WeakPassword
from ixreview.workflow.passwords import (
    MIN_LENGTH,
    common_passwords,
    default_hasher,
    hash_password,
    needs_rehash,
    verify_password,
)
from ixreview.workflow.passwords import check_password as check

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def test_a_long_uncommon_password_passes() -> None:
    check("tangerine-orbit-Lantern-42", username="mrivera", full_name="Maria Rivera")


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Short1!", f"at least {MIN_LENGTH} characters"),
        ("aaaaaaaaaaaaaaaa", "different characters"),
        ("abcdefghijklmnop", "sequence"),
        ("1234567890123", "sequence"),
        ("Password2026!", "too common"),
        ("P@ssw0rd12345", "too common"),
        ("qwertyuiop123", "too common"),
        ("sunshinesunshine", "too common"),
        ("Bluecross2026!!", "too common"),
        ("!!Welcome12345", "too common"),
        ("maria-rivera-1971", "your name"),
        ("xx-mrivera-the-great", "user name"),
        (" leading space pass", "space"),
        ("x" * 300, "at most"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, problem: str) -> None:
    with pytest.raises(WeakPassword, match=problem) as info:
        check(password, username="mrivera", full_name="Maria Rivera")
    assert info.value.field == "password"


def test_the_shipped_list_has_a_few_hundred_entries() -> None:
    entries = common_passwords()
    assert 300 <= len(entries) <= 2000
    assert {"password", "qwerty", "letmein", "iloveyou"} <= entries


def test_default_hasher_is_argon2id_with_library_defaults() -> None:
    hasher = default_hasher()
    assert hasher.type is Type.ID
    assert hasher.memory_cost >= 65536 and hasher.time_cost >= 3


def test_hash_and_verify() -> None:
    stored = hash_password("tangerine-orbit-Lantern-42", FAST)
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "tangerine-orbit-Lantern-42", FAST)
    assert not verify_password(stored, "tangerine-orbit-Lantern-43", FAST)
    assert not verify_password("not a hash", "anything", FAST)


def test_a_weaker_stored_hash_needs_rehash_under_the_default() -> None:
    stored = hash_password("tangerine-orbit-Lantern-42", FAST)
    assert needs_rehash(stored, default_hasher())
    assert not needs_rehash(stored, FAST)
