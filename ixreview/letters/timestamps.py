"""RFC 3161 timestamps for long-term (PAdES B-LTA) letters, and what a signature embeds.

Two timestamp authorities:

- the plan's, at a configured URL (`LongTerm.tsa_url`, pyHanko's HTTP client);
- with none configured, the organization's own local authority: an in-process
  RFC 3161 signer holding a timestamping certificate issued by the organization
  CA (`authority.issue_timestamping_certificate`). It is pyHanko's
  `DummyTimeStamper` (an in-process TSA that grants every request) with two
  changes: it keeps its ECDSA key parsed (the original re-parses an RSA key for
  every token, ~25 ms) and takes its time from the caller's clock (the workflow
  passes the system clock, `workflow.trust.tsa_now`; tests pass their own).

A local authority proves time only as far as the machine's clock can be trusted;
a plan that needs third-party time proof configures its TSA URL.

pyHanko is imported when a timestamper is made, never at module import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from ixreview.letters.errors import CredentialError


@dataclass(frozen=True)
class LongTerm:
    """What `sign_letter` needs for a B-LTA signature.

    `roots`: the organization root(s) the chain ends in; `crls_pem`: the CA's
    latest revocation list(s), embedded in the letter's DSS; either `tsa_url`, or
    the local authority's `tsa_key_pem` + `tsa_cert_pem`; `clock` is the local
    authority's time source.
    """

    roots: list[x509.Certificate]
    crls_pem: list[str] = field(default_factory=list)
    tsa_url: str | None = None
    tsa_key_pem: str | None = None
    tsa_cert_pem: str | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)

    def timestamper(self) -> Any:
        if self.tsa_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper

            return HTTPTimeStamper(self.tsa_url)
        if not self.tsa_key_pem or not self.tsa_cert_pem:
            raise CredentialError(
                "timestamp authority: configure a TSA URL or issue the organization's local one"
            )
        return _local(self.tsa_key_pem, self.tsa_cert_pem, tuple(_pems(self.roots)), self.clock)

    def crls_der(self) -> list[bytes]:
        out = []
        for pem in self.crls_pem:
            crl = x509.load_pem_x509_crl(pem.encode("ascii"))
            out.append(crl.public_bytes(serialization.Encoding.DER))
        return out


def _pems(certs: list[x509.Certificate]) -> list[str]:
    return [c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in certs]


def _local(
    key_pem: str, cert_pem: str, chain_pem: tuple[str, ...], clock: Callable[[], datetime]
) -> Any:
    from ixreview.letters.asn1 import asn1_cert as der
    from ixreview.letters.asn1 import asn1_key

    key = _parse_key(key_pem)
    cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
    key_info = asn1_key(key)
    chain = [der(x509.load_pem_x509_certificate(p.encode("ascii"))) for p in chain_pem]
    return _local_class()(
        tsa_cert=der(cert), tsa_key=key_info, certs_to_embed=chain, parsed_key=key, clock=clock
    )


@lru_cache(maxsize=8)
def _parse_key(key_pem: str) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(key_pem.encode("ascii"), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CredentialError("timestamp authority: its key must be ECDSA")
    return key


@lru_cache(maxsize=1)
def _local_class() -> Any:
    from asn1crypto import algos, cms
    from cryptography.hazmat.primitives import hashes
    from pyhanko.sign import general
    from pyhanko.sign.general import simple_cms_attribute as untyped_attribute
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    from pyhanko_certvalidator.util import get_pyca_cryptography_hash

    def simple_cms_attribute(name: str, value: Any) -> Any:
        return untyped_attribute(name, value)  # type: ignore[no-untyped-call]

    class LocalTimeStamper(DummyTimeStamper):
        def __init__(
            self,
            *,
            parsed_key: ec.EllipticCurvePrivateKey,
            clock: Callable[[], datetime],
            **kwargs: Any,
        ) -> None:
            super().__init__(**kwargs)
            self._key = parsed_key
            self._clock = clock

        def request_tsa_response(self, req: Any) -> Any:
            self.fixed_dt = self._clock().astimezone(UTC)
            return super().request_tsa_response(req)

        def _sign_tst_info(self, tst_info_data: bytes, md_algorithm: str, dt: datetime) -> Any:
            digest = hashes.Hash(get_pyca_cryptography_hash(md_algorithm))
            digest.update(tst_info_data)
            signed_attrs = cms.CMSAttributes(
                [
                    simple_cms_attribute("content_type", "tst_info"),
                    simple_cms_attribute("signing_time", cms.Time({"utc_time": dt})),
                    simple_cms_attribute(
                        "signing_certificate", general.as_signing_certificate(self.tsa_cert)
                    ),
                    simple_cms_attribute("message_digest", digest.finalize()),
                ]
            )
            hash_algo = get_pyca_cryptography_hash(md_algorithm.upper())
            signature = self._key.sign(signed_attrs.dump(), ec.ECDSA(hash_algo))
            return signature, signed_attrs

        def _build_signed_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            data: dict[str, Any] = super()._build_signed_data(*args, **kwargs)
            info = data["signer_infos"][0]
            md = info["digest_algorithm"]["algorithm"].native
            info["signature_algorithm"] = algos.SignedDigestAlgorithm({"algorithm": f"{md}_ecdsa"})
            return data

    return LocalTimeStamper
