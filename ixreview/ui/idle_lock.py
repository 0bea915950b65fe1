"""Idle lock for the GUI: watches input, and when idle too long hides all PHI.

The timing rule is the workflow's `IdleLock`; this QObject only feeds it input
events and polls it. The main window reacts to `lockRequested` by swapping its
content for a blank lock screen and asking for the same user's password.

Signals:
    lockRequested(): the idle time ran out.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from ixreview.workflow.idle import IdleLock

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    lockRequested = Signal()

    def __init__(self, lock: IdleLock, parent: QObject | None = None, poll_ms: int = 5000) -> None:
        super().__init__(parent)
        self.lock = lock
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def set_minutes(self, minutes: int) -> None:
        """Use a new idle time (settings changed), counting from now; keeps a lock in force."""
        if not self.lock.locked:
            self.lock = IdleLock(minutes)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.lock.activity()
        return False

    def poll(self) -> None:
        if not self.lock.locked and self.lock.due():
            self.lock.lock()
            self.lockRequested.emit()
