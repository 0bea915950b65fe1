"""Verify a signed letter: who signed, when, intact, trusted, and the one on record.

`verify_letter` never raises for a bad letter: every failed check becomes a
reason in the report, in words a reviewer or an auditor can act on. pyHanko is
imported inside the function only (it costs ~0.55 s to import).

A long-term letter (PAdES B-LTA: a signature timestamp, the DSS with the chain's
certificates and the CA's revocation list, then document timestamps) is validated
with pyHanko's AdES long-term procedure (ETSI EN 319 102-1): the document
timestamps now, the signature as of its timestamp. So a letter still verifies
after its signer's certificate expired, or was revoked later; a letter signed
after its signer's revocation does not. `crls` adds revocation lists the
verifier holds (the latest the CA published) to those in the letter. A letter
without timestamps (from before long-term signing) is validated now, as before.

The trust roots are the caller's: `ixreview verify` takes them from the pinned
trust file or --trust, never from a database. A denial must be signed by a
certificate whose role (`credentials.certificate_role`) is a physician's.

Nothing is fetched from the network.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pydantic import BaseModel, ConfigDict

from ixreview.letters.credentials import (
    PHYSICIAN_ROLE,
    certificate_display_name,
    certificate_role,
)

TrustRoot = x509.Certificate | bytes | str  # a certificate, or PEM / DER data


class VerifyReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    ok: bool  # every check below holds
    sha256: str  # of the file as given
    signer: str | None = None  # certificate common name
    signer_title: str | None = None  # role (credentials), from the certificate
    signer_subject: str | None = None
    signer_role: str | None = None  # the role the certificate names (role attribute or title)
    letter_kind: str | None = None  # from the signed keywords
    signing_time: datetime | None = None  # as the signer reported it
    timestamp_time: datetime | None = None  # the signature timestamp (RFC 3161), if any
    long_term: bool = False  # B-LTA: signature timestamp, DSS and a document timestamp
    document_timestamps: int = 0
    timestamps_valid_until: datetime | None = None  # the last timestamp's TSA certificate
    role_ok: bool | None = None  # None: no role rule for this kind of letter
    signatures: int = 0
    intact: bool = False  # signature cryptographically valid over unchanged bytes
    covers_whole_file: bool = False  # nothing appended after signing
    trusted: bool = False  # certificate chains to a trusted root
    matches_record: bool | None = None  # None: no record to compare with
    reasons: list[str] = []  # why `ok` is false, one sentence each

    def lines(self) -> list[str]:
        """The report as "label: value" lines (the `ixreview verify` output)."""

        def yn(value: bool | None) -> str:
            return "not checked" if value is None else ("yes" if value else "NO")

        when = self.signing_time.isoformat() if self.signing_time else "-"
        stamp = self.timestamp_time.isoformat() if self.timestamp_time else "none"
        until = (
            f"; timestamps valid until {self.timestamps_valid_until:%Y-%m-%d}"
            if self.timestamps_valid_until
            else ""
        )
        out = [
            f"Signer:            {self.signer or '-'}"
            + (f" ({self.signer_title})" if self.signer_title else ""),
            f"Signing time:      {when}",
            f"Timestamp:         {stamp}",
            f"Long-term (LTA):   {yn(self.long_term)}"
            + (
                f" ({self.document_timestamps} document timestamp(s){until})"
                if self.long_term
                else ""
            ),
            f"SHA-256:           {self.sha256}",
            f"Intact:            {yn(self.intact and self.covers_whole_file)}",
            f"Trusted signer:    {yn(self.trusted)}",
            f"Signer's role:     {yn(self.role_ok)}"
            + (
                f" ({self.letter_kind} letter; certificate role {self.signer_role or 'none'})"
                if self.letter_kind
                else ""
            ),
            f"Matches record:    {yn(self.matches_record)}",
            f"Result:            {'VALID' if self.ok else 'NOT VALID'}",
        ]
        out += [f"  - {reason}" for reason in self.reasons]
        return out


def load_trust_roots(roots: Sequence[TrustRoot]) -> list[x509.Certificate]:
    """Certificates from objects, PEM text or DER bytes; ValueError names the bad one."""
    out: list[x509.Certificate] = []
    for n, root in enumerate(roots, start=1):
        if isinstance(root, x509.Certificate):
            out.append(root)
            continue
        data = root.encode("ascii") if isinstance(root, str) else root
        try:
            if b"-----BEGIN" in data:
                out.extend(x509.load_pem_x509_certificates(data))
            else:
                out.append(x509.load_der_x509_certificate(data))
        except ValueError as exc:
            raise ValueError(f"trust root {n}: not a certificate ({exc})") from None
    return out


def verify_letter(
    pdf: bytes,
    trust_roots: Sequence[TrustRoot],
    expected_sha256: str | None = None,
    *,
    crls: Sequence[str | bytes] = (),
    at: datetime | None = None,
) -> VerifyReport:
    """Check a signed letter; `expected_sha256` is the determination record's hash.

    `crls`: revocation lists (PEM or DER) the verifier holds besides the letter's;
    `at`: the time of validation (default now).
    """
    digest = hashlib.sha256(pdf).hexdigest()
    reasons: list[str] = []
    fields: dict[str, Any] = {"sha256": digest}

    if expected_sha256 is None:
        reasons.append("The letter was not compared with a determination on record.")
    else:
        fields["matches_record"] = digest == expected_sha256.strip().lower()
        if not fields["matches_record"]:
            reasons.append(
                "The letter's SHA-256 differs from the determination on record "
                f"(record {expected_sha256.strip().lower()[:16]}…, file {digest[:16]}…): "
                "this is not the letter that was issued."
            )

    fields |= _check_signature(pdf, load_trust_roots(trust_roots), reasons, crls, at)
    ok = (
        fields.get("intact", False)
        and fields.get("covers_whole_file", False)
        and fields.get("trusted", False)
        and fields.get("matches_record") is True
        and fields.get("signatures") == 1
        and fields.get("role_ok") is not False
    )
    return VerifyReport(ok=bool(ok), reasons=reasons, **fields)


def _check_signature(
    pdf: bytes,
    roots: list[x509.Certificate],
    reasons: list[str],
    crls: Sequence[str | bytes] = (),
    at: datetime | None = None,
) -> dict[str, Any]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from ixreview.letters import pdfspeed

    pdfspeed.install()
    # pyHanko logs failed path building with a traceback; the report already says it.
    # A NullHandler keeps that off stderr while still propagating to any app handler.
    ph_logger = logging.getLogger("pyhanko")
    if not any(isinstance(h, logging.NullHandler) for h in ph_logger.handlers):
        ph_logger.addHandler(logging.NullHandler())

    out: dict[str, Any] = {}
    try:
        reader = PdfFileReader(io.BytesIO(pdf))
        found = list(reader.embedded_signatures)
        signatures = [s for s in found if s.sig_object_type == "/Sig"]
        stamps = [s for s in found if s.sig_object_type == "/DocTimeStamp"]
    except Exception as exc:  # a damaged file can fail in many ways inside the parser
        reasons.append(f"The file cannot be read as a PDF ({_short(exc)}).")
        return out
    out["signatures"] = len(signatures)
    out["document_timestamps"] = len(stamps)
    if not signatures:
        reasons.append("The letter carries no digital signature.")
        return out
    if len(signatures) > 1:
        reasons.append(
            f"The letter carries {len(signatures)} signatures; an issued letter has one."
        )
    sig = signatures[0]

    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
        out["signer"] = certificate_display_name(cert)
        titles = cert.subject.get_attributes_for_oid(x509.NameOID.TITLE)
        out["signer_title"] = str(titles[0].value) if titles else None
        out["signer_subject"] = sig.signer_cert.subject.human_friendly
        out["signer_role"] = certificate_role(cert)
        out["signing_time"] = sig.self_reported_timestamp
    except Exception as exc:
        reasons.append(f"The signature's certificate cannot be read ({_short(exc)}).")
        return out
    _check_role(reader, out, reasons)

    if not roots:
        reasons.append("No trusted root certificate was given, so the signer cannot be trusted.")
    has_ts = _signature_timestamp(sig) is not None
    if has_ts or stamps:
        from ixreview.letters.longterm import validate_long_term

        status = validate_long_term(sig, stamps, roots, crls, at, out, reasons)
    else:
        status = _validate_now(sig, roots, reasons)
        revoked = _revoked(cert, roots, crls)
        if status is not None and revoked:
            out["not_trusted_reason"] = revoked
    if status is None:
        return out

    out["intact"] = bool(status.intact and status.valid)
    out["covers_whole_file"] = _covers_whole_file(sig, stamps, status)
    out["trusted"] = bool(status.trusted) and not out.get("not_trusted_reason")
    if not status.intact:
        reasons.append(
            "The letter was changed after it was signed (its content no longer "
            "matches the signature)."
        )
    elif not status.valid:
        reasons.append("The signature value is not valid for this signer's certificate.")
    if not out["covers_whole_file"]:
        reasons.append(
            "Something was added to the file after it was signed (an incremental update "
            "other than validation data and document timestamps): the signature no "
            "longer covers the letter."
        )
    if roots and status.intact and not out["trusted"]:
        reasons.append(
            out.pop("not_trusted_reason", None)
            or "The signer's certificate does not chain to the organization's trusted root "
            "(or is expired or not valid for signing)."
        )
    out.pop("not_trusted_reason", None)
    return out


def _revoked(
    cert: x509.Certificate, roots: list[x509.Certificate], crls: Sequence[str | bytes]
) -> str | None:
    """For a letter without timestamps: a revocation list of a trusted root that names
    the signer's certificate makes it invalid (nothing proves it was signed before)."""
    for item in crls:
        data = item.encode("ascii") if isinstance(item, str) else item
        try:
            crl = (
                x509.load_pem_x509_crl(data)
                if b"-----BEGIN" in data
                else x509.load_der_x509_crl(data)
            )
        except ValueError:
            continue
        if crl.issuer != cert.issuer:
            continue
        issuers = [r for r in roots if r.subject == crl.issuer]
        if not any(crl.is_signature_valid(r.public_key()) for r in issuers):  # type: ignore[arg-type]
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None:
            return (
                "The signature is not valid: the signer's certificate was revoked on "
                f"{entry.revocation_date_utc:%Y-%m-%d %H:%M} UTC (the account was "
                "deactivated), and no timestamp proves the letter was signed before that."
            )
    return None


