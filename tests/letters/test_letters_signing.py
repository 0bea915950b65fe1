"""Signing and verification: PAdES signatures pyHanko's validator accepts, tampering and
appended updates detected, drafts and wrong passwords sign nothing, keys stay encrypted."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from letters_helpers import (
    ADMIN_PASSWORD,
    NURSE_PASSWORD,
    PHYSICIAN_PASSWORD,
    pdf_text,
    with_changes,
)
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from ixreview.letters import (
    CredentialError,
    DraftPolicyError,
    LetterData,
    SigningError,
    WrongPasswordError,
    create_organization_ca,
    enroll_reviewer,
    import_pkcs12,
    sign_letter,
    verify_letter,
)
from ixreview.letters.credentials import OrganizationCA, ReviewerCredential
from ixreview.letters.signing import SignedLetter

SIGNED_AT = datetime(2026, 11, 22, 14, 5, 9, tzinfo=timezone(timedelta(hours=-6)))


@pytest.fixture(scope="module")
def signed_denial(denial: LetterData, physician_credential: ReviewerCredential) -> SignedLetter:
    return sign_letter(denial, physician_credential, PHYSICIAN_PASSWORD, now=SIGNED_AT)


def _context(ca: OrganizationCA) -> ValidationContext:
    root = asn1_x509.Certificate.load(ca.certificate().public_bytes(serialization.Encoding.DER))
    return ValidationContext(trust_roots=[root], allow_fetching=False)


def test_pyhanko_validator_accepts_the_signature(
    signed_denial: SignedLetter, ca: OrganizationCA
) -> None:
    reader = PdfFileReader(io.BytesIO(signed_denial.pdf))
    (sig,) = reader.embedded_signatures
    status = validate_pdf_signature(sig, _context(ca))
    assert status.bottom_line
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert status.signing_cert.subject.native["common_name"] == "Mai Nguyễn"
    assert sig.self_reported_timestamp == SIGNED_AT


def test_visible_signature_block_prints_name_role_meaning_and_time(
    signed_denial: SignedLetter,
) -> None:
    text = pdf_text(signed_denial.pdf)
    assert "Denied by Mai Nguyễn, MD Physician reviewer (Medical Director)" in text
    assert "Signed electronically on November 22, 2026 at 14:05 (UTC−06:00)" in text
    assert "Preview – not signed" not in text


def test_signature_field_is_placed_over_the_printed_block(signed_denial: SignedLetter) -> None:
    reader = PdfFileReader(io.BytesIO(signed_denial.pdf))
    (sig,) = reader.embedded_signatures
    rect = [float(v) for v in sig.sig_field["/Rect"]]
    assert rect[2] - rect[0] > 200 and rect[3] - rect[1] > 40  # visible, not a 0×0 field


def test_verify_reports_all_checks(signed_denial: SignedLetter, ca: OrganizationCA) -> None:
    report = verify_letter(signed_denial.pdf, [ca.cert_pem], signed_denial.sha256)
    assert report.ok, report.reasons
    assert report.signer == "Mai Nguyễn"
    assert report.signer_title == "Physician reviewer (Medical Director) (MD)"
    assert report.signing_time == SIGNED_AT
    assert report.intact and report.covers_whole_file and report.trusted
    assert report.matches_record is True
    assert report.sha256 == hashlib.sha256(signed_denial.pdf).hexdigest() == signed_denial.sha256
    assert report.reasons == []


def _flip_in_content(pdf: bytes) -> bytes:
    """Change one byte inside the first page's content stream (inside the signed range)."""
    start = pdf.index(b"stream\n", pdf.index(b"/Length")) + len(b"stream\n")
    data = bytearray(pdf)
    data[start + 40] ^= 0x01
    return bytes(data)


def test_one_changed_byte_fails_with_a_clear_reason(
    signed_denial: SignedLetter, ca: OrganizationCA
) -> None:
    tampered = _flip_in_content(signed_denial.pdf)
    assert len(tampered) == len(signed_denial.pdf) and tampered != signed_denial.pdf
    report = verify_letter(tampered, [ca.cert_pem], signed_denial.sha256)
    assert not report.ok and not report.intact
    assert report.matches_record is False
    assert any("changed after it was signed" in r for r in report.reasons)
    assert any("differs from the determination on record" in r for r in report.reasons)


