"""Status colours that stay readable on the light and the dark palette.

Words in colour (met / not met, overdue, errors, warnings) take a tone from here
instead of a fixed hex: a dark shade on a light palette, a light shade on a dark
one, each with at least WCAG AA contrast (4.5:1) against the palette's Base and
Window. `contrast` is the WCAG ratio, for tests and for choosing.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

# tone: (on a light palette, on a dark palette)
TONES: dict[str, tuple[str, str]] = {
    "good": ("#1b6e20", "#81c784"),
    "bad": ("#c62828", "#ff8a80"),
    "warn": ("#8a5300", "#ffb74d"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette draws light text on a dark background."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def tone(name: str, palette: QPalette | None = None) -> QColor:
    light, dark = TONES[name]
    return QColor(dark if is_dark(palette) else light)


def css(name: str, palette: QPalette | None = None) -> str:
    """The tone as a style-sheet / rich-text colour ("#rrggbb")."""
    return tone(name, palette).name()


def text_style(name: str, palette: QPalette | None = None, extra: str = "") -> str:
    """A label's style sheet for words in this tone."""
    return f"color: {css(name, palette)};{(' ' + extra) if extra else ''}"


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def dark_palette() -> QPalette:
    """A plain dark palette (Fusion's roles), for screenshots and tests of the dark look."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1f1f1f"),
        (roles.AlternateBase, "#2a2a2a"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.ToolTipBase, "#353535"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#9a9a9a"),
        (roles.Highlight, "#3d6fb6"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#8ab4f8"),
        (roles.BrightText, "#ff8a80"),
        (roles.Mid, "#444444"),
        (roles.Dark, "#1a1a1a"),
        (roles.Light, "#505050"),
        (roles.Midlight, "#404040"),
        (roles.Shadow, "#000000"),
    ):
        pal.setColor(role, QColor(color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return pal


def retone(root: QWidget) -> None:
    """Swap the light-palette tones written into Designer style sheets under `root` for
    the current palette's (the forms are drawn on a light palette)."""
    if not is_dark(root.palette()):
        return
    for widget in [root, *root.findChildren(QWidget)]:
        sheet = widget.styleSheet()
        if not sheet:
            continue
        for light, dark in TONES.values():
            sheet = sheet.replace(light, dark)
        sheet = sheet.replace("#b26a00", TONES["warn"][1])
        if sheet != widget.styleSheet():
            widget.setStyleSheet(sheet)
