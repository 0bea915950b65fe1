"""The organization's trust root, pinned outside any database, and its long-term material.

`ixreview verify` trusts only roots it did not read from a database someone with
file access can edit: the pinned file `<config dir>/trust-roots.pem` (owner-only,
the config dir of `store.audit_keys.config_dir`), or `--trust`.

- Setup (the first administrator) pins the new organization CA: appends it to
  the file, audited as `trust_pinned`. Any other change is an administrator
  action (`pin_root`, audited with the fingerprints before and after); a user
  signing in after a change is shown it (`trust_notice`), and so is a change of
  the file that no audit entry explains.
- Beside it, per organization CA (`org-<CA fingerprint>/`): the local timestamp
  authority's key and certificate (`tsa-key.pem`, `tsa-cert.pem`, issued by the
  CA at setup) and the CA's latest revocation list (`crl.pem`), which every
  letter embeds and `verify` also consults.
- A plan's own timestamp authority: setting `signing.tsa_url` (then the local
  one is not used).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from ixreview.letters.authority import issue_timestamping_certificate, make_crl
from ixreview.letters.credentials import OrganizationCA
from ixreview.letters.timestamps import LongTerm
from ixreview.store import Store
from ixreview.store.audit_keys import config_dir, write_private
from ixreview.workflow import keys

TRUST_FILE = "trust-roots.pem"
TSA_REISSUE_BEFORE = timedelta(days=2 * 365)
TSA_URL_SETTING = "signing.tsa_url"
PINNED_ACTION = "trust_pinned"


def tsa_now() -> datetime:
    """The local authority's time: the system clock, never the store's (a practice or
    test clock), since whoever sets that clock would set the proof of time. The
    revocation lists and the authority's certificate are dated by it too."""
    return datetime.now(UTC)


def _tsa_clock() -> datetime:
    return tsa_now()  # looked up at call time, so a test can replace `tsa_now`


def trust_file() -> Path:
    return config_dir() / TRUST_FILE


def _fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def pinned_roots(path: Path | None = None) -> list[x509.Certificate]:
    """The pinned roots; [] when nothing is pinned. ValueError for a bad or exposed file."""
    path = path or trust_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    if os.name == "posix" and path.stat().st_mode & 0o022:
        raise ValueError(f"{path}: others may write to it; it cannot be trusted (chmod 600)")
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise ValueError(f"{path}: not PEM certificates ({exc})") from None


def pin_root(store: Store, cert_pem: str, *, actor: int | None, replace: bool = False) -> bool:
    """Add (or, with `replace`, make the only) pinned root; audited. False if already pinned."""
    cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
    path = trust_file()
    before = pinned_roots(path)
    if not replace and any(_fingerprint(c) == _fingerprint(cert) for c in before):
        return False
    after = [cert] if replace else [*before, cert]
    data = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in after)
    write_private(path, data)
    store.audit.append(
        PINNED_ACTION,
        "trust_root",
        _fingerprint(cert)[:16],
        actor=actor,
        details={
            "added": _fingerprint(cert),
            "before": sorted(_fingerprint(c) for c in before),
            "replaced": replace,
            "file_sha256": hashlib.sha256(data).hexdigest(),
        },
    )
    return True


def trust_notice(store: Store, since: str | None) -> str | None:
    """What to show at sign-in: a trust-root change since `since` (ISO time), or a file
    that differs from the last audited pinning in a way that matters to this database."""
    rows = store.conn.execute(
        "SELECT at, details_json FROM audit_log WHERE object_type = 'trust_root'"
        " AND action = ? ORDER BY seq",
        (PINNED_ACTION,),
    ).fetchall()
    if not rows:
        return None
    last_at = rows[-1][0]
    problem = file_problem(store)
    if problem:
        return problem.message
    if since is not None and last_at > since:
        return (
            f"An administrator changed the pinned trust root on {last_at[:10]} "
            f"(now {len(pinned_roots())} root(s) pinned)."
        )
    return None


@dataclass(frozen=True)
class TrustFileProblem:
    """The trust file differs from the last pinning audited in this database.

    `serious`: this organization's root is gone (its letters no longer verify), or the
    file cannot be used. Otherwise roots were added that no administrator of this
    database pinned: named, but not an error, since another organization's database
    on the same computer pins its root in the same file.
    """

    message: str
    serious: bool


