"""Two speed-ups installed into pyHanko's libraries when letters are signed or verified.

1. PDF hex strings.

pyHanko reads a hex string one token at a time in Python; a signed letter's
signature and document timestamps are hex strings of several thousand digits
(the CMS objects and their reserved room), so about a fifth of `verify_letter`
went there. This reads up to the closing '>' in blocks and decodes with
`binascii`, with the same result and the same errors (a non-hex character or a
truncated file raise `PdfStreamError`).

2. Certificate names. asn1crypto compares names (issuer, subject) after RFC 4518
string preparation, redone for every freshly parsed certificate; a long-term
validation compares the same few names hundreds of times (~10% of `verify`). The
preparation is a pure function of the string, so it is cached by string.
"""

from __future__ import annotations

import binascii
from functools import lru_cache
from typing import Any

_WHITESPACE = b" \t\r\n\f\x00"
_HEX = b"0123456789abcdefABCDEF"
_installed = False


def read_hex_string(stream: Any) -> Any:
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.misc import PdfStreamError

    stream.read(1)  # the opening '<'
    start = stream.tell()
    parts: list[bytes] = []
    while True:
        block = stream.read(8192)
        if not block:
            raise PdfStreamError("Stream has ended unexpectedly")
        end = block.find(b">")
        if end >= 0:
            parts.append(block[:end])
            break
        parts.append(block)
    digits = b"".join(parts)
    stream.seek(start + len(digits) + 1)
    digits = digits.translate(None, _WHITESPACE)
    stray = digits.translate(None, _HEX)
    if stray:
        raise PdfStreamError("Unexpected token in hex string: " + repr(stray[:1]))
    if len(digits) % 2:
        digits += b"0"
    return pdf_string(binascii.unhexlify(digits))


def install() -> None:
    """Replace pyHanko's hex-string reader, cache name preparation (once per process)."""
    global _installed
    if _installed:
        return
    from asn1crypto.x509 import NameTypeAndValue
    from pyhanko.pdf_utils import generic

    generic.read_hex_string_from_stream = read_hex_string
    prepare = NameTypeAndValue._ldap_string_prep
    cached = lru_cache(maxsize=4096)(lambda string: prepare(None, string))
    NameTypeAndValue._ldap_string_prep = lambda self, string: cached(string)
    _installed = True
