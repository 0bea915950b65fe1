"""Member-facing wording rules: how a clause is cited, and plain words for codes.

A letter cites a clause the way the policy prints it (its number under its
section heading, "“may not be approved” list, item II"), never by ixreview's
internal clause id. Codes and acronyms a member cannot be expected to know
(J9207, HER2, AST, ULN, NCCN 2A, ...) are explained once, at their first use
outside quoted policy wording; the words come from `common.yaml` (`glossary`,
`rewrite`), so a plan can change them without code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

from ixreview.domain.evaluation import ClauseResult, ClauseRole, Truth
from ixreview.letters.templates import Markup, TemplateSet, fill

# A clause number as printed: "I", "II.A", "3", "3.a" (not a name such as "Breast Cancer").
_ITEM_NUMBER = re.compile(r"^(?:[0-9]+|[IVXLC]+)(?:\.[0-9A-Za-z]+)*$")


def section_name(templates: TemplateSet, section: str) -> str:
    """The section heading as a member reads it (from `common.yaml: section_names`)."""
    named = templates.common.section_names.get(section.strip())
    if named:
        return named
    text = section.strip()
    return text.capitalize() if text.isupper() else text


def clause_citation(templates: TemplateSet, clause: ClauseResult) -> Markup:
    """ "Coverage Criteria, criterion 3" / "“may not be approved” list, item II"."""
    number = (clause.number or clause.id).strip()
    if not _ITEM_NUMBER.match(number):
        name = "clause_cite_named"
    elif clause.role is ClauseRole.EXCLUSION:
        name = "clause_cite_exclusion"
    else:
        name = "clause_cite_approval"
    values = {"section_name": section_name(templates, clause.section), "number": number}
    return fill(templates.fmt(None, name), values, where=f"common.yaml: formats.{name}")


class Explainer:
    """Explains each glossary term once, at its first use, across one letter.

    Works on paragraph markup: terms are matched as whole words outside tags.
    Call `explain` on member-facing text in reading order; never on policy quotes.
    """

    def __init__(self, templates: TemplateSet) -> None:
        self._glossary = dict(templates.common.glossary)
        self._rewrite = dict(templates.common.rewrite)
        # Longest first, so "NCCN 2A" is explained before "NCCN" could be.
        self._terms = sorted(self._glossary, key=len, reverse=True)
        self.explained: set[str] = set()

    def explain(self, markup: str) -> Markup:
        text = markup
        for old, new in self._rewrite.items():
            text = text.replace(old, new)
        parts = re.split(r"(<[^>]*>)", text)  # tags stay as they are
        for term in self._terms:
            if term in self.explained:
                continue
            pattern = re.compile(rf"(?<![\w/-]){re.escape(term)}(?![\w/-])")
            for i, part in enumerate(parts):
                if part.startswith("<"):
                    continue
                found = pattern.search(part)
                if found is None:
                    continue
                if part[found.end() :].startswith(" ("):
                    # Already explained in place ("AST (aspartate aminotransferase)").
                    self.explained.add(term)
                    break
                words = self._glossary[term]
                parts[i] = part[: found.start()] + words + part[found.end() :]
                self.explained.add(term)
                # A term inside the explanation just printed counts as explained too.
                self.explained.update(t for t in self._terms if t in words)
                break
        return Markup("".join(parts))


__all__ = ["Explainer", "clause_citation", "section_name"]


class Effect(StrEnum):
    """What a clause's finding does to the outcome: the one colour on screen and paper."""

    SUPPORTS = "supports"  # a criterion met, an exclusion that does not apply
    AGAINST = "against"  # a criterion not met, an exclusion that applies
    UNDOCUMENTED = "undocumented"
    NONE = "none"  # not applicable, or an alternative route not taken


def status_key(clause: ClauseResult) -> str:
    """The `common.yaml: status` key for the clause's finding ("exclusion_met" = Applies)."""
    key = clause.status.value
    return f"exclusion_{key}" if clause.role is ClauseRole.EXCLUSION else key


def route_not_taken(clause: ClauseResult, clauses: Sequence[ClauseResult]) -> bool:
    """An approval criterion not met (or not documented) under one that is met: an
    alternative of an "any of the following" that another alternative satisfied."""
    if clause.role is not ClauseRole.APPROVAL or clause.status is Truth.MET:
        return False
    by_id = {c.id: c for c in clauses}
    parent = by_id.get(clause.parent or "")
    while parent is not None:
        if parent.status is Truth.MET:
            return True
        parent = by_id.get(parent.parent or "")
    return False


def effect(clause: ClauseResult, clauses: Sequence[ClauseResult]) -> Effect:
    if clause.status is Truth.NOT_APPLICABLE or route_not_taken(clause, clauses):
        return Effect.NONE
    if clause.status is Truth.UNKNOWN:
        return Effect.UNDOCUMENTED
    against = (clause.status is Truth.MET) == (clause.role is ClauseRole.EXCLUSION)
    return Effect.AGAINST if against else Effect.SUPPORTS
