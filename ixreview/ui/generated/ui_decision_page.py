# Generated from forms/decision_page.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'decision_page.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QFrame,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_DecisionPage(object):
    def setupUi(self, DecisionPage):
        if not DecisionPage.objectName():
            DecisionPage.setObjectName(u"DecisionPage")
        DecisionPage.resize(640, 560)
        self.page_layout = QVBoxLayout(DecisionPage)
        self.page_layout.setObjectName(u"page_layout")
        self.title = QLabel(DecisionPage)
        self.title.setObjectName(u"title")
        self.title.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.title)

        self.outcome = QLabel(DecisionPage)
        self.outcome.setObjectName(u"outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.outcome)

        self.review_flags = QLabel(DecisionPage)
        self.review_flags.setObjectName(u"review_flags")
        self.review_flags.setWordWrap(True)
        self.review_flags.setTextFormat(Qt.TextFormat.RichText)
        self.review_flags.setFrameShape(QFrame.Shape.StyledPanel)

        self.page_layout.addWidget(self.review_flags)

        self.pages_status = QLabel(DecisionPage)
        self.pages_status.setObjectName(u"pages_status")
        self.pages_status.setWordWrap(True)

        self.page_layout.addWidget(self.pages_status)

        self.clause_comments_label = QLabel(DecisionPage)
        self.clause_comments_label.setObjectName(u"clause_comments_label")

        self.page_layout.addWidget(self.clause_comments_label)

        self.clause_comments = QTableWidget(DecisionPage)
        self.clause_comments.setObjectName(u"clause_comments")

        self.page_layout.addWidget(self.clause_comments)

        self.reason_label = QLabel(DecisionPage)
        self.reason_label.setObjectName(u"reason_label")

        self.page_layout.addWidget(self.reason_label)

        self.reason = QPlainTextEdit(DecisionPage)
        self.reason.setObjectName(u"reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumSize(QSize(16777215, 110))

        self.page_layout.addWidget(self.reason)

        self.sign_form = QFormLayout()
        self.sign_form.setObjectName(u"sign_form")
        self.sign_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.password_label = QLabel(DecisionPage)
        self.password_label.setObjectName(u"password_label")

        self.sign_form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(DecisionPage)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.sign_form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.password)


        self.page_layout.addLayout(self.sign_form)

        self.actions = QHBoxLayout()
        self.actions.setObjectName(u"actions")
        self.approve = QPushButton(DecisionPage)
        self.approve.setObjectName(u"approve")

        self.actions.addWidget(self.approve)

        self.refer = QPushButton(DecisionPage)
        self.refer.setObjectName(u"refer")

        self.actions.addWidget(self.refer)

        self.deny = QPushButton(DecisionPage)
        self.deny.setObjectName(u"deny")

        self.actions.addWidget(self.deny)

        self.pend = QPushButton(DecisionPage)
        self.pend.setObjectName(u"pend")

        self.actions.addWidget(self.pend)

        self.action_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actions.addItem(self.action_spacer)


        self.page_layout.addLayout(self.actions)

        self.cancel_row = QHBoxLayout()
        self.cancel_row.setObjectName(u"cancel_row")
        self.cancel_label = QLabel(DecisionPage)
        self.cancel_label.setObjectName(u"cancel_label")

        self.cancel_row.addWidget(self.cancel_label)

        self.cancel_reason = QComboBox(DecisionPage)
        self.cancel_reason.setObjectName(u"cancel_reason")

        self.cancel_row.addWidget(self.cancel_reason)

        self.cancel_note = QLineEdit(DecisionPage)
        self.cancel_note.setObjectName(u"cancel_note")

        self.cancel_row.addWidget(self.cancel_note)

        self.cancel = QPushButton(DecisionPage)
        self.cancel.setObjectName(u"cancel")

        self.cancel_row.addWidget(self.cancel)


        self.page_layout.addLayout(self.cancel_row)

        self.action_status = QLabel(DecisionPage)
        self.action_status.setObjectName(u"action_status")
        self.action_status.setWordWrap(True)

        self.page_layout.addWidget(self.action_status)

#if QT_CONFIG(shortcut)
        self.clause_comments_label.setBuddy(self.clause_comments)
        self.reason_label.setBuddy(self.reason)
        self.password_label.setBuddy(self.password)
        self.cancel_label.setBuddy(self.cancel_reason)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DecisionPage)

        QMetaObject.connectSlotsByName(DecisionPage)
    # setupUi

    def retranslateUi(self, DecisionPage):
        DecisionPage.setWindowTitle(QCoreApplication.translate("DecisionPage", u"6 \u00b7 Decision", None))
        self.title.setText(QCoreApplication.translate("DecisionPage", u"<h2>6 \u00b7 Decision</h2>", None))
        self.outcome.setText("")
#if QT_CONFIG(accessibility)
        self.outcome.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Evaluation outcome", None))
#endif // QT_CONFIG(accessibility)
        self.review_flags.setText("")
#if QT_CONFIG(accessibility)
        self.review_flags.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Physician review needed", None))
#endif // QT_CONFIG(accessibility)
        self.pages_status.setText("")
        self.clause_comments_label.setText(QCoreApplication.translate("DecisionPage", u"&Clause comments (double-click a comment cell to edit):", None))
#if QT_CONFIG(accessibility)
        self.clause_comments.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Clause comments", None))
#endif // QT_CONFIG(accessibility)
        self.reason_label.setText(QCoreApplication.translate("DecisionPage", u"Reas&on / comment for the whole review:", None))
#if QT_CONFIG(accessibility)
        self.reason.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Reason", None))
#endif // QT_CONFIG(accessibility)
        self.password_label.setText(QCoreApplication.translate("DecisionPage", u"&Your password (signs the decision):", None))
#if QT_CONFIG(accessibility)
        self.password.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Your password (signs the decision)", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.approve.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Approve", None))
#endif // QT_CONFIG(accessibility)
        self.approve.setText(QCoreApplication.translate("DecisionPage", u"&Approve", None))
#if QT_CONFIG(accessibility)
        self.refer.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Refer to physician", None))
#endif // QT_CONFIG(accessibility)
        self.refer.setText(QCoreApplication.translate("DecisionPage", u"R&efer to physician", None))
#if QT_CONFIG(accessibility)
        self.deny.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Deny", None))
#endif // QT_CONFIG(accessibility)
        self.deny.setText(QCoreApplication.translate("DecisionPage", u"&Deny", None))
#if QT_CONFIG(accessibility)
        self.pend.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Pend for information", None))
#endif // QT_CONFIG(accessibility)
        self.pend.setText(QCoreApplication.translate("DecisionPage", u"&Pend for information", None))
        self.cancel_label.setText(QCoreApplication.translate("DecisionPage", u"Cancel &because:", None))
#if QT_CONFIG(accessibility)
        self.cancel_reason.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Cancel reason", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.cancel_note.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Cancel note", None))
#endif // QT_CONFIG(accessibility)
        self.cancel_note.setPlaceholderText(QCoreApplication.translate("DecisionPage", u"Note (optional)", None))
#if QT_CONFIG(accessibility)
        self.cancel.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Cancel the review", None))
#endif // QT_CONFIG(accessibility)
        self.cancel.setText(QCoreApplication.translate("DecisionPage", u"Cancel revie&w", None))
        self.action_status.setText("")
#if QT_CONFIG(accessibility)
        self.action_status.setAccessibleName(QCoreApplication.translate("DecisionPage", u"Decision status", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