def test_one_changed_byte_fails_even_without_a_record(
    signed_denial: SignedLetter, ca: OrganizationCA
) -> None:
    tampered = _flip_in_content(signed_denial.pdf)
    report = verify_letter(tampered, [ca.cert_pem], hashlib.sha256(tampered).hexdigest())
    assert not report.ok and not report.intact


@pytest.mark.parametrize("offset_fraction", [0.1, 0.5, 0.9, 0.999])
def test_a_changed_byte_anywhere_never_verifies(
    signed_denial: SignedLetter, ca: OrganizationCA, offset_fraction: float
) -> None:
    data = bytearray(signed_denial.pdf)
    data[int(len(data) * offset_fraction)] ^= 0x20
    tampered = bytes(data)
    report = verify_letter(tampered, [ca.cert_pem], hashlib.sha256(tampered).hexdigest())
    assert not report.ok
    assert report.reasons


def test_appended_incremental_update_fails(signed_denial: SignedLetter, ca: OrganizationCA) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_denial.pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    note = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (50, 50, 70, 70)]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject("Approved after all"),
        }
    )
    annots = page.get("/Annots", generic.ArrayObject())
    annots.append(writer.add_object(note))
    page[generic.NameObject("/Annots")] = annots
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    updated = out.getvalue()
    assert updated.startswith(signed_denial.pdf)  # the signed bytes are untouched
    report = verify_letter(updated, [ca.cert_pem], hashlib.sha256(updated).hexdigest())
    assert report.intact  # the signed revision itself still checks out ...
    assert not report.covers_whole_file and not report.ok  # ... but something was added
    assert any("added to the file after it was signed" in r for r in report.reasons)


def test_letter_from_another_organization_is_not_trusted(signed_denial: SignedLetter) -> None:
    other = create_organization_ca("Some Other Plan", "other-admin-pw")
    report = verify_letter(signed_denial.pdf, [other.cert_pem], signed_denial.sha256)
    assert report.intact and not report.trusted and not report.ok
    assert any("does not chain to the organization's trusted root" in r for r in report.reasons)


def test_unsigned_or_unreadable_files_fail_cleanly(denial: LetterData, ca: OrganizationCA) -> None:
    from ixreview.letters import preview_letter

    unsigned = preview_letter(denial)
    report = verify_letter(unsigned, [ca.cert_pem], hashlib.sha256(unsigned).hexdigest())
    assert not report.ok and "carries no digital signature" in report.reasons[-1]
    junk = verify_letter(b"not a pdf at all", [ca.cert_pem], None)
    assert not junk.ok and any("cannot be read as a PDF" in r for r in junk.reasons)
    assert any("not compared with a determination on record" in r for r in junk.reasons)


def test_draft_policy_letter_cannot_be_signed(
    denial: LetterData, physician_credential: ReviewerCredential
) -> None:
    policy = denial.evaluation.policy.model_copy(update={"status": "draft"})
    draft = with_changes(denial, evaluation=denial.evaluation.model_copy(update={"policy": policy}))
    with pytest.raises(DraftPolicyError, match="is a draft; a letter citing it can be previewed"):
        sign_letter(draft, physician_credential, PHYSICIAN_PASSWORD)


