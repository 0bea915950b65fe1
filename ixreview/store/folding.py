"""Name folding lives in the domain (`ixreview.domain.folding`): the desk's queue filter
folds as the store's search does, without importing the store."""

from __future__ import annotations

from ixreview.domain.folding import fold, search_tokens

__all__ = ["fold", "search_tokens"]