def file_problem(store: Store) -> TrustFileProblem | None:
    """The trust file against the last pinning audited in this database (`audit verify`,
    `verify` and the sign-in notice): None when it agrees, or differs harmlessly."""
    if getattr(store, "backend", "sqlite") != "sqlite":
        return None
    row = store.conn.execute(
        "SELECT details_json FROM audit_log WHERE object_type = 'trust_root' AND action = ?"
        " ORDER BY seq DESC LIMIT 1",
        (PINNED_ACTION,),
    ).fetchone()
    if row is None:
        return None
    import json

    last = json.loads(row[0])
    if _file_digest(trust_file()) == last.get("file_sha256"):
        return None
    try:
        have = {_fingerprint(c) for c in pinned_roots()}
    except ValueError as exc:
        return TrustFileProblem(f"The pinned trust-root file cannot be used ({exc}).", True)
    own = _database_ca(store)
    if own is not None and _fingerprint(own) not in have:
        return TrustFileProblem(
            "The pinned trust-root file changed without an administrator's audited action "
            "and no longer holds this organization's root: its letters cannot be verified "
            "until an administrator pins it again (ixreview letters pin).",
            True,
        )
    expected = {str(last.get("added"))}
    if not last.get("replaced"):
        expected |= set(last.get("before", []))
    extra = sorted(have - expected)
    if not extra:
        return None  # only roots this database does not use were removed
    return TrustFileProblem(
        "The pinned trust-root file changed without an administrator's audited action: "
        f"it trusts {len(extra)} root(s) no administrator of this database pinned "
        f"(SHA-256 {', '.join(f[:16] + '…' for f in extra)}), so letters signed under "
        "them would verify too. An administrator should check the file (another "
        "organization's database on this computer pins its root there too).",
        False,
    )


def setting_problem(store: Store) -> str | None:
    """`audit verify`: a certificate in the database's CA setting that no administrator
    of this database pinned (the setting changed outside ixreview). None: all pinned, or
    nothing pinned here yet (an older database)."""
    if getattr(store, "backend", "sqlite") != "sqlite":
        return None
    import json

    audited = {
        str(json.loads(row[0]).get("added"))
        for row in store.conn.execute(
            "SELECT details_json FROM audit_log WHERE object_type = 'trust_root' AND action = ?",
            (PINNED_ACTION,),
        )
    }
    pem = store.settings.get(keys.CA_CERTIFICATE_SETTING)
    if not audited or not isinstance(pem, str):
        return None
    try:
        certs = x509.load_pem_x509_certificates(pem.encode("ascii"))
    except ValueError:
        return f"the setting {keys.CA_CERTIFICATE_SETTING} holds no readable certificate"
    strange = [c for c in certs if _fingerprint(c) not in audited]
    if not strange:
        return None
    names = ", ".join(f"{c.subject.rfc4514_string()} ({_fingerprint(c)[:16]}…)" for c in strange)
    return (
        f"the setting {keys.CA_CERTIFICATE_SETTING} names a signing authority no "
        f"administrator of this database pinned: {names}; it was changed outside ixreview"
    )


# -- long-term signing material ---------------------------------------------------------


def _org_dir(ca_cert: x509.Certificate) -> Path:
    return config_dir() / f"org-{_fingerprint(ca_cert)[:16]}"


def _database_ca(store: Store) -> x509.Certificate | None:
    pem = store.settings.get(keys.CA_CERTIFICATE_SETTING)
    if not isinstance(pem, str) or "BEGIN CERTIFICATE" not in pem:
        return None
    return x509.load_pem_x509_certificate(pem.encode("ascii"))


def database_ca(store: Store) -> x509.Certificate | None:
    """The organization CA this database names (setting `signing.trust_roots_pem`)."""
    return _database_ca(store)


def latest_crl(ca_cert: x509.Certificate) -> x509.CertificateRevocationList | None:
    """The CA's latest published revocation list on this computer (None: none yet)."""
    path = _org_dir(ca_cert) / "crl.pem"
    return x509.load_pem_x509_crl(path.read_bytes()) if path.exists() else None


