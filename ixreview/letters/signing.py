"""Sign a letter: render it with the printed signature block, then PAdES-sign it (pyHanko).

Order matters, so a failure leaves nothing half-done:
1. a letter citing a draft policy version is refused (`DraftPolicyError`);
2. the reviewer's password unlocks the key (`WrongPasswordError`: nothing rendered);
3. the printed name must be the certificate holder's;
4. the letter is rendered with the signing time printed in its signature block;
5. pyHanko signs the whole file at exactly that time (SHA-256), with the signature
   field placed over the printed block. With `long_term` (the workflow always
   passes it) the signature is PAdES B-LTA: an RFC 3161 signature timestamp, the
   DSS with the chain's certificates and the CA's revocation list, then a document
   timestamp (`timestamps.py`). Without it, baseline B (previews and old tests).

`audit_head` (seq, hash) goes into the signed /Keywords as `audit-head=SEQ:HASH`:
the letter then anchors the audit log outside the database (`store/audit_check`).

pyHanko is imported inside `_pades_sign` only: `import pyhanko.sign` costs about
half a second and nothing on the application's start-up path may pay it.
"""

from __future__ import annotations

import hashlib
import io
import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives import serialization

from ixreview.letters.asn1 import asn1_cert, asn1_key
from ixreview.letters.credentials import PrivateKey, ReviewerCredential, certificate_display_name
from ixreview.letters.errors import DraftPolicyError, SigningError
from ixreview.letters.model import LetterData
from ixreview.letters.render import (
    RenderedLetter,
    SignatureBox,
    letter_keywords,
    render_letter,
)
from ixreview.letters.templates import TemplateSet
from ixreview.letters.timestamps import LongTerm

if TYPE_CHECKING:
    from cryptography import x509

FIELD_NAME = "ReviewerSignature"
TIMESTAMP_FIELD = "DocumentTimestamp"


@dataclass(frozen=True)
class SignedLetter:
    pdf: bytes
    sha256: str  # of `pdf`: what the determination record keeps
    signed_at: datetime
    signer_name: str
    certificate_sha256: str
    pages: int


def preview_letter(data: LetterData, *, templates: TemplateSet | None = None) -> bytes:
    """The unsigned letter (allowed for draft policies, which show a DRAFT watermark)."""
    return render_letter(data, templates=templates).pdf


def sign_letter(
    data: LetterData,
    credential: ReviewerCredential,
    password: str,
    *,
    templates: TemplateSet | None = None,
    now: datetime | None = None,
    long_term: LongTerm | None = None,
    audit_head: tuple[int, str] | None = None,
) -> SignedLetter:
    """Render and sign `data` with the reviewer's key, unlocked by `password` now."""
    if data.is_draft_policy:
        policy = data.evaluation.policy
        raise DraftPolicyError(
            f"evaluation.policy: {policy.id} version {policy.version} is a draft; "
            "a letter citing it can be previewed but never signed"
        )
    key = credential.unlock(password)
    cert = credential.certificate()
    if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
        raise SigningError("signing credential: the certificate does not belong to the key")
    holder = certificate_display_name(cert)
    if _norm(holder) != _norm(data.signer.name):
        raise SigningError(
            f"signer.name: {data.signer.name!r} is not the holder of this signing "
            f"certificate ({holder!r})"
        )
    signed_at = (now or datetime.now().astimezone()).replace(microsecond=0)
    if signed_at.tzinfo is None:
        raise SigningError("now: the signing time needs a time zone")
    if long_term is not None:
        _refuse_revoked(cert, long_term, signed_at)
    rendered = render_letter(data, signed_at=signed_at, templates=templates)
    keywords = letter_keywords(data)
    if audit_head is not None:
        keywords += f"; audit-head={int(audit_head[0])}:{audit_head[1]}"
    pdf = _pades_sign(rendered, key, cert, credential.chain(), data, signed_at, long_term, keywords)
    return SignedLetter(
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        signed_at=signed_at,
        signer_name=holder,
        certificate_sha256=credential.fingerprint_sha256,
        pages=rendered.pages,
    )


def _refuse_revoked(cert: x509.Certificate, long_term: LongTerm, signed_at: datetime) -> None:
    """The CA's revocation list (which the letter will carry) must not list the signer."""
    from cryptography import x509 as crypto_x509

    for pem in long_term.crls_pem:
        crl = crypto_x509.load_pem_x509_crl(pem.encode("ascii"))
        if crl.issuer != cert.issuer:
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None and entry.revocation_date_utc <= signed_at:
            raise SigningError(
                "signing credential: this certificate was revoked on "
                f"{entry.revocation_date_utc:%Y-%m-%d %H:%M} UTC; nothing was signed"
            )


