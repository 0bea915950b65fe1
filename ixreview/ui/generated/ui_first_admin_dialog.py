# Generated from forms/first_admin_dialog.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_admin_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_FirstAdminDialog(object):
    def setupUi(self, FirstAdminDialog):
        if not FirstAdminDialog.objectName():
            FirstAdminDialog.setObjectName(u"FirstAdminDialog")
        FirstAdminDialog.resize(520, 560)
        self.layout = QVBoxLayout(FirstAdminDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(FirstAdminDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.organization_label = QLabel(FirstAdminDialog)
        self.organization_label.setObjectName(u"organization_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.organization_label)

        self.organization = QLineEdit(FirstAdminDialog)
        self.organization.setObjectName(u"organization")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.organization)

        self.organization_error = QLabel(FirstAdminDialog)
        self.organization_error.setObjectName(u"organization_error")
        self.organization_error.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.organization_error)

        self.full_name_label = QLabel(FirstAdminDialog)
        self.full_name_label.setObjectName(u"full_name_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.full_name_label)

        self.full_name = QLineEdit(FirstAdminDialog)
        self.full_name.setObjectName(u"full_name")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.full_name)

        self.full_name_error = QLabel(FirstAdminDialog)
        self.full_name_error.setObjectName(u"full_name_error")
        self.full_name_error.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.full_name_error)

        self.username_label = QLabel(FirstAdminDialog)
        self.username_label.setObjectName(u"username_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username = QLineEdit(FirstAdminDialog)
        self.username.setObjectName(u"username")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.username)

        self.username_error = QLabel(FirstAdminDialog)
        self.username_error.setObjectName(u"username_error")
        self.username_error.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.username_error)

        self.password_label = QLabel(FirstAdminDialog)
        self.password_label.setObjectName(u"password_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(FirstAdminDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.password)

        self.password_error = QLabel(FirstAdminDialog)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.password_error)

        self.confirm_label = QLabel(FirstAdminDialog)
        self.confirm_label.setObjectName(u"confirm_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm = QLineEdit(FirstAdminDialog)
        self.confirm.setObjectName(u"confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.confirm)

        self.confirm_error = QLabel(FirstAdminDialog)
        self.confirm_error.setObjectName(u"confirm_error")
        self.confirm_error.setWordWrap(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.confirm_error)


        self.layout.addLayout(self.form)

        self.load_samples = QCheckBox(FirstAdminDialog)
        self.load_samples.setObjectName(u"load_samples")
        self.load_samples.setChecked(True)

        self.layout.addWidget(self.load_samples)

        self.message = QLabel(FirstAdminDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(FirstAdminDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.organization_label.setBuddy(self.organization)
        self.full_name_label.setBuddy(self.full_name)
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        self.confirm_label.setBuddy(self.confirm)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstAdminDialog)

        QMetaObject.connectSlotsByName(FirstAdminDialog)
    # setupUi

    def retranslateUi(self, FirstAdminDialog):
        FirstAdminDialog.setWindowTitle(QCoreApplication.translate("FirstAdminDialog", u"Create the first administrator", None))
        self.heading.setText(QCoreApplication.translate("FirstAdminDialog", u"<b>Create the first administrator</b><br/>No accounts exist in this database yet. The administrator adds the reviewers' accounts and sets up the plan's letterhead; administrators do not review cases themselves.", None))
        self.organization_label.setText(QCoreApplication.translate("FirstAdminDialog", u"&Organization:", None))
#if QT_CONFIG(accessibility)
        self.organization.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Organization (health plan)", None))
#endif // QT_CONFIG(accessibility)
        self.organization.setPlaceholderText(QCoreApplication.translate("FirstAdminDialog", u"the health plan named by the signing authority", None))
        self.organization_error.setText("")
#if QT_CONFIG(accessibility)
        self.organization_error.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Organization (health plan): problem", None))
#endif // QT_CONFIG(accessibility)
        self.organization_error.setStyleSheet(QCoreApplication.translate("FirstAdminDialog", u"color: #c62828;", None))
        self.full_name_label.setText(QCoreApplication.translate("FirstAdminDialog", u"&Full name:", None))
#if QT_CONFIG(accessibility)
        self.full_name.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Full name", None))
#endif // QT_CONFIG(accessibility)
        self.full_name_error.setText("")
#if QT_CONFIG(accessibility)
        self.full_name_error.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Full name: problem", None))
#endif // QT_CONFIG(accessibility)
        self.full_name_error.setStyleSheet(QCoreApplication.translate("FirstAdminDialog", u"color: #c62828;", None))
        self.username_label.setText(QCoreApplication.translate("FirstAdminDialog", u"&User name:", None))
#if QT_CONFIG(accessibility)
        self.username.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"User name", None))
#endif // QT_CONFIG(accessibility)
        self.username.setPlaceholderText(QCoreApplication.translate("FirstAdminDialog", u"lowercase letters, digits, . _ -", None))
        self.username_error.setText("")
#if QT_CONFIG(accessibility)
        self.username_error.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"User name: problem", None))
#endif // QT_CONFIG(accessibility)
        self.username_error.setStyleSheet(QCoreApplication.translate("FirstAdminDialog", u"color: #c62828;", None))
        self.password_label.setText(QCoreApplication.translate("FirstAdminDialog", u"&Password:", None))
#if QT_CONFIG(accessibility)
        self.password.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Password", None))
#endif // QT_CONFIG(accessibility)
        self.password.setPlaceholderText(QCoreApplication.translate("FirstAdminDialog", u"at least 12 characters", None))
        self.password_error.setText("")
#if QT_CONFIG(accessibility)
        self.password_error.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Password: problem", None))
#endif // QT_CONFIG(accessibility)
        self.password_error.setStyleSheet(QCoreApplication.translate("FirstAdminDialog", u"color: #c62828;", None))
        self.confirm_label.setText(QCoreApplication.translate("FirstAdminDialog", u"Co&nfirm password:", None))
#if QT_CONFIG(accessibility)
        self.confirm.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Confirm password", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_error.setText("")
#if QT_CONFIG(accessibility)
        self.confirm_error.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Confirm password: problem", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_error.setStyleSheet(QCoreApplication.translate("FirstAdminDialog", u"color: #c62828;", None))
        self.load_samples.setText(QCoreApplication.translate("FirstAdminDialog", u"&Load the sample requests (made-up members) so new reviewers can practise", None))
#if QT_CONFIG(accessibility)
        self.load_samples.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Load the sample requests", None))
#endif // QT_CONFIG(accessibility)
        self.message.setText("")
#if QT_CONFIG(accessibility)
        self.message.setAccessibleName(QCoreApplication.translate("FirstAdminDialog", u"Message", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

