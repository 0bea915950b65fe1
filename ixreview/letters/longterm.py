"""Long-term validation of a PAdES B-LTA letter (pyHanko's AdES procedure), offline.

ETSI EN 319 102-1 long-term validation, as pyHanko implements it: the chain of
document timestamps is validated at the validation time, and gives proof that
the signature and its validation data (DSS: certificates, the CA's revocation
list) existed at its signature timestamp; the signer's certificate is then
validated as of that time. Expiry after signing does not matter; a revocation
before the signature timestamp does.

Revocation is checked for the end-entity certificates (reviewer, timestamp
authority) against CRLs only (the organization CA publishes CRLs, no OCSP);
the root is a trust anchor. Nothing is fetched.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ixreview.letters.timestamps import LongTerm

_WHY = {
    "REVOKED": "the signer's certificate was revoked before the letter was signed",
    "REVOKED_NO_POE": "the signer's certificate was revoked, and nothing proves the letter "
    "was signed before that",
    "EXPIRED": "the signer's certificate had expired when the letter was signed",
    "NOT_YET_VALID": "the signer's certificate was not yet valid when the letter was signed",
    "NO_POE": "no valid timestamp proves when the letter was signed",
    "OUT_OF_BOUNDS_NO_POE": "the signer's certificate is expired or revoked, and no valid "
    "timestamp proves the letter was signed before that",
    "NO_CERTIFICATE_CHAIN_FOUND": "the signer's certificate does not chain to the "
    "organization's trusted root",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "the signer's certificate chain is not valid",
    "TRY_LATER": "the revocation status of the signer's certificate is not known (no "
    "revocation list covers it)",
    "TIMESTAMP_ORDER_FAILURE": "the letter's timestamps are out of order",
}


def _crl_containers(crls: Sequence[str | bytes]) -> list[Any]:
    from asn1crypto import crl as asn1_crl
    from pyhanko_certvalidator.revinfo.archival import CRLContainer

    out = []
    for item in crls:
        data = item.encode("ascii") if isinstance(item, str) else item
        if b"-----BEGIN" in data:
            data = x509.load_pem_x509_crl(data).public_bytes(serialization.Encoding.DER)
        out.append(CRLContainer(asn1_crl.CertificateList.load(data)))
    return out


def validate_long_term(
    sig: Any,
    stamps: list[Any],
    roots: list[x509.Certificate],
    crls: Sequence[str | bytes],
    at: datetime | None,
    out: dict[str, Any],
    reasons: list[str],
) -> Any:
    """The pyHanko status of `sig` validated long-term; fills `out`, adds to `reasons`."""
    from pyhanko.sign.ades.report import AdESPassed
    from pyhanko.sign.validation.ades import ades_lta_validation
    from pyhanko.sign.validation.policy_decl import (
        LocalKnowledge,
        PdfSignatureValidationSpec,
        RevinfoOnlineFetchingRule,
        RevocationInfoGatheringSpec,
        SignatureValidationSpec,
    )
    from pyhanko_certvalidator.context import CertValidationPolicySpec
    from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
    from pyhanko_certvalidator.policy_decl import (
        CertRevTrustPolicy,
        RevocationCheckingPolicy,
        RevocationCheckingRule,
    )
    from pyhanko_certvalidator.registry import SimpleTrustManager

    from ixreview.letters.asn1 import asn1_cert

    anchors = [asn1_cert(r) for r in roots]
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=anchors),
                revinfo_policy=CertRevTrustPolicy(
                    RevocationCheckingPolicy(
                        ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
                        intermediate_ca_cert_rule=RevocationCheckingRule.NO_CHECK,
                    )
                ),
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
            local_knowledge=LocalKnowledge(known_crls=_crl_containers(crls)),
        )
    )
    now = (at or datetime.now(UTC)).astimezone(UTC)
    timing = ValidationTimingInfo(
        validation_time=now, best_signature_time=now, point_in_time_validation=False
    )
    out["long_term"] = bool(stamps)
    if stamps:
        last = stamps[-1].signer_cert
        out["timestamps_valid_until"] = last["tbs_certificate"]["validity"]["not_after"].native
    try:
        result = asyncio.run(ades_lta_validation(sig, spec, timing_info=timing))
    except Exception as exc:
        reasons.append(f"The signature cannot be validated ({_short(exc)}).")
        return None
    ts_status = result.signature_timestamp_status
    ts_api = None if ts_status is None else ts_status.api_status
    if ts_api is not None:
        out["timestamp_time"] = ts_api.timestamp
    if not stamps:
        reasons.append(
            "The letter has no document timestamp, so it is not a long-term (B-LTA) "
            "signature: it cannot be validated once its signer's certificate expires."
        )
    status = result.api_status
    if result.ades_subindic != AdESPassed.OK:
        name = getattr(result.ades_subindic, "name", str(result.ades_subindic))
        out["not_trusted_reason"] = (
            f"The signature is not valid as of its signing time: {_WHY.get(name, name)} "
            f"({name.replace('_', ' ').lower()})."
        )
        revoked = revocation_reason(status, out.get("timestamp_time"))
        if revoked:
            out["not_trusted_reason"] = revoked
    if status is None:
        reasons.append(out.pop("not_trusted_reason", "The signature cannot be validated."))
        return None
    return status


def revocation_reason(status: Any, signed_by: datetime | None) -> str | None:
    """The sentence for a signature whose certificate a revocation list names (None: not)."""
    details = getattr(status, "revocation_details", None)
    if details is None:
        return None
    who = "a certificate above the signer's" if details.ca_revoked else "the signer's certificate"
    when = details.revocation_date.astimezone(UTC)
    proof = (
        f"and its signature timestamp ({signed_by.astimezone(UTC):%Y-%m-%d %H:%M} UTC) is later"
        if signed_by is not None
        else "and no timestamp proves the letter was signed before that"
    )
    return (
        f"The signature is not valid: {who} was revoked on {when:%Y-%m-%d %H:%M} UTC "
        f"(the account was deactivated), {proof}."
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def last_timestamp_expiry(pdf: bytes) -> datetime | None:
    """When the certificate of the letter's newest document timestamp expires (None: none)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    stamps = list(PdfFileReader(io.BytesIO(pdf)).embedded_timestamp_signatures)
    if not stamps:
        return None
    expiry: datetime = stamps[-1].signer_cert["tbs_certificate"]["validity"]["not_after"].native
    return expiry


