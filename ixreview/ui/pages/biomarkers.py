"""Page 4: HER2, hormone receptor, endocrine therapy, HER2 report on file."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ixreview.ui.generated.ui_biomarkers_page import Ui_BiomarkersPage
from ixreview.ui.pages.base import ChecklistPage
from ixreview.ui.review_model import ReviewModel
from ixreview.ui.review_state import PAGE_FIELDS


class BiomarkersPage(ChecklistPage):
    page = "biomarkers"
    title = "Biomarkers"
    form = Ui_BiomarkersPage

    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(model, parent)
        self.bind(*PAGE_FIELDS["biomarkers"])