def _validate_now(sig: Any, roots: list[x509.Certificate], reasons: list[str]) -> Any:
    """A letter without timestamps (signed before long-term signing): valid as of now."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(
        trust_roots=[
            asn1_x509.Certificate.load(r.public_bytes(serialization.Encoding.DER)) for r in roots
        ],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    try:
        return validate_pdf_signature(sig, context)
    except Exception as exc:
        reasons.append(f"The signature cannot be validated ({_short(exc)}).")
        return None


def _signature_timestamp(sig: Any) -> Any:
    try:
        attrs = sig.signer_info["unsigned_attrs"]
        for attr in attrs if attrs.native is not None else []:
            if attr["type"].native == "signature_time_stamp_token":
                return attr["values"][0]
    except (KeyError, ValueError):
        return None
    return None


def _covers_whole_file(sig: Any, stamps: list[Any], status: Any) -> bool:
    """The signature covers everything, or only DSS and document timestamps follow it.

    pyHanko's difference analysis (run by the validation) judges every later
    revision: only DSS updates and document timestamps (LTA updates) may follow.
    """
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    if not stamps or status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return False
    level = status.modification_level
    return level is not None and level <= ModificationLevel.LTA_UPDATES


def _check_role(reader: Any, out: dict[str, Any], reasons: list[str]) -> None:
    """A denial must be signed by a physician's certificate (the role the CA vouched for)."""
    try:
        info = reader.trailer["/Info"]
        keywords = str(info.get("/Keywords", "")) if info is not None else ""
    except Exception:
        keywords = ""
    kind = _keyword(keywords, "kind")
    out["letter_kind"] = kind
    if kind is None:
        return
    if kind != "denial":
        out["role_ok"] = out.get("signer_role") is not None
        if not out["role_ok"]:
            reasons.append(
                f"This is a {kind.replace('_', ' ')} letter, but its signer's certificate "
                f"names no reviewer role (title {out.get('signer_title') or 'none'})."
            )
        return
    out["role_ok"] = out.get("signer_role") == PHYSICIAN_ROLE
    if not out["role_ok"]:
        reasons.append(
            "This is a denial letter, but its signer's certificate names the role "
            f"{out.get('signer_title') or 'none'!r} ({out.get('signer_role') or 'no role'}): "
            "only a physician reviewer may sign a denial."
        )


def _keyword(keywords: str, name: str) -> str | None:
    for part in keywords.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value.strip()
    return None


def letter_reference(pdf: bytes) -> str | None:
    """The request reference an ixreview letter names in its /Keywords (None if absent).

    Only meaningful for a letter whose signature verified: the keywords are part
    of the signed bytes.
    """
    from pypdf import PdfReader

    try:
        metadata: Any = PdfReader(io.BytesIO(pdf)).metadata or {}
        keywords = str(metadata.get("/Keywords") or "")
    except Exception:  # a damaged file; verify_letter reports why
        return None
    parts = [p.strip() for p in keywords.split(";")]
    if not parts or parts[0] != "ixreview-letter":
        return None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key == "reference" and value:
            return value
    return None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