def add_document_timestamp(pdf: bytes, long_term: LongTerm) -> bytes:
    """`pdf` plus an incremental update: validation data for the timestamps so far (the
    CA's latest CRL, certificates) and a new document timestamp over all of it.

    The earlier bytes are untouched, so the letter as first issued stays a prefix
    of the renewed one and verifies on its own.
    """
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
    from pyhanko_certvalidator import ValidationContext

    from ixreview.letters.asn1 import asn1_cert
    from ixreview.letters.signing import TIMESTAMP_FIELD

    timestamper = long_term.timestamper()
    context = ValidationContext(
        trust_roots=[asn1_cert(r) for r in long_term.roots],
        other_certs=[timestamper.tsa_cert] if hasattr(timestamper, "tsa_cert") else [],
        crls=long_term.crls_der(),
        allow_fetching=False,
        revocation_mode="hard-fail",
        moment=long_term.clock(),  # the authority's time: the newest timestamp is checked now
    )
    reader = PdfFileReader(io.BytesIO(pdf))
    count = len(list(reader.embedded_timestamp_signatures))
    stamper = PdfTimeStamper(timestamper, field_name=f"{TIMESTAMP_FIELD}{count + 1}")
    # Validates the newest timestamp, adds its validation data to the DSS, then stamps.
    out = stamper.update_archival_timestamp_chain(reader, context, in_place=False)
    result: bytes = out.getvalue()
    return result
