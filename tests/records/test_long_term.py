"""Long-term letters (PAdES B-LTA): valid as of the signing time after the signer's
certificate expired; not valid when signed after the signer's revocation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ixreview.letters import LetterKind, create_organization_ca, enroll_reviewer, sign_letter
from ixreview.letters.authority import issue_timestamping_certificate, make_crl
from ixreview.letters.errors import SigningError
from ixreview.letters.samples import PHYSICIAN, sample_letter
from ixreview.letters.timestamps import LongTerm
from ixreview.letters.verify import verify_letter

ADMIN = "admin-password-1"
REVIEWER = "reviewer-password-1"


@pytest.fixture(scope="module")
def pki():
    now = datetime.now(UTC).replace(microsecond=0)
    ca = create_organization_ca("Blue Valley Health Plan", ADMIN)
    reviewer = enroll_reviewer(
        ca,
        ADMIN,
        name=PHYSICIAN.name,
        role=PHYSICIAN.role,
        credentials=PHYSICIAN.credentials,
        password=REVIEWER,
        role_code="physician_reviewer",
        valid_for=timedelta(days=2),  # expires soon: the point of the test
    )
    tsa_key, tsa_cert = issue_timestamping_certificate(ca, ADMIN)
    empty_crl = make_crl(ca, ADMIN, [], number=1, now=now - timedelta(minutes=4))
    return now, ca, reviewer, tsa_key, tsa_cert, empty_crl


def _long_term(pki, crl: str, at: datetime) -> LongTerm:
    _, ca, _, tsa_key, tsa_cert, _ = pki
    return LongTerm(
        roots=[ca.certificate()],
        crls_pem=[crl],
        tsa_key_pem=tsa_key,
        tsa_cert_pem=tsa_cert,
        clock=lambda: at,
    )


def test_a_letter_verifies_as_of_its_signing_time_after_the_certificate_expired(pki) -> None:
    now, ca, reviewer, *_ = pki
    letter = sample_letter(LetterKind.DENIAL)
    signed = sign_letter(
        letter,
        reviewer,
        REVIEWER,
        now=now,
        long_term=_long_term(pki, pki[5], now),
        audit_head=(7, "a" * 64),
    )
    expiry = reviewer.certificate().not_valid_after_utc
    report = verify_letter(signed.pdf, [ca.cert_pem], signed.sha256, at=expiry + timedelta(days=30))
    assert report.ok, report.reasons
    assert report.long_term and report.document_timestamps == 1
    assert report.timestamp_time is not None and report.timestamp_time < expiry
    # The same letter without its timestamps (baseline B) would not: signed without them.
    plain = sign_letter(letter, reviewer, REVIEWER, now=now)
    later = verify_letter(plain.pdf, [ca.cert_pem], plain.sha256)
    assert later.ok and not later.long_term  # valid today, but only while the cert is


def test_a_letter_signed_after_a_revocation_does_not_verify(pki) -> None:
    now, ca, reviewer, *_ = pki
    serial = reviewer.certificate().serial_number
    revoked_at = now - timedelta(minutes=2)
    crl_now = make_crl(ca, ADMIN, [(serial, revoked_at)], number=2, now=now - timedelta(minutes=1))
    letter = sample_letter(LetterKind.DENIAL)

    before = sign_letter(
        letter,
        reviewer,
        REVIEWER,
        now=now - timedelta(minutes=3),
        long_term=_long_term(pki, pki[5], now - timedelta(minutes=3)),
    )
    # With the CA's current list, signing is refused outright.
    with pytest.raises(SigningError, match="revoked"):
        sign_letter(letter, reviewer, REVIEWER, now=now, long_term=_long_term(pki, crl_now, now))
    # Signed anyway with a stale list (the attacker's copy): verify knows the current one.
    after = sign_letter(letter, reviewer, REVIEWER, now=now, long_term=_long_term(pki, pki[5], now))
    later = now + timedelta(hours=1)
    bad = verify_letter(after.pdf, [ca.cert_pem], after.sha256, crls=[crl_now], at=later)
    assert not bad.ok and not bad.trusted
    assert any("revoked" in reason for reason in bad.reasons), bad.reasons
    good = verify_letter(before.pdf, [ca.cert_pem], before.sha256, crls=[crl_now], at=later)
    assert good.ok, good.reasons  # signed before the revocation: still valid
