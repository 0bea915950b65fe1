"""Helpers shared by the letter tests (tests/ is not a package: pytest puts this folder on
sys.path, so test modules import this file as `letters_helpers`)."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from ixreview.letters import LetterData

ADMIN_PASSWORD = "admin-password-1"
PHYSICIAN_PASSWORD = "physician-pass-1"
NURSE_PASSWORD = "nurse-password-1"


def pdf_text(pdf: bytes) -> str:
    """All text of a PDF, whitespace collapsed (line breaks become spaces)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def with_changes(data: LetterData, **changes: Any) -> LetterData:
    """A copy of `data` with top-level fields replaced, validated again."""
    return LetterData.model_validate(data.model_dump() | changes)