def _norm(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _pades_sign(
    rendered: RenderedLetter,
    key: PrivateKey,
    cert: x509.Certificate,
    chain: list[x509.Certificate],
    data: LetterData,
    signed_at: datetime,
    long_term: LongTerm | None = None,
    keywords: str | None = None,
) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import NoOpStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = asn1_cert
    key_info = asn1_key(key)
    fixed_time_pdf_signer, kept_key_signer = _pyhanko_classes()
    signer = kept_key_signer(
        signing_cert=der(cert),
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [der(c) for c in chain]
        ),
    )
    signer.parsed_key = key
    meaning = data.signer.meaning or _default_meaning(data)
    lta: dict[str, Any] = {}
    timestamper = None
    reserve = 0
    if long_term is not None:
        timestamper = long_term.timestamper()
        lta = {
            "embed_validation_info": True,
            "use_pades_lta": True,
            "timestamp_field_name": TIMESTAMP_FIELD,
            "validation_context": _validation_context(long_term, chain, timestamper),
            "dss_settings": _dss_settings(),
        }
        # The signature timestamp token: its certificates plus ~1 KiB of structure.
        tsa_certs = [
            getattr(timestamper, "tsa_cert", None),
            *getattr(timestamper, "certs_to_embed", []),
        ]
        known = [len(c.dump()) for c in tsa_certs if c is not None]
        reserve = 2 * (1024 + sum(known)) if known else 16384  # a remote TSA: size unknown
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"{meaning} {data.signer.name}",
        name=data.signer.name,
        location=data.plan.name,
        **lta,
    )
    box: SignatureBox | None = rendered.signature_box
    spec = fields.SigFieldSpec(
        sig_field_name=FIELD_NAME,
        on_page=box.page if box else 0,
        box=_outer(box.box) if box else None,
    )
    pdf_signer = fixed_time_pdf_signer(
        meta, signer, stamp_style=NoOpStampStyle(), new_field_spec=spec, timestamper=timestamper
    )
    pdf_signer.signing_time = signed_at
    # Reserving room for the signature up front spares pyHanko a dry-run signature
    # that only measures it. ECDSA CMS with this chain fits easily; certificates
    # dominate the size, so scale with them.
    # (pyHanko counts the reserve in hex digits: two per byte of the CMS object.)
    reserve += (2048 if long_term is not None else 4096) + 2 * sum(
        len(c.public_bytes(serialization.Encoding.DER)) for c in [cert, *chain]
    )
    from ixreview.letters import pdfspeed

    pdfspeed.install()  # the document timestamp re-reads the signed file
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    if keywords is not None:
        writer.document_meta.keywords = [keywords]
    _quiet_pyhanko()
    try:
        out = pdf_signer.sign_pdf(writer, bytes_reserved=reserve)
    except Exception as exc:  # pyHanko raises several types; report one clear error
        raise SigningError(f"the PDF signature could not be made: {exc}") from exc
    result: bytes = out.getvalue()
    return result


def _validation_context(
    long_term: LongTerm, chain: list[x509.Certificate], timestamper: Any
) -> Any:
    """Offline validation data for the DSS: the roots, the chain, the CA's CRL(s)."""
    from pyhanko_certvalidator import ValidationContext

    der = asn1_cert
    others = [der(c) for c in chain]
    tsa_cert = getattr(timestamper, "tsa_cert", None)
    if tsa_cert is not None:
        others.append(tsa_cert)
    return ValidationContext(
        trust_roots=[der(r) for r in long_term.roots],
        other_certs=others,
        crls=long_term.crls_der(),
        allow_fetching=False,
        revocation_mode="hard-fail",
    )


def _dss_settings() -> Any:
    """Validation data in the signature's own revision, and the timestamp authority's
    before the document timestamp: three revisions in all (rendered, signed, stamped),
    which keeps the difference analysis of every later `verify` short."""
    from pyhanko.sign.signers.pdf_signer import (
        DSSContentSettings,
        SigDSSPlacementPreference,
        TimestampDSSContentSettings,
    )

    return DSSContentSettings(
        placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE,
        include_vri=False,
        next_ts_settings=TimestampDSSContentSettings(update_before_ts=True, include_vri=False),
    )


def _quiet_pyhanko() -> None:
    """pyHanko warns that fetching is off (on purpose: the CRL comes with the letter) and
    logs failed path building with a traceback; our errors already say it."""
    import logging

    ph_logger = logging.getLogger("pyhanko")
    if not any(isinstance(h, logging.NullHandler) for h in ph_logger.handlers):
        ph_logger.addHandler(logging.NullHandler())


def _default_meaning(data: LetterData) -> str:
    from ixreview.letters.templates import load_templates

    return load_templates().kind(data.kind).meaning


def _outer(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    """Whole points enclosing the printed block (pyHanko wants integers)."""
    x1, y1, x2, y2 = box
    return math.floor(x1), math.floor(y1), math.ceil(x2), math.ceil(y2)


@lru_cache(maxsize=1)
def _pyhanko_classes() -> tuple[Any, Any]:
    """Our two pyHanko subclasses, defined on first use (pyHanko is imported then).

    - FixedTimePdfSigner signs at a given time: the one printed in the letter.
    - KeptKeySigner signs with the key already parsed: pyHanko's SimpleSigner
      re-parses the key for every raw signature (twice per PDF, ~40 ms each for RSA).
    """
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from pyhanko.sign.signers import PdfSigner, SimpleSigner
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    class FixedTimePdfSigner(PdfSigner):
        signing_time: datetime

        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = self.signing_time
            return session

    class KeptKeySigner(SimpleSigner):
        parsed_key: PrivateKey

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            mech = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            hash_algo = get_pyca_cryptography_hash(digest_algorithm)
            k = self.parsed_key
            if mech == "ecdsa" and isinstance(k, ec.EllipticCurvePrivateKey):
                return k.sign(data, ec.ECDSA(hash_algo))
            if mech == "rsassa_pkcs1v15" and isinstance(k, rsa.RSAPrivateKey):
                return k.sign(data, padding.PKCS1v15(), hash_algo)
            result: bytes = super().sign_raw(data, digest_algorithm)
            return result

    return FixedTimePdfSigner, KeptKeySigner
