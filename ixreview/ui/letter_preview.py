"""The signed letter, previewed in the app (QtPdf), with Print (QPrintDialog) and Save As.

The PDF bytes are loaded into a `QPdfDocument` from memory (no temporary file
holding PHI) and shown in a `QPdfView`, page after page, fitted to the width.
Printing renders each page with the same document onto the chosen printer (a
real printer or "print to PDF"); Save As writes the signed bytes unchanged, so
the signature stays valid. Who printed or saved what is audited by the caller,
which listens to the signals below.

Signals:
    printed(): the letter went to a printer.
    saved(str): the letter was saved to this path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PRINT_DPI = 300  # enough for text; a 1200 dpi page image would take half a gigabyte


class LetterError(Exception):
    """The bytes are not a PDF QtPdf can open."""


class LetterPreview(QDialog):
    printed = Signal()
    saved = Signal(str)

    def __init__(
        self, pdf: bytes, title: str, parent: QWidget | None = None, *, note: str = ""
    ) -> None:
        super().__init__(parent)
        self.pdf = pdf
        self.setWindowTitle(f"Letter: {title}")
        self.setAccessibleName("Letter preview")
        self._fit_screen(parent)
        # Closing gives the keyboard back where it was in the main window.
        self._return_focus = QApplication.focusWidget()
        self.finished.connect(self._give_focus_back)
        self.document = QPdfDocument(self)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)  # synchronous for an in-memory device
        if self.document.status() != QPdfDocument.Status.Ready:
            raise LetterError(f"the letter cannot be shown ({self.document.error().name})")

        layout = QVBoxLayout(self)
        if note:
            label = QLabel(note, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Letter pages")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
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

    def _fit_screen(self, parent: QWidget | None) -> None:
        """As tall as a page reads well, never taller than the screen (1366×768 included):
        Print and Save As stay on screen."""
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        width, height = 880, 980
        if free is not None:
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)

    def _give_focus_back(self) -> None:
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if window is not None:
            window.activateWindow()
        target = self._return_focus
        if target is not None and target.isVisible():
            target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        elif window is not None:
            window.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def page_image(self, page: int, dpi: int = 150) -> QImage:
        """One page rendered on white at `dpi` (QtPdf leaves the background transparent)."""
        points = self.document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor(Qt.GlobalColor.white))
        painter = QPainter(image)
        painter.drawImage(0, 0, self.document.render(page, size))
        painter.end()
        return image

    def print_letter(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        return True

    def print_to(self, printer: QPrinter) -> None:
        """Paint every page onto the printer, each fitted to its printable area."""
        painter = QPainter(printer)
        try:
            for page in range(self.page_count()):
                if page:
                    printer.newPage()
                image = self.page_image(page, PRINT_DPI)
                area = printer.pageLayout().paintRectPixels(printer.resolution())
                scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(  # the painter's origin is the printable area's corner
                    0,
                    0,
                    image.scaled(
                        scaled,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    ),
                )
        finally:
            painter.end()
        self.printed.emit()

    def save_as(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, "Save letter", "", "PDF (*.pdf)")
        if not path:
            return None
        self.save_to(Path(path))
        return str(path)

    def save_to(self, path: Path) -> None:
        path.write_bytes(self.pdf)  # the signed bytes, unchanged
        self.saved.emit(str(path))
