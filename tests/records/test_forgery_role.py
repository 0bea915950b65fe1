"""Forgery 1 of issue 12: a nurse promoted to physician by an UPDATE on the users table."""

from __future__ import annotations

import hashlib

import pytest
from records_helpers import attacker, low_anc, run

from ixreview.letters import LetterKind, sign_letter
from ixreview.letters.samples import sample_letter
from ixreview.workflow import operations
from ixreview.workflow.accounts import signing_credential
from ixreview.workflow.errors import NotPermitted
from ixreview.workflow.permissions import denial_reasons
from ixreview.workflow.trust import signing_extras


def test_a_nurse_promoted_in_the_database_cannot_deny(world) -> None:
    ref = world.import_case()
    low_anc(world, world.sign_in("nina"), ref)
    operations.refer(world.store, world.sign_in("nina"), ref, "ANC below 1,500")
    attacker(world.path, "UPDATE users SET role = 'physician' WHERE username = 'nina'")
    nina = world.sign_in("nina")  # the account now says physician
    reasons = denial_reasons(operations.evaluate_review(world.store, nina, ref))
    with pytest.raises(NotPermitted, match="signing certificate names the role 'nurse_reviewer'"):
        operations.deny(
            world.store, nina, ref, world.pw("nina"), reasons=reasons, security=world.security
        )
    assert world.store.determinations.current(world.store.requests.by_reference(ref).id) is None
    refused = [e for e in world.store.audit.entries() if e.action == "sign_refused"]
    assert refused and refused[-1].details["certificate_role"] == "nurse_reviewer"

    # `audit verify` names the role changed outside ixreview.
    code, out = run("--db", str(world.path), "audit", "verify")
    nina_id = world.store.users.by_username("nina").id
    assert code == 1
    assert (
        f"user {nina_id}: the role on record is physician but the audit log last recorded "
        "nurse: the role was changed outside ixreview"
    ) in out


def test_verify_refuses_a_denial_signed_with_a_nurses_certificate(world, tmp_path) -> None:
    """The promoted nurse signs a denial outside the workflow with her own key."""
    nina = world.store.users.by_username("nina")
    letter = sample_letter(LetterKind.DENIAL)
    letter = letter.model_copy(
        update={"signer": letter.signer.model_copy(update={"name": "Nina Nurse"})}
    )
    extras = signing_extras(world.store)
    signed = sign_letter(letter, signing_credential(nina), world.pw("nina"), **extras)
    pdf = tmp_path / "denial.pdf"
    pdf.write_bytes(signed.pdf)
    digest = hashlib.sha256(signed.pdf).hexdigest()
    code, out = run("--db", str(world.path), "verify", str(pdf), "--sha256", digest)
    assert code == 1, out
    assert "Trusted signer:    yes" in out  # her certificate is genuine ...
    assert (
        "This is a denial letter, but its signer's certificate names the role "
        "'Nurse reviewer (RN)' (nurse_reviewer): only a physician reviewer may sign a denial."
    ) in out  # ... but names a nurse
    assert "Signer's role:     NO (denial letter; certificate role nurse_reviewer)" in out
