# Generated from forms/new_review_dialog.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_review_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_NewReviewDialog(object):
    def setupUi(self, NewReviewDialog):
        if not NewReviewDialog.objectName():
            NewReviewDialog.setObjectName(u"NewReviewDialog")
        NewReviewDialog.resize(460, 420)
        self.layout = QVBoxLayout(NewReviewDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(NewReviewDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.reference_label = QLabel(NewReviewDialog)
        self.reference_label.setObjectName(u"reference_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.reference_label)

        self.reference = QLineEdit(NewReviewDialog)
        self.reference.setObjectName(u"reference")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.reference)

        self.reference_error = QLabel(NewReviewDialog)
        self.reference_error.setObjectName(u"reference_error")
        self.reference_error.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reference_error)

        self.first_name_label = QLabel(NewReviewDialog)
        self.first_name_label.setObjectName(u"first_name_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.first_name_label)

        self.first_name = QLineEdit(NewReviewDialog)
        self.first_name.setObjectName(u"first_name")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.first_name)

        self.first_name_error = QLabel(NewReviewDialog)
        self.first_name_error.setObjectName(u"first_name_error")
        self.first_name_error.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.first_name_error)

        self.last_name_label = QLabel(NewReviewDialog)
        self.last_name_label.setObjectName(u"last_name_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.last_name_label)

        self.last_name = QLineEdit(NewReviewDialog)
        self.last_name.setObjectName(u"last_name")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.last_name)

        self.last_name_error = QLabel(NewReviewDialog)
        self.last_name_error.setObjectName(u"last_name_error")
        self.last_name_error.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.last_name_error)

        self.member_id_label = QLabel(NewReviewDialog)
        self.member_id_label.setObjectName(u"member_id_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.member_id_label)

        self.member_id = QLineEdit(NewReviewDialog)
        self.member_id.setObjectName(u"member_id")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.member_id)

        self.member_id_error = QLabel(NewReviewDialog)
        self.member_id_error.setObjectName(u"member_id_error")
        self.member_id_error.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.member_id_error)

        self.urgency_label = QLabel(NewReviewDialog)
        self.urgency_label.setObjectName(u"urgency_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.urgency_label)

        self.urgency = QComboBox(NewReviewDialog)
        self.urgency.setObjectName(u"urgency")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.urgency)

        self.urgency_error = QLabel(NewReviewDialog)
        self.urgency_error.setObjectName(u"urgency_error")
        self.urgency_error.setWordWrap(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.urgency_error)


        self.layout.addLayout(self.form)

        self.message = QLabel(NewReviewDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(NewReviewDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.reference_label.setBuddy(self.reference)
        self.first_name_label.setBuddy(self.first_name)
        self.last_name_label.setBuddy(self.last_name)
        self.member_id_label.setBuddy(self.member_id)
        self.urgency_label.setBuddy(self.urgency)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(NewReviewDialog)

        QMetaObject.connectSlotsByName(NewReviewDialog)
    # setupUi

    def retranslateUi(self, NewReviewDialog):
        NewReviewDialog.setWindowTitle(QCoreApplication.translate("NewReviewDialog", u"New empty review", None))
        self.heading.setText(QCoreApplication.translate("NewReviewDialog", u"<b>New empty review</b><br/>For a request that came on paper or by phone: enter every answer in the checklist.", None))
        self.reference_label.setText(QCoreApplication.translate("NewReviewDialog", u"&Reference:", None))
#if QT_CONFIG(accessibility)
        self.reference.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Reference", None))
#endif // QT_CONFIG(accessibility)
        self.reference_error.setText("")
#if QT_CONFIG(accessibility)
        self.reference_error.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Reference: problem", None))
#endif // QT_CONFIG(accessibility)
        self.reference_error.setStyleSheet(QCoreApplication.translate("NewReviewDialog", u"color: #c62828;", None))
        self.first_name_label.setText(QCoreApplication.translate("NewReviewDialog", u"&First name:", None))
#if QT_CONFIG(accessibility)
        self.first_name.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Member first name", None))
#endif // QT_CONFIG(accessibility)
        self.first_name_error.setText("")
#if QT_CONFIG(accessibility)
        self.first_name_error.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Member first name: problem", None))
#endif // QT_CONFIG(accessibility)
        self.first_name_error.setStyleSheet(QCoreApplication.translate("NewReviewDialog", u"color: #c62828;", None))
        self.last_name_label.setText(QCoreApplication.translate("NewReviewDialog", u"&Last name:", None))
#if QT_CONFIG(accessibility)
        self.last_name.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Member last name", None))
#endif // QT_CONFIG(accessibility)
        self.last_name_error.setText("")
#if QT_CONFIG(accessibility)
        self.last_name_error.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Member last name: problem", None))
#endif // QT_CONFIG(accessibility)
        self.last_name_error.setStyleSheet(QCoreApplication.translate("NewReviewDialog", u"color: #c62828;", None))
        self.member_id_label.setText(QCoreApplication.translate("NewReviewDialog", u"Member &ID:", None))
#if QT_CONFIG(accessibility)
        self.member_id.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Member ID", None))
#endif // QT_CONFIG(accessibility)
        self.member_id_error.setText("")
#if QT_CONFIG(accessibility)
        self.member_id_error.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Member ID: problem", None))
#endif // QT_CONFIG(accessibility)
        self.member_id_error.setStyleSheet(QCoreApplication.translate("NewReviewDialog", u"color: #c62828;", None))
        self.urgency_label.setText(QCoreApplication.translate("NewReviewDialog", u"&Urgency:", None))
#if QT_CONFIG(accessibility)
        self.urgency.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Urgency", None))
#endif // QT_CONFIG(accessibility)
        self.urgency_error.setText("")
#if QT_CONFIG(accessibility)
        self.urgency_error.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Urgency: problem", None))
#endif // QT_CONFIG(accessibility)
        self.urgency_error.setStyleSheet(QCoreApplication.translate("NewReviewDialog", u"color: #c62828;", None))
        self.message.setText("")
#if QT_CONFIG(accessibility)
        self.message.setAccessibleName(QCoreApplication.translate("NewReviewDialog", u"Message", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

