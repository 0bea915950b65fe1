"""Drug vocabulary, NPI check digit and the ICD-10-CM index (from simple-icd-10-cm)."""

from __future__ import annotations

import sqlite3

import pytest

from ixreview.domain import icd10
from ixreview.domain.drugs import (
    DrugClass,
    all_names,
    classify_agent,
    generic_name,
    normalize_agent,
)
from ixreview.domain.npi import check_npi, npi_is_valid


@pytest.mark.parametrize(
    ("name", "cls", "generic"),
    [
        ("Taxotere", DrugClass.TAXANE, "docetaxel"),
        ("TAXOL", DrugClass.TAXANE, "paclitaxel"),
        ("NAB-PACLITAXEL", DrugClass.TAXANE, "nab-paclitaxel"),
        ("nab paclitaxel", DrugClass.TAXANE, "nab-paclitaxel"),
        ("protein bound paclitaxel", DrugClass.TAXANE, "nab-paclitaxel"),
        ("Paclitaxel, protein-bound", DrugClass.TAXANE, "nab-paclitaxel"),
        ("Abraxane®", DrugClass.TAXANE, "nab-paclitaxel"),
        ("Adriamycin", DrugClass.ANTHRACYCLINE, "doxorubicin"),
        ("Doxil", DrugClass.ANTHRACYCLINE, "liposomal doxorubicin"),
        ("ellence", DrugClass.ANTHRACYCLINE, "epirubicin"),
        ("Xeloda", DrugClass.CAPECITABINE, "capecitabine"),
        ("Herceptin", DrugClass.TRASTUZUMAB, "trastuzumab"),
        ("trastuzumab-dkst", DrugClass.TRASTUZUMAB, "trastuzumab-dkst"),
        ("Ogivri", DrugClass.TRASTUZUMAB, "trastuzumab-dkst"),
        ("Herzuma", DrugClass.TRASTUZUMAB, "trastuzumab-pkrb"),
        ("Ontruzant", DrugClass.TRASTUZUMAB, "trastuzumab-dttb"),
        ("TRAZIMERA", DrugClass.TRASTUZUMAB, "trastuzumab-qyyp"),
        ("Kanjinti", DrugClass.TRASTUZUMAB, "trastuzumab-anns"),
        ("Hercessi", DrugClass.TRASTUZUMAB, "trastuzumab-strf"),
        ("Trastuzumab Anns", DrugClass.TRASTUZUMAB, "trastuzumab-anns"),
        # Antibody-drug conjugates are different drugs, not trastuzumab.
        ("Kadcyla", DrugClass.OTHER, "ado-trastuzumab emtansine"),
        ("ado-trastuzumab emtansine", DrugClass.OTHER, "ado-trastuzumab emtansine"),
        ("Enhertu", DrugClass.OTHER, "fam-trastuzumab deruxtecan"),
        ("fam-trastuzumab deruxtecan-nxki", DrugClass.OTHER, "fam-trastuzumab deruxtecan"),
        ("tamoxifen", DrugClass.ENDOCRINE, "tamoxifen"),
        ("Femara", DrugClass.ENDOCRINE, "letrozole"),
        ("Arimidex", DrugClass.ENDOCRINE, "anastrozole"),
        ("Aromasin", DrugClass.ENDOCRINE, "exemestane"),
        ("Faslodex", DrugClass.ENDOCRINE, "fulvestrant"),
    ],
)
def test_brand_and_generic_names(name: str, cls: DrugClass, generic: str) -> None:
    assert classify_agent(name) == cls
    assert generic_name(name) == generic


@pytest.mark.parametrize(
    "name", ["eribulin", "vinorelbine", "trastuzumab emtansine biosimilar", ""]
)
def test_unknown_agents_have_no_class(name: str) -> None:
    assert classify_agent(name) is None
    assert generic_name(name) is None


def test_normalization_folds_case_punctuation_and_spacing() -> None:
    assert (
        normalize_agent(" Nab-Paclitaxel® ") == normalize_agent("NAB PACLITAXEL") == "nabpaclitaxel"
    )


def test_all_names_lists_generics_and_brands_once() -> None:
    names = all_names()
    assert len(names) == len(set(names))
    assert {"Taxotere", "docetaxel", "Kadcyla", "Herceptin"} <= set(names)
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize("npi", ["1234567893", "1245319599", "1003000126"])
def test_valid_npis(npi: str) -> None:
    assert npi_is_valid(npi)
    assert check_npi(npi) == npi


@pytest.mark.parametrize(
    "npi", ["1234567890", "1234567894", "1245319590", "123456789", "", "１２３４５６７８９３"]
)
def test_invalid_npis(npi: str) -> None:
    assert not npi_is_valid(npi)
    with pytest.raises(ValueError, match="NPI"):
        check_npi(npi)


def test_icd10_lookup_uses_the_code_set() -> None:
    info = icd10.lookup("C50.412")
    assert info == icd10.CodeInfo(
        "C50.412", "Malignant neoplasm of upper-outer quadrant of left female breast", True
    )
    assert icd10.lookup("c50412") == info
    assert icd10.lookup("C50.41") == icd10.CodeInfo(
        "C50.41", "Malignant neoplasm of upper-outer quadrant of breast, female", False
    )
    assert icd10.lookup("C50.999") is None
    # The policy text's typo does not leak in: Z17.1 is estrogen receptor NEGATIVE status.
    assert icd10.description("Z17.1") == "Estrogen receptor negative status [ER-]"
    assert icd10.description("C79.81") == "Secondary malignant neoplasm of breast"
    assert icd10.description("Z85.3") == "Personal history of malignant neoplasm of breast"
    # Receptor-status codes of current code sets are known (not a hand-kept list).
    assert icd10.lookup("Z17.31") is not None


def test_categories_named_like_their_block_are_known_but_not_billable() -> None:
    for code in ("C50", "B20", "D3A"):
        info = icd10.lookup(code)
        assert info is not None, code
    assert icd10.lookup("C50") == icd10.CodeInfo("C50", "Malignant neoplasm of breast", False)
    assert icd10.lookup("B20") is not None and icd10.lookup("B20").billable  # type: ignore[union-attr]


def test_completion_returns_billable_codes_with_the_prefix() -> None:
    got = icd10.complete("C50.41")
    assert [c.code for c in got] == ["C50.411", "C50.412", "C50.419"]
    assert all(c.billable for c in got)
    assert len(icd10.complete("C50", limit=5)) == 5


def test_index_is_the_installed_one_or_derived_into_the_cache() -> None:
    """The product's installed index is used when present; the cold path (no installed
    index) is tested in tests/cli/test_icd10_index.py."""
    path = icd10.index_path()
    installed = icd10.installed_index_path()
    expected_dir = installed.parent if installed is not None else icd10.cache_dir()
    assert path.exists() and path.parent == expected_dir
    assert f"-v{icd10.INDEX_SCHEMA}-" in path.name
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (count,) = con.execute("SELECT count(*) FROM codes WHERE billable = 1").fetchone()
    finally:
        con.close()
    assert count > 70_000  # the whole ICD-10-CM code set, not a hand-kept list
