"""Name folding for accent- and case-insensitive search ("ibanez" finds "Ibáñez")."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not split into a base letter and a mark.
_EXTRA = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of `text`, for matching names."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().translate(_EXTRA).split())


def search_tokens(text: str) -> list[str]:
    """The words of a search text, folded; punctuation (quotes, %, _, ;) separates words."""
    return [t for t in _NON_WORD.split(fold(text).replace("_", " ")) if t]
