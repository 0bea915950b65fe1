"""Drug vocabulary: generic and brand names the reviewer sees in a treatment history.

Names match case- and punctuation-insensitively ("Nab-Paclitaxel", "nab paclitaxel"
and "NAB PACLITAXEL" are one drug). An agent missing from this list is an input
error unless the case gives its class.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache


class DrugClass(StrEnum):
    TAXANE = "taxane"
    ANTHRACYCLINE = "anthracycline"
    CAPECITABINE = "capecitabine"
    TRASTUZUMAB = "trastuzumab"
    ENDOCRINE = "endocrine"
    OTHER = "other"


# Generic name -> (class, brand and alternative names). From domain-notes.md.
_VOCABULARY: dict[str, tuple[DrugClass, tuple[str, ...]]] = {
    "paclitaxel": (DrugClass.TAXANE, ("Taxol",)),
    "docetaxel": (DrugClass.TAXANE, ("Taxotere",)),
    "nab-paclitaxel": (
        DrugClass.TAXANE,
        ("protein-bound paclitaxel", "paclitaxel protein-bound", "Abraxane"),
    ),
    "doxorubicin": (DrugClass.ANTHRACYCLINE, ("Adriamycin",)),
    "liposomal doxorubicin": (
        DrugClass.ANTHRACYCLINE,
        ("doxorubicin liposomal", "pegylated liposomal doxorubicin", "Doxil"),
    ),
    "epirubicin": (DrugClass.ANTHRACYCLINE, ("Ellence",)),
    "capecitabine": (DrugClass.CAPECITABINE, ("Xeloda",)),
    "trastuzumab": (DrugClass.TRASTUZUMAB, ("Herceptin",)),
    "trastuzumab-dkst": (DrugClass.TRASTUZUMAB, ("Ogivri",)),
    "trastuzumab-pkrb": (DrugClass.TRASTUZUMAB, ("Herzuma",)),
    "trastuzumab-dttb": (DrugClass.TRASTUZUMAB, ("Ontruzant",)),
    "trastuzumab-qyyp": (DrugClass.TRASTUZUMAB, ("Trazimera",)),
    "trastuzumab-anns": (DrugClass.TRASTUZUMAB, ("Kanjinti",)),
    "trastuzumab-strf": (DrugClass.TRASTUZUMAB, ("Hercessi",)),
    # Antibody-drug conjugates: different drugs, not trastuzumab for this policy.
    "fam-trastuzumab deruxtecan": (DrugClass.OTHER, ("fam-trastuzumab deruxtecan-nxki", "Enhertu")),
    "ado-trastuzumab emtansine": (DrugClass.OTHER, ("Kadcyla", "T-DM1")),
    "tamoxifen": (DrugClass.ENDOCRINE, ("Nolvadex", "Soltamox")),
    "letrozole": (DrugClass.ENDOCRINE, ("Femara",)),
    "anastrozole": (DrugClass.ENDOCRINE, ("Arimidex",)),
    "exemestane": (DrugClass.ENDOCRINE, ("Aromasin",)),
    "fulvestrant": (DrugClass.ENDOCRINE, ("Faslodex",)),
    "ixabepilone": (DrugClass.OTHER, ("Ixempra",)),
}


_CLASS_PHRASES: dict[DrugClass, str] = {
    DrugClass.TAXANE: "is a taxane",
    DrugClass.ANTHRACYCLINE: "is an anthracycline",
    DrugClass.CAPECITABINE: "is capecitabine",
    DrugClass.TRASTUZUMAB: "is trastuzumab or a trastuzumab biosimilar",
    DrugClass.ENDOCRINE: "is an endocrine therapy",
    DrugClass.OTHER: (
        'the vocabulary classes as "other" (not a taxane, anthracycline, capecitabine, '
        "trastuzumab or endocrine therapy)"
    ),
}


def class_phrase(cls: DrugClass) -> str:
    """What a drug of this class is, to follow "which": "is an anthracycline"."""
    return _CLASS_PHRASES[cls]


def normalize_agent(name: str) -> str:
    """Fold case, accents-free punctuation and spacing: 'Nab-Paclitaxel®' -> 'nabpaclitaxel'."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _index() -> dict[str, tuple[str, DrugClass]]:
    index: dict[str, tuple[str, DrugClass]] = {}
    for generic, (cls, others) in _VOCABULARY.items():
        for name in (generic, *others):
            index[normalize_agent(name)] = (generic, cls)
    return index


_INDEX = _index()


@lru_cache(maxsize=4096)  # a pure look-up; a treatment history names the same few agents
def _known(name: str) -> tuple[str, DrugClass] | None:
    return _INDEX.get(normalize_agent(name))


def classify_agent(name: str) -> DrugClass | None:
    """The class of a known agent, or None when the vocabulary does not know it."""
    hit = _known(name)
    return hit[1] if hit else None


def generic_name(name: str) -> str | None:
    hit = _known(name)
    return hit[0] if hit else None


def all_names() -> list[str]:
    """Every generic and brand name, for completion in the checklist."""
    names = {n for g, (_, others) in _VOCABULARY.items() for n in (g, *others)}
    return sorted(names, key=str.casefold)
