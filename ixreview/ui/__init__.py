"""The PySide6 desktop app: the only package that imports Qt.

Start-up stays light: modules here import store, letters and signing code only
inside the functions that use them (see `ixreview.ui.app`).
"""
