"""Layout: Unicode names, the envelope window, page numbering, flowing pages, drafts,
fonts embedded, and templates as data a plan can change."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from letters_helpers import page_texts, pdf_text, with_changes
from pypdf import PdfReader

from ixreview.letters import LetterData, TemplateError, load_templates, render_letter
from ixreview.letters.fonts import missing_glyphs
from ixreview.letters.layout import WINDOW_TOP, WINDOW_W, WINDOW_X
from ixreview.letters.model import InformationItem, Member, PlanLetterhead

NAMES = "Ibáñez Søndergaard Nguyễn Łukasz"
LONG_NAME = "María de los Ángeles Ibáñez-Søndergaard Nguyễn Thị Łukaszewicz-Øverland"


def test_font_covers_the_names_and_symbols_we_print() -> None:
    assert missing_glyphs(NAMES + " ≥ × µ ³ ² – “ ” •") == []


def test_long_non_latin_member_name_prints_exactly(approval: LetterData) -> None:
    member = Member(
        name=LONG_NAME,
        id="ZX-00042",
        birth_date=approval.member.birth_date,
        address_lines=["Søndergårdsvej 12, lejl. 3", "Nguyễn Huệ Street 7", "Łódź 90-001"],
    )
    rendered = render_letter(with_changes(approval, member=member))
    text = pdf_text(rendered.pdf)
    assert f"Dear {LONG_NAME}:" in text
    assert "Łódź 90-001" in text and "Nguyễn Huệ Street 7" in text
    assert "≥" not in LONG_NAME  # symbols: the dose line and the policy wording
    assert "75 mg (75 units of J9207)" in text and "× 1.86 m²" in text
    assert "cells/mm³" in text


def _window_texts(pdf: bytes) -> list[tuple[str, float, float]]:
    """Text pieces drawn on page 1 with their (x, y) positions."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_member_address_sits_in_the_envelope_window(approval: LetterData) -> None:
    pieces = _window_texts(render_letter(approval).pdf)
    window_bottom = WINDOW_TOP - 1.125 * 72
    for line in [approval.member.name, *approval.member.address_lines]:
        hits = [(x, y) for text, x, y in pieces if text == line]
        assert hits, f"{line!r} not drawn on page 1"
        x, y = hits[0]
        assert WINDOW_X - 1 <= x <= WINDOW_X + WINDOW_W
        assert window_bottom <= y <= WINDOW_TOP


def test_a_very_long_name_shrinks_to_stay_in_the_window(approval: LetterData) -> None:
    member = approval.member.model_copy(
        update={"name": LONG_NAME + " " + LONG_NAME, "address_lines": ["a", "b", "c", "d", "e"]}
    )
    pieces = _window_texts(render_letter(with_changes(approval, member=member)).pdf)
    window_bottom = WINDOW_TOP - 1.125 * 72
    last_line = [(x, y) for text, x, y in pieces if text == "e"]
    assert last_line and last_line[0][1] >= window_bottom


def test_every_page_has_reference_and_page_n_of_m(denial: LetterData) -> None:
    rendered = render_letter(denial)
    pages = page_texts(rendered.pdf)
    assert len(pages) == rendered.pages >= 2
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in text
        assert f"Reference {denial.reference}" in text


def test_a_short_letter_runs_to_exactly_two_pages(rfi: LetterData) -> None:
    rendered = render_letter(rfi)
    pages = page_texts(rendered.pdf)
    assert rendered.pages == 2
    assert "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    assert "Page 2 of 2" not in pages[0]


def test_long_content_flows_onto_further_pages(rfi: LetterData) -> None:
    assert rfi.information is not None
    items = [
        InformationItem(
            item=f"Document number {n}: " + "pathology report " * 12,
            why_needed=f"Needed for clause {n}. " * 6,
        )
        for n in range(1, 41)
    ]
    info = rfi.information.model_copy(update={"items": items})
    rendered = render_letter(with_changes(rfi, information=info))
    pages = page_texts(rendered.pdf)
    assert rendered.pages >= 4
    text = " ".join(pages)
    for n in (1, 20, 40):  # nothing lost across page breaks
        assert f"{n}. Document number {n}:" in text
    assert f"Page {rendered.pages} of {rendered.pages}" in pages[-1]
    assert rendered.signature_box is not None and rendered.signature_box.page == rendered.pages - 1