def test_wrong_password_signs_nothing(
    denial: LetterData, physician_credential: ReviewerCredential, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ixreview.letters.signing as signing

    calls: list[object] = []
    monkeypatch.setattr(signing, "render_letter", lambda *a, **k: calls.append(a))
    monkeypatch.setattr(signing, "_pades_sign", lambda *a, **k: calls.append(a))
    with pytest.raises(WrongPasswordError, match="password does not unlock"):
        sign_letter(denial, physician_credential, "not-the-password")
    assert calls == []


def test_printed_signer_must_hold_the_certificate(
    denial: LetterData, nurse_credential: ReviewerCredential
) -> None:
    with pytest.raises(SigningError, match=r"signer\.name: 'Mai Nguyễn' is not the holder"):
        sign_letter(denial, nurse_credential, NURSE_PASSWORD)


def test_nurse_signs_an_approval(
    approval: LetterData, nurse_credential: ReviewerCredential, ca: OrganizationCA
) -> None:
    signed = sign_letter(approval, nurse_credential, NURSE_PASSWORD)
    report = verify_letter(signed.pdf, [ca.cert_pem], signed.sha256)
    assert report.ok and report.signer == "Łukasz Søndergaard"
    assert "Approved by Łukasz Søndergaard, RN, CCM" in pdf_text(signed.pdf)


def test_private_key_is_stored_encrypted(physician_credential: ReviewerCredential) -> None:
    blob, cert_pem = physician_credential.to_stored()
    assert b"BEGIN ENCRYPTED PRIVATE KEY" in blob
    assert b"BEGIN PRIVATE KEY" not in blob and b"BEGIN EC PRIVATE KEY" not in blob
    assert PHYSICIAN_PASSWORD.encode() not in blob
    with pytest.raises(TypeError):  # not loadable without a password
        serialization.load_pem_private_key(physician_credential.key_pem.encode(), None)
    again = ReviewerCredential.from_stored(blob, cert_pem)
    assert again == physician_credential
    assert isinstance(again.unlock(PHYSICIAN_PASSWORD), ec.EllipticCurvePrivateKey)


def test_damaged_stored_key_is_a_clear_error(physician_credential: ReviewerCredential) -> None:
    _, cert_pem = physician_credential.to_stored()
    with pytest.raises(CredentialError, match="stored signing key: cannot be read"):
        ReviewerCredential.from_stored(b"{not json", cert_pem)


def test_enrollment_needs_the_admin_password(ca: OrganizationCA) -> None:
    with pytest.raises(WrongPasswordError):
        enroll_reviewer(
            ca, "wrong-admin-pw", name="X Y", role="Nurse reviewer", password="long-enough-1"
        )
    with pytest.raises(CredentialError, match="password: must be at least 8 characters"):
        enroll_reviewer(ca, ADMIN_PASSWORD, name="X Y", role="Nurse reviewer", password="short")


def test_reviewer_certificate_chains_to_the_ca(
    ca: OrganizationCA, physician_credential: ReviewerCredential
) -> None:
    cert = physician_credential.certificate()
    assert cert.issuer == ca.certificate().subject
    ca.certificate().public_key().verify(  # type: ignore[call-arg]
        cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(hashes.SHA256())
    )
    assert isinstance(cert.public_key(), ec.EllipticCurvePublicKey)
    assert cert.public_key().curve.name == "secp256r1"  # type: ignore[union-attr]


def _organization_p12(ca: OrganizationCA, name: str, password: bytes) -> bytes:
    """A PKCS#12 file as an organization's own PKI would issue it (here: by our CA)."""
    key = ec.generate_private_key(ec.SECP256R1())
    ca_key = ca.unlock(ADMIN_PASSWORD)
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(x509.NameOID.COMMON_NAME, name),
                    # The plan's PKI names the role; a denial needs a physician's.
                    x509.NameAttribute(x509.NameOID.TITLE, "Physician reviewer (MD)"),
                ]
            )
        )
        .issuer_name(ca.certificate().subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
    )
    return pkcs12.serialize_key_and_certificates(
        b"reviewer",
        key,
        cert,
        [ca.certificate()],
        serialization.BestAvailableEncryption(password),
    )


def test_import_from_pkcs12_then_sign(ca: OrganizationCA, denial: LetterData) -> None:
    p12 = _organization_p12(ca, "Mai Nguyễn", b"file-password")
    with pytest.raises(CredentialError, match="PKCS#12 file: cannot open it"):
        import_pkcs12(p12, "wrong", "my-own-password")
    credential = import_pkcs12(p12, "file-password", "my-own-password")
    assert "BEGIN ENCRYPTED PRIVATE KEY" in credential.key_pem
    signed = sign_letter(denial, credential, "my-own-password")
    assert verify_letter(signed.pdf, [ca.cert_pem], signed.sha256).ok
