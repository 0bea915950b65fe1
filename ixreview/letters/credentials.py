"""Signing credentials: the organization's local CA and each reviewer's key + certificate.

The admin creates the ixreview CA once (`create_organization_ca`); enrolling a
reviewer (`enroll_reviewer`) issues an ECDSA P-256 key and a certificate signed
by that CA. A plan with its own PKI imports a reviewer's PKCS#12 file instead
(`import_pkcs12`).

Private keys are never kept in plain text: each is stored as an encrypted
PKCS#8 PEM (cryptography's BestAvailableEncryption). Its passphrase is not the
password itself but an Argon2id hash of it with a per-key salt, because the
PKCS#8 key derivation alone is cheap enough to guess passwords against a stolen
key file quickly. Unlocking therefore costs ~40 ms, paid once per signature.

Only `cryptography` and `argon2` are imported here; pyHanko stays out.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import unicodedata
from typing import Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pydantic import BaseModel, ConfigDict, Field

from ixreview.letters.errors import CredentialError, WrongPasswordError

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

# X.520 "role" (id-at-role): the machine-readable role the organization CA vouches
# for ("physician_reviewer", "nurse_reviewer"). The title beside it is for people.
ROLE_OID = x509.ObjectIdentifier("2.5.4.72")
PHYSICIAN_ROLE = "physician_reviewer"
# Certificates issued before the role attribute name the role only in their title;
# these title openings (the workflow's SIGNER_TITLES) identify it, both signed by the CA.
_LEGACY_TITLES = {"physician reviewer": PHYSICIAN_ROLE, "nurse reviewer": "nurse_reviewer"}

MIN_PASSWORD_LENGTH = 8

# Reviewers and the timestamp authority sign (and commit to) content, nothing else.
SIGNING_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=True,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


class KeyProtection(BaseModel):
    """How a private key's passphrase is derived from the owner's password."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kdf: Literal["argon2id"] = "argon2id"
    salt_hex: str
    time_cost: int = 2
    memory_kib: int = 19_456  # OWASP's minimum recommendation for Argon2id
    parallelism: int = 1

    @classmethod
    def new(cls) -> KeyProtection:
        return cls(salt_hex=os.urandom(16).hex())

    def passphrase(self, password: str) -> bytes:
        secret = unicodedata.normalize("NFC", password).encode("utf-8")
        return hash_secret_raw(
            secret,
            bytes.fromhex(self.salt_hex),
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )


class _Credential(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key_pem: str  # "-----BEGIN ENCRYPTED PRIVATE KEY-----"
    protection: KeyProtection
    cert_pem: str

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem.encode("ascii"))

    def unlock(self, password: str) -> PrivateKey:
        """The private key, or `WrongPasswordError` (nothing else is touched)."""
        try:
            key = serialization.load_pem_private_key(
                self.key_pem.encode("ascii"), password=self.protection.passphrase(password)
            )
        except ValueError:
            raise WrongPasswordError("the password does not unlock this signing key") from None
        if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            raise CredentialError("signing key: only ECDSA and RSA keys are supported")
        return key

    @property
    def fingerprint_sha256(self) -> str:
        return self.certificate().fingerprint(hashes.SHA256()).hex()


class OrganizationCA(_Credential):
    """The local ixreview certificate authority, kept by the admin (key: admin password)."""

    name: str


class ReviewerCredential(_Credential):
    """A reviewer's signing key (encrypted) and certificate, plus the chain up to the root."""

    chain_pem: list[str] = Field(default_factory=list)  # issuer certificates, root last

    def chain(self) -> list[x509.Certificate]:
        return [x509.load_pem_x509_certificate(p.encode("ascii")) for p in self.chain_pem]

    def to_stored(self) -> tuple[bytes, str]:
        """(encrypted key blob, certificate PEM): the users table's two columns.

        The blob is JSON with the encrypted PEM, its Argon2id parameters and the
        chain; it holds nothing usable without the reviewer's password.
        """
        blob = self.model_dump_json(include={"key_pem", "protection", "chain_pem"})
        return blob.encode("utf-8"), self.cert_pem

    @classmethod
    def from_stored(cls, key_blob: bytes, cert_pem: str) -> ReviewerCredential:
        """The credential back from `to_stored`'s two values; CredentialError if damaged."""
        try:
            fields = json.loads(key_blob.decode("utf-8"))
            if not isinstance(fields, dict):
                raise ValueError("not a JSON object")
            return cls.model_validate({**fields, "cert_pem": cert_pem})
        except ValueError as exc:  # includes JSON, UTF-8 and validation errors
            raise CredentialError(f"stored signing key: cannot be read ({exc})") from None


