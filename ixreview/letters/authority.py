"""What the organization CA issues besides reviewer certificates: a timestamping
certificate for its local timestamp authority, and revocation lists.

- `issue_timestamping_certificate`: an ECDSA P-256 key and a certificate with the
  (critical) time-stamping extended key usage, for `timestamps.LocalTimeStamper`,
  the in-process RFC 3161 authority used when the plan configures no TSA URL.
- `make_crl`: the CA's certificate revocation list (CRL number, this/next update,
  the revoked serials with their revocation time). The workflow publishes a new
  one whenever an account is deactivated; every signed letter embeds the latest
  one (PAdES DSS), so it can be validated without the network, years later.

Only `cryptography` is imported here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ixreview.letters.credentials import SIGNING_KEY_USAGE, OrganizationCA
from ixreview.letters.errors import CredentialError

CRL_VALID_DAYS = 3650  # a revocation list is replaced when anything changes, not on a timer


def _ca_key(ca: OrganizationCA, ca_password: str) -> ec.EllipticCurvePrivateKey:
    key = ca.unlock(ca_password)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CredentialError("organization CA: its key must be ECDSA")
    return key


def issue_timestamping_certificate(
    ca: OrganizationCA,
    ca_password: str,
    *,
    now: dt.datetime | None = None,
    valid_years: int = 10,
) -> tuple[str, str]:
    """(unencrypted PKCS#8 key PEM, certificate PEM) of a new local timestamp authority.

    The key is returned in the clear because the authority signs without anyone
    typing a password; the caller keeps it in an owner-only file.
    """
    ca_key = _ca_key(ca, ca_password)
    ca_cert = ca.certificate()
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{ca.name} ixreview timestamp authority"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ca.name),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(
            min(now + dt.timedelta(days=365 * valid_years), ca_cert.not_valid_after_utc)
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(SIGNING_KEY_USAGE, critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def make_crl(
    ca: OrganizationCA,
    ca_password: str,
    revoked: Iterable[tuple[int, dt.datetime]],
    *,
    number: int,
    now: dt.datetime | None = None,
) -> str:
    """The CA's revocation list as PEM: `revoked` is (certificate serial, revoked at)."""
    ca_key = _ca_key(ca, ca_password)
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate().subject)
        .last_update(now)
        .next_update(now + dt.timedelta(days=CRL_VALID_DAYS))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
    )
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(when.astimezone(dt.UTC).replace(microsecond=0))
            .build()
        )
    crl = builder.sign(ca_key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.PEM).decode("ascii")
