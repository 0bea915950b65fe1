"""The signed letter, previewed in the app, with Print (QPrintDialog) and Save As.

Rendering uses QtPdf (QPdfDocument / QPdfView) when the installed PySide6 has it.
The PySide6-Essentials/Addons wheels pinned here do not ship QtPdf, so the
preview falls back to rasterising pages with poppler's `pdftoppm` when present,
and finally to the letter's text (pypdf). Printing paints the same page images
onto the chosen printer (a real printer or "print to PDF"); Save As writes the
signed bytes unchanged, so the signature stays valid.

Signals:
    printed(): the letter went to a printer.
    saved(str): the letter was saved to this path.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

DPI = 150
PAGE_WIDTH = 800  # pixels on screen; the page is scaled to fit the dialog


def has_qtpdf() -> bool:
    return importlib.util.find_spec("PySide6.QtPdf") is not None


def render_pages(pdf: bytes, dpi: int = DPI) -> list[QImage]:
    """Page images via pdftoppm; empty when the tool is not installed."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "letter.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [exe, "-r", str(dpi), "-png", str(src), str(Path(tmp) / "page")],
            check=True,
            capture_output=True,
            timeout=60,
        )
        return [QImage(str(p)) for p in sorted(Path(tmp).glob("page*.png"))]


def letter_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader  # only when the text fallback is used

    return "\n\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)


class LetterPreview(QDialog):
    printed = Signal()
    saved = Signal(str)

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(f"Letter: {title}")
        self.setAccessibleName("Letter preview")
        self.resize(PAGE_WIDTH + 80, 960)
        layout = QVBoxLayout(self)
        self.images: list[QImage] = []
        self.view = self._make_view()
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton("Save &As…", self)
        self.save_button.setShortcut(QKeySequence.StandardKey.SaveAs)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_as)
        layout.addWidget(buttons)

    def _make_view(self) -> QWidget:
        if has_qtpdf():  # pragma: no cover - not in the pinned wheels
            from PySide6.QtCore import QBuffer, QByteArray
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView

            self._doc = QPdfDocument(self)
            self._buffer = QBuffer(QByteArray(self.pdf), self)
            self._buffer.open(QBuffer.OpenModeFlag.ReadOnly)
            self._doc.load(self._buffer)
            view = QPdfView(self)
            view.setDocument(self._doc)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            return view  # type: ignore[no-any-return]
        self.images = render_pages(self.pdf)
        if not self.images:
            text = QPlainTextEdit(letter_text(self.pdf), self)
            text.setReadOnly(True)
            text.setAccessibleName("Letter text")
            return text
        host = QWidget(self)
        column = QVBoxLayout(host)
        for i, image in enumerate(self.images):
            page = QLabel(host)
            page.setPixmap(
                QPixmap.fromImage(image).scaledToWidth(
                    PAGE_WIDTH, Qt.TransformationMode.SmoothTransformation
                )
            )
            page.setAccessibleName(f"Letter page {i + 1} of {len(self.images)}")
            page.setFrameShape(QLabel.Shape.Box)
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(host)
        scroll.setWidgetResizable(True)
        return scroll

    def page_count(self) -> int:
        return len(self.images)

    def print_letter(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        return True

    def print_to(self, printer: object) -> None:
        """Paint every page onto a QPrinter (or any paint device with newPage)."""
        images = self.images or render_pages(self.pdf, dpi=300)
        painter = QPainter(printer)  # type: ignore[call-overload]
        try:
            for i, image in enumerate(images):
                if i:
                    printer.newPage()  # type: ignore[attr-defined]
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()
        self.printed.emit()

    def save_as(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save letter", "", "PDF (*.pdf)")
        if not path:
            return None
        self.save_to(Path(path))
        return path

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.pdf)  # the signed bytes, unchanged
        self.saved.emit(str(path))