def _check_password(password: str, field: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise CredentialError(f"{field}: must be at least {MIN_PASSWORD_LENGTH} characters")


def encrypt_private_key(key: PrivateKey, password: str) -> tuple[str, KeyProtection]:
    """The key as encrypted PKCS#8 PEM, its passphrase derived from `password` (Argon2id)."""
    protection = KeyProtection.new()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(protection.passphrase(password)),
    )
    return pem.decode("ascii"), protection


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def create_organization_ca(
    organization: str, admin_password: str, *, valid_years: int = 20
) -> OrganizationCA:
    """A new self-signed CA (ECDSA P-256) for `organization`; its key is under `admin_password`."""
    organization = organization.strip()
    if not organization:
        raise CredentialError("organization: must not be empty")
    _check_password(admin_password, "admin_password")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{organization} ixreview signing CA"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
        ]
    )
    now = _now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=365 * valid_years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem, protection = encrypt_private_key(key, admin_password)
    return OrganizationCA(
        name=organization, key_pem=key_pem, protection=protection, cert_pem=_pem(cert)
    )


def enroll_reviewer(
    ca: OrganizationCA,
    ca_password: str,
    *,
    name: str,
    role: str,
    password: str,
    credentials: str = "",
    email: str | None = None,
    valid_years: int = 10,
    role_code: str | None = None,
    valid_for: dt.timedelta | None = None,
    now: dt.datetime | None = None,
) -> ReviewerCredential:
    """Issue a reviewer's ECDSA P-256 key and certificate, signed by the organization CA.

    The certificate's subject carries the printed name (CN), credentials and role
    (title), so a verifier can show who signed without our database; `role_code`
    goes in the X.520 role attribute, which deciding and `verify` check. The new key
    is encrypted under the reviewer's own `password`. `valid_for` overrides
    `valid_years` (tests of expiry).
    """
    name, role = name.strip(), role.strip()
    if not name:
        raise CredentialError("name: must not be empty")
    if not role:
        raise CredentialError("role: must not be empty")
    _check_password(password, "password")
    ca_key = ca.unlock(ca_password)
    ca_cert = ca.certificate()
    key = ec.generate_private_key(ec.SECP256R1())
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name)]
    title = f"{role} ({credentials.strip()})" if credentials.strip() else role
    attrs.append(x509.NameAttribute(NameOID.TITLE, title))
    if role_code:
        attrs.append(x509.NameAttribute(ROLE_OID, role_code))
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, ca.name))
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email.strip()))
    now = (now or _now()).replace(microsecond=0)
    lifetime = valid_for or dt.timedelta(days=365 * valid_years)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(min(now + lifetime, ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(SIGNING_KEY_USAGE, critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise CredentialError("organization CA: its key must be ECDSA")
    cert = builder.sign(ca_key, hashes.SHA256())
    key_pem, protection = encrypt_private_key(key, password)
    return ReviewerCredential(
        key_pem=key_pem,
        protection=protection,
        cert_pem=_pem(cert),
        chain_pem=[ca.cert_pem],
    )


def import_pkcs12(data: bytes, file_password: str, password: str) -> ReviewerCredential:
    """A reviewer credential from the organization's PKCS#12 file.

    `file_password` opens the file; the key is then re-encrypted under the
    reviewer's own `password`. Raises `CredentialError` naming what is wrong.
    """
    _check_password(password, "password")
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(
            data, file_password.encode("utf-8") if file_password else None
        )
    except ValueError as exc:
        raise CredentialError(
            f"PKCS#12 file: cannot open it (wrong file password or not a PKCS#12 file: {exc})"
        ) from None
    if key is None or cert is None:
        raise CredentialError("PKCS#12 file: it must hold a private key and its certificate")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise CredentialError("PKCS#12 file: only ECDSA and RSA keys are supported")
    if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
        raise CredentialError("PKCS#12 file: the certificate does not belong to the private key")
    key_pem, protection = encrypt_private_key(key, password)
    return ReviewerCredential(
        key_pem=key_pem,
        protection=protection,
        cert_pem=_pem(cert),
        chain_pem=[_pem(c) for c in extra or []],
    )


def certificate_display_name(cert: x509.Certificate) -> str:
    """The subject's common name (or the whole subject when it has none)."""
    cns = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if cns:
        value = cns[0].value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return cert.subject.rfc4514_string()


def certificate_role(cert: x509.Certificate) -> str | None:
    """The role the CA vouched for: the role attribute, else a legacy title's opening."""
    roles = cert.subject.get_attributes_for_oid(ROLE_OID)
    if roles:
        value = roles[0].value
        return value if isinstance(value, str) else value.decode("utf-8", "replace")
    titles = cert.subject.get_attributes_for_oid(NameOID.TITLE)
    title = str(titles[0].value).casefold() if titles else ""
    for opening, role in _LEGACY_TITLES.items():
        if title.startswith(opening):
            return role
    return None


def certificate_title(cert: x509.Certificate) -> str | None:
    titles = cert.subject.get_attributes_for_oid(NameOID.TITLE)
    return str(titles[0].value) if titles else None
