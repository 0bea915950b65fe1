"""Collect the Alt+letter mnemonics a window offers in its current state."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

_AMP = re.compile(r"&(?!&)(.)")


def letter(text: str) -> str | None:
    found = _AMP.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def offered(window: QWidget) -> dict[str, list[str]]:
    """letter -> the texts that offer it, among what is on screen in `window`."""
    out: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        if (key := letter(text)) is not None:
            out[key].append(text)

    for bar in window.findChildren(QMenuBar):
        if bar.window() is window:
            for action in bar.actions():
                if action.isVisible():
                    add(action.text())
    for w in window.findChildren(QWidget):
        if w.window() is not window or not w.isVisibleTo(window):
            continue
        if isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy() is not None):
            add(w.text())
        elif isinstance(w, QGroupBox) and w.isCheckable():
            add(w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(w.tabText(i))
    return dict(out)


def duplicates(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in offered(window).items() if len(v) > 1}


def menu_duplicates(window: QWidget) -> dict[str, dict[str, list[str]]]:
    """Within each menu of the window, the letters offered twice."""
    found: dict[str, dict[str, list[str]]] = {}
    for menu in window.findChildren(QMenu):
        seen: dict[str, list[str]] = defaultdict(list)
        for action in menu.actions():
            if action.isVisible() and (key := letter(action.text())):
                seen[key].append(action.text())
        dup = {k: v for k, v in seen.items() if len(v) > 1}
        if dup:
            found[menu.title()] = dup
    return found