def setup_long_term(store: Store, ca: OrganizationCA, ca_password: str, *, actor: int) -> None:
    """At setup (CA unlocked): issue the local timestamp authority and a first, empty CRL."""
    folder = _org_dir(ca.certificate())
    current = folder / "tsa-cert.pem"
    due = tsa_now() + TSA_REISSUE_BEFORE
    if (
        not current.exists()
        or x509.load_pem_x509_certificate(current.read_bytes()).not_valid_after_utc <= due
    ):
        # A new authority well before the old one expires, so `letters renew` can move
        # letters onto timestamps that outlive it.
        key_pem, cert_pem = issue_timestamping_certificate(ca, ca_password, now=tsa_now())
        write_private(folder / "tsa-key.pem", key_pem.encode("ascii"))
        write_private(folder / "tsa-cert.pem", cert_pem.encode("ascii"))
        store.audit.append("tsa_issued", "trust_root", None, actor=actor, details={})
    if not (folder / "crl.pem").exists():
        publish_crl(store, ca, ca_password, [], actor=actor)


def publish_crl(
    store: Store,
    ca: OrganizationCA,
    ca_password: str,
    revoke: list[tuple[int, datetime]],
    *,
    actor: int,
) -> int:
    """A new CRL: every serial already revoked plus `revoke`; returns its CRL number."""
    folder = _org_dir(ca.certificate())
    revoked: dict[int, datetime] = {}
    number = 1
    path = folder / "crl.pem"
    if path.exists():
        old = x509.load_pem_x509_crl(path.read_bytes())
        for entry in old:
            revoked[entry.serial_number] = entry.revocation_date_utc
        number_ext = old.extensions.get_extension_for_class(x509.CRLNumber)
        number = number_ext.value.crl_number + 1
    for serial, when in revoke:
        revoked.setdefault(serial, when)
    pem = make_crl(ca, ca_password, sorted(revoked.items()), number=number, now=tsa_now())
    write_private(path, pem.encode("ascii"))
    store.audit.append(
        "crl_published",
        "trust_root",
        None,
        actor=actor,
        details={"crl_number": number, "revoked": len(revoked)},
    )
    return number


def current_crls(store: Store | None = None) -> list[str]:
    """The latest CRL of every pinned organization (for `verify`)."""
    out = []
    try:
        roots = pinned_roots()
    except ValueError:
        roots = []
    for root in roots:
        path = _org_dir(root) / "crl.pem"
        if path.exists():
            out.append(path.read_text(encoding="ascii"))
    return out


def long_term(store: Store) -> LongTerm | None:
    """What a B-LTA signature needs for this database's organization; None if not set up
    (then letters are signed without timestamps, as before, and `verify` says so)."""
    ca_cert = _database_ca(store)
    if ca_cert is None:
        return None
    roots = [r for r in pinned_roots() if _fingerprint(r) == _fingerprint(ca_cert)]
    if not roots:
        return None
    folder = _org_dir(ca_cert)
    crl = folder / "crl.pem"
    crls = [crl.read_text(encoding="ascii")] if crl.exists() else []
    url = store.settings.get(TSA_URL_SETTING)
    if isinstance(url, str) and url.strip():
        return LongTerm(roots=roots, crls_pem=crls, tsa_url=url.strip(), clock=_tsa_clock)
    key, cert = folder / "tsa-key.pem", folder / "tsa-cert.pem"
    if not key.exists() or not cert.exists():
        return None
    return LongTerm(
        roots=roots,
        crls_pem=crls,
        tsa_key_pem=key.read_text(encoding="ascii"),
        tsa_cert_pem=cert.read_text(encoding="ascii"),
        clock=_tsa_clock,
    )


def signing_extras(store: Store) -> dict[str, Any]:
    """`sign_letter`'s long-term material and the audit head the letter will carry."""
    return {"long_term": long_term(store), "audit_head": store.audit.head()}


def sign_in_notice(store: Store, user_id: int) -> str | None:
    """`trust_notice` since the user's previous sign-in (desk database; the team server
    keeps its trust guard itself)."""
    if getattr(store, "backend", "sqlite") != "sqlite":
        return None
    row = store.conn.execute(
        "SELECT at FROM audit_log WHERE action = 'sign_in' AND object_type = 'user'"
        " AND object_id = ? ORDER BY seq DESC LIMIT 1",
        (str(user_id),),
    ).fetchone()
    try:
        return trust_notice(store, None if row is None else str(row[0]))
    except ValueError:  # an unreadable trust file: verify says why
        return "The pinned trust-root file cannot be read; ask an administrator."


def is_pinned(cert_pem: str) -> bool:
    """Whether this machine pins `cert_pem` as a trust root."""
    cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
    try:
        return any(_fingerprint(r) == _fingerprint(cert) for r in pinned_roots())
    except ValueError:
        return False