def test_fonts_are_embedded(approval: LetterData) -> None:
    reader = PdfReader(io.BytesIO(render_letter(approval).pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = 0
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None and "/FontFile2" in descriptor.get_object():
            embedded += 1
        assert "Helvetica" not in str(font.get("/BaseFont"))  # no unembedded base-14 fallback
    assert embedded >= 2


def test_draft_policy_preview_is_watermarked(denial: LetterData) -> None:
    policy = denial.evaluation.policy.model_copy(update={"status": "draft"})
    draft = with_changes(denial, evaluation=denial.evaluation.model_copy(update={"policy": policy}))
    pages = page_texts(render_letter(draft).pdf)
    for text in pages:
        assert "DRAFT POLICY – PREVIEW – NOT A DETERMINATION" in text
    assert "It is not a determination and cannot be signed or sent" in pages[0]
    assert "DRAFT POLICY" not in pdf_text(render_letter(denial).pdf)


def test_missing_logo_is_named(approval: LetterData, tmp_path: Path) -> None:
    plan = approval.plan.model_copy(update={"logo_path": tmp_path / "nope.png"})
    with pytest.raises(Exception, match=r"plan.logo_path: no such file"):
        render_letter(with_changes(approval, plan=plan))


def test_plan_logo_from_settings(approval: LetterData, tmp_path: Path) -> None:
    from ixreview.letters.render import default_logo

    logo = tmp_path / "logo.png"
    shutil.copy(default_logo(), logo)
    plan: PlanLetterhead = approval.plan.model_copy(update={"logo_path": logo})
    reader = PdfReader(io.BytesIO(render_letter(with_changes(approval, plan=plan)).pdf))
    assert list(reader.pages[0].images)  # the logo is drawn


def test_a_plan_changes_wording_without_code(approval: LetterData, tmp_path: Path) -> None:
    source = (Path(__file__).parents[2] / "ixreview/letters/templates/approval.yaml").read_text(
        encoding="utf-8"
    )
    (tmp_path / "approval.yaml").write_text(
        source.replace("What we approved", "Details of your authorization"), encoding="utf-8"
    )
    text = pdf_text(render_letter(approval, templates=load_templates(tmp_path)).pdf)
    assert "Details of your authorization" in text and "What we approved" not in text
    assert "Your right to appeal" not in text  # other files still from the package


def test_unknown_placeholder_is_a_clear_template_error(
    approval: LetterData, tmp_path: Path
) -> None:
    source = (Path(__file__).parents[2] / "ixreview/letters/templates/approval.yaml").read_text(
        encoding="utf-8"
    )
    (tmp_path / "approval.yaml").write_text(
        source.replace("Dear {member_name}:", "Dear {member_nmae}:"), encoding="utf-8"
    )
    with pytest.raises(TemplateError, match=r"unknown placeholder \{member_nmae\}"):
        render_letter(approval, templates=load_templates(tmp_path))


def test_malformed_template_names_file_and_field(tmp_path: Path) -> None:
    (tmp_path / "denial.yaml").write_text("subject: x\nmeaning: y\nsections: []\n", "utf-8")
    with pytest.raises(TemplateError, match=r"denial.yaml: sections: .*at least 1"):
        load_templates(tmp_path)


def test_markup_in_values_is_printed_not_interpreted(approval: LetterData) -> None:
    member = approval.member.model_copy(update={"name": "Jo <b>O'Brien</b> & Søn"})
    text = pdf_text(render_letter(with_changes(approval, member=member)).pdf)
    assert "Dear Jo <b>O'Brien</b> & Søn:" in text


def test_no_clause_label_is_broken_inside_a_word(approval: LetterData) -> None:
    """The criteria table's first column fits the longest word of any clause label
    (BCBST's "Continuation of Therapy" printed as "Continuatio" / "n")."""
    from importlib import resources

    from ixreview.domain.engine import evaluate
    from ixreview.domain.intake import parse_case_json

    sample = resources.files("ixreview.resources.samples") / "bcbst-approval-capecitabine.json"
    evaluation = evaluate(parse_case_json(sample.read_text(encoding="utf-8")), "BCBST-IXEMPRA")
    labels = {c.number or c.id for c in evaluation.clauses}
    assert any("Continuation" in label for label in labels), labels
    rendered = render_letter(with_changes(approval, evaluation=evaluation))
    lines = [
        line.split()
        for page in PdfReader(io.BytesIO(rendered.pdf)).pages
        for line in (page.extract_text() or "").splitlines()
    ]
    firsts = {words[0] for words in lines if words}
    assert "Continuation" in firsts and "Continuatio" not in firsts
