"""Accounts through the workflow layer: first admin, sign-in, lockout, enrollment."""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher

from ixreview.store import open_store
from ixreview.workflow import accounts
from ixreview.workflow.errors import (
    AccountInactive,
    AccountLocked,
    AuthenticationFailed,
    InvalidInput,
    NotPermitted,
    WeakPassword,
    WorkflowError,
)
from ixreview.workflow.roles import Role


def actions(world) -> list[str]:
    return [e.action for e in world.store.audit.entries()]


def test_first_admin_is_created_once(tmp_path) -> None:
    with open_store(tmp_path / "db.sqlite3") as store:
        assert accounts.needs_first_admin(store)
        fast = accounts.Security(hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        with pytest.raises(WeakPassword):
            accounts.create_first_admin(
                store, username="root", full_name="R Admin", password="password1234",
                organization="Plan", security=fast,
            )
        admin = accounts.create_first_admin(
            store, username="Root", full_name="Ruth  Admin", password="granite-Pelican-fox-44",
            organization="Plan", security=fast,
        )
        assert (admin.username, admin.full_name, admin.role) == ("root", "Ruth Admin",
                                                                Role.ADMINISTRATOR)
        assert not admin.can_sign  # administrators do not sign letters
        assert not accounts.needs_first_admin(store)
        with pytest.raises(NotPermitted, match="already exists"):
            accounts.create_first_admin(
                store, username="other", full_name="O", password="granite-Pelican-fox-45",
                organization="Plan", security=fast,
            )
        assert store.settings.get("signing.trust_roots_pem").startswith("-----BEGIN CERT")
        assert store.verify_audit_chain().ok


def test_sign_in_success_and_failure_are_audited(world) -> None:
    session = world.sign_in("nina")
    assert session.role == Role.NURSE_REVIEWER
    with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
        accounts.sign_in(world.store, "nina", "not-her-password", security=world.security)
    with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
        accounts.sign_in(world.store, "nobody", "whatever-it-is", security=world.security)
    entries = world.store.audit.entries()
    tail = [(e.action, e.details.get("reason")) for e in entries[-4:]]
    assert tail == [
        ("sign_in", None),
        ("changed", None),  # the failure count
        ("sign_in_failed", "wrong_password"),
        ("sign_in_failed", "unknown_user"),
    ]
    # the typed user name of an unknown account is not recorded
    assert "nobody" not in json.dumps([e.details for e in entries])


def test_five_failures_lock_for_fifteen_minutes(world) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            accounts.sign_in(world.store, "nina", "wrong-password-here", security=world.security)
    with pytest.raises(AccountLocked, match="locked after too many failed sign-ins"):
        accounts.sign_in(world.store, "nina", "wrong-password-here", security=world.security)
    assert "locked" in actions(world)
    # even the right password is refused while locked
    with pytest.raises(AccountLocked):
        world.sign_in("nina")
    world.clock.advance(minutes=14, seconds=59)
    with pytest.raises(AccountLocked):
        world.sign_in("nina")
    world.clock.advance(seconds=1)
    assert world.sign_in("nina").username == "nina"
    assert world.store.users.by_username("nina").failed_attempts == 0
    assert world.store.verify_audit_chain().ok


def test_a_session_of_a_locked_or_deactivated_user_can_do_nothing(world) -> None:
    admin = world.sign_in("admin")
    nina = world.sign_in("nina")
    for _ in range(5):
        with pytest.raises((AuthenticationFailed, AccountLocked)):
            accounts.confirm_password(
                world.store, nina, "wrong-password-here", purpose="sign", security=world.security
            )
    with pytest.raises(AccountLocked):
        accounts.active_user(world.store, nina)
    accounts.deactivate_user(world.store, admin, "drpat")
    doc_session = accounts.Session(3, "drpat", Role.PHYSICIAN_REVIEWER, world.clock.now)
    with pytest.raises(AccountInactive):
        accounts.active_user(world.store, doc_session)
    with pytest.raises(AccountInactive, match="deactivated"):
        world.sign_in("drpat")


def test_adding_users_checks_every_field(world) -> None:
    admin = world.sign_in("admin")
    base = dict(
        username="drlee", full_name="Lee Park", role="physician_reviewer", credentials="DO",
        npi="1234567893", p2p_phone="(865) 555-0101", password="harbor-Tulip-quartz-81",
        admin_password=world.pw("admin"), security=world.security,
    )
    bad = [
        ({"npi": None}, "npi"),
        ({"npi": "1234567890"}, "npi"),
        ({"p2p_phone": ""}, "p2p_phone"),
        ({"p2p_phone": "call me"}, "p2p_phone"),
        ({"credentials": "RN"}, "credentials"),
        ({"role": "surgeon"}, "role"),
        ({"username": "x"}, "username"),
        ({"username": "nina"}, "username"),
        ({"full_name": "  "}, "full_name"),
        ({"password": "lee-park-rocks-99"}, "password"),
    ]
    for change, field in bad:
        with pytest.raises(InvalidInput) as info:
            accounts.add_user(world.store, admin, **{**base, **change})
        assert info.value.field == field, change
    with pytest.raises(AuthenticationFailed):
        accounts.add_user(world.store, admin, **{**base, "admin_password": "not-the-admin-pw"})
    account = accounts.add_user(world.store, admin, **base)
    assert account.role == Role.PHYSICIAN_REVIEWER and account.can_sign
    assert account.npi == "1234567893"


def test_only_administrators_manage_accounts(world) -> None:
    nina = world.sign_in("nina")
    with pytest.raises(NotPermitted, match="only an administrator"):
        accounts.list_users(world.store, nina)
    with pytest.raises(NotPermitted):
        accounts.deactivate_user(world.store, nina, "drpat")


def test_a_second_administrator_can_enroll_with_their_own_password(world) -> None:
    admin = world.sign_in("admin")
    accounts.add_user(
        world.store, admin, username="bo", full_name="Bo Admin", role="administrator",
        password="saffron-Glacier-owl-12", admin_password=world.pw("admin"),
        security=world.security,
    )
    bo = accounts.sign_in(world.store, "bo", "saffron-Glacier-owl-12", security=world.security)
    nurse = accounts.add_user(
        world.store, bo, username="ravi", full_name="Ravi Shah", role="nurse", credentials="PharmD",
        password="copper-Meadow-lynx-33", admin_password="saffron-Glacier-owl-12",
        security=world.security,
    )
    assert nurse.can_sign and nurse.credentials == "PharmD"


def test_deactivate_never_deletes(world) -> None:
    admin = world.sign_in("admin")
    with pytest.raises(NotPermitted, match="your own account"):
        accounts.deactivate_user(world.store, admin, "admin")
    account = accounts.deactivate_user(world.store, admin, "nina")
    assert not account.active
    with pytest.raises(WorkflowError, match="already deactivated"):
        accounts.deactivate_user(world.store, admin, "nina")
    listed = {a.username: a.active for a in accounts.list_users(world.store, admin,
                                                                include_inactive=True)}
    assert listed == {"admin": True, "nina": False, "drpat": True}
    assert "deactivated" in actions(world)


def test_change_password_moves_the_signing_key(world) -> None:
    nina = world.sign_in("nina")
    accounts.change_password(
        world.store, nina, world.pw("nina"), "velvet-Canyon-heron-58", security=world.security
    )
    user = world.store.users.get(nina.user_id)
    key = accounts.signing_credential(user)
    key.unlock("velvet-Canyon-heron-58")
    with pytest.raises(AuthenticationFailed):
        world.sign_in("nina")
    accounts.sign_in(world.store, "nina", "velvet-Canyon-heron-58", security=world.security)


def test_idle_unlock_needs_the_same_users_password(world) -> None:
    nina = world.sign_in("nina")
    accounts.record_idle_lock(world.store, nina)
    with pytest.raises(AuthenticationFailed):
        accounts.unlock(world.store, nina, world.pw("drpat"), security=world.security)
    accounts.unlock(world.store, nina, world.pw("nina"), security=world.security)
    assert actions(world)[-4:] == ["idle_locked", "changed", "password_failed", "unlocked"]


def test_production_sign_in_upgrades_a_weaker_hash_to_the_argon2id_defaults(world) -> None:
    assert world.store.users.by_username("nina").password_hash.startswith(
        "$argon2id$v=19$m=8,t=1,p=1$"
    )
    accounts.sign_in(world.store, "nina", world.pw("nina"))  # default Security
    stored = world.store.users.by_username("nina").password_hash
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
