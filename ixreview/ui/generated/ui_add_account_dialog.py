# Generated from forms/add_account_dialog.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'add_account_dialog.ui'
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

class Ui_AddAccountDialog(object):
    def setupUi(self, AddAccountDialog):
        if not AddAccountDialog.objectName():
            AddAccountDialog.setObjectName(u"AddAccountDialog")
        AddAccountDialog.resize(520, 640)
        self.layout = QVBoxLayout(AddAccountDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(AddAccountDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.full_name_label = QLabel(AddAccountDialog)
        self.full_name_label.setObjectName(u"full_name_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.full_name_label)

        self.full_name = QLineEdit(AddAccountDialog)
        self.full_name.setObjectName(u"full_name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.full_name)

        self.full_name_error = QLabel(AddAccountDialog)
        self.full_name_error.setObjectName(u"full_name_error")
        self.full_name_error.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.full_name_error)

        self.username_label = QLabel(AddAccountDialog)
        self.username_label.setObjectName(u"username_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.username_label)

        self.username = QLineEdit(AddAccountDialog)
        self.username.setObjectName(u"username")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.username)

        self.username_error = QLabel(AddAccountDialog)
        self.username_error.setObjectName(u"username_error")
        self.username_error.setWordWrap(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.username_error)

        self.role_label = QLabel(AddAccountDialog)
        self.role_label.setObjectName(u"role_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.role_label)

        self.role = QComboBox(AddAccountDialog)
        self.role.setObjectName(u"role")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.role)

        self.role_error = QLabel(AddAccountDialog)
        self.role_error.setObjectName(u"role_error")
        self.role_error.setWordWrap(True)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.role_error)

        self.credentials_label = QLabel(AddAccountDialog)
        self.credentials_label.setObjectName(u"credentials_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.credentials_label)

        self.credentials = QComboBox(AddAccountDialog)
        self.credentials.setObjectName(u"credentials")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.credentials)

        self.credentials_error = QLabel(AddAccountDialog)
        self.credentials_error.setObjectName(u"credentials_error")
        self.credentials_error.setWordWrap(True)

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.credentials_error)

        self.npi_label = QLabel(AddAccountDialog)
        self.npi_label.setObjectName(u"npi_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.npi_label)

        self.npi = QLineEdit(AddAccountDialog)
        self.npi.setObjectName(u"npi")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.npi)

        self.npi_error = QLabel(AddAccountDialog)
        self.npi_error.setObjectName(u"npi_error")
        self.npi_error.setWordWrap(True)

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.npi_error)

        self.p2p_phone_label = QLabel(AddAccountDialog)
        self.p2p_phone_label.setObjectName(u"p2p_phone_label")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.p2p_phone_label)

        self.p2p_phone = QLineEdit(AddAccountDialog)
        self.p2p_phone.setObjectName(u"p2p_phone")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.p2p_phone)

        self.p2p_phone_error = QLabel(AddAccountDialog)
        self.p2p_phone_error.setObjectName(u"p2p_phone_error")
        self.p2p_phone_error.setWordWrap(True)

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.p2p_phone_error)

        self.password_label = QLabel(AddAccountDialog)
        self.password_label.setObjectName(u"password_label")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(AddAccountDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.password)

        self.password_error = QLabel(AddAccountDialog)
        self.password_error.setObjectName(u"password_error")
        self.password_error.setWordWrap(True)

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.password_error)

        self.confirm_label = QLabel(AddAccountDialog)
        self.confirm_label.setObjectName(u"confirm_label")

        self.form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm = QLineEdit(AddAccountDialog)
        self.confirm.setObjectName(u"confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.confirm)

        self.confirm_error = QLabel(AddAccountDialog)
        self.confirm_error.setObjectName(u"confirm_error")
        self.confirm_error.setWordWrap(True)

        self.form.setWidget(15, QFormLayout.ItemRole.FieldRole, self.confirm_error)

        self.admin_password_label = QLabel(AddAccountDialog)
        self.admin_password_label.setObjectName(u"admin_password_label")

        self.form.setWidget(16, QFormLayout.ItemRole.LabelRole, self.admin_password_label)

        self.admin_password = QLineEdit(AddAccountDialog)
        self.admin_password.setObjectName(u"admin_password")
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.setWidget(16, QFormLayout.ItemRole.FieldRole, self.admin_password)

        self.admin_password_error = QLabel(AddAccountDialog)
        self.admin_password_error.setObjectName(u"admin_password_error")
        self.admin_password_error.setWordWrap(True)

        self.form.setWidget(17, QFormLayout.ItemRole.FieldRole, self.admin_password_error)


        self.layout.addLayout(self.form)

        self.message = QLabel(AddAccountDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(AddAccountDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.full_name_label.setBuddy(self.full_name)
        self.username_label.setBuddy(self.username)
        self.role_label.setBuddy(self.role)
        self.credentials_label.setBuddy(self.credentials)
        self.npi_label.setBuddy(self.npi)
        self.p2p_phone_label.setBuddy(self.p2p_phone)
        self.password_label.setBuddy(self.password)
        self.confirm_label.setBuddy(self.confirm)
        self.admin_password_label.setBuddy(self.admin_password)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AddAccountDialog)

        QMetaObject.connectSlotsByName(AddAccountDialog)
    # setupUi

    def retranslateUi(self, AddAccountDialog):
        AddAccountDialog.setWindowTitle(QCoreApplication.translate("AddAccountDialog", u"Add an account", None))
        self.heading.setText(QCoreApplication.translate("AddAccountDialog", u"<b>Add an account</b><br/>Reviewers get a signing key under their own password. Accounts are never deleted, only deactivated.", None))
        self.full_name_label.setText(QCoreApplication.translate("AddAccountDialog", u"&Full name:", None))
#if QT_CONFIG(accessibility)
        self.full_name.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Full name", None))
#endif // QT_CONFIG(accessibility)
        self.full_name.setPlaceholderText(QCoreApplication.translate("AddAccountDialog", u"printed on letters and signatures", None))
        self.full_name_error.setText("")
#if QT_CONFIG(accessibility)
        self.full_name_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Full name: problem", None))
#endif // QT_CONFIG(accessibility)
        self.full_name_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.username_label.setText(QCoreApplication.translate("AddAccountDialog", u"&User name:", None))
#if QT_CONFIG(accessibility)
        self.username.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"User name", None))
#endif // QT_CONFIG(accessibility)
        self.username_error.setText("")
#if QT_CONFIG(accessibility)
        self.username_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"User name: problem", None))
#endif // QT_CONFIG(accessibility)
        self.username_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.role_label.setText(QCoreApplication.translate("AddAccountDialog", u"&Role:", None))
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.role_error.setText("")
#if QT_CONFIG(accessibility)
        self.role_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Role: problem", None))
#endif // QT_CONFIG(accessibility)
        self.role_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.credentials_label.setText(QCoreApplication.translate("AddAccountDialog", u"&Credentials:", None))
#if QT_CONFIG(accessibility)
        self.credentials.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Credentials", None))
#endif // QT_CONFIG(accessibility)
        self.credentials_error.setText("")
#if QT_CONFIG(accessibility)
        self.credentials_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Credentials: problem", None))
#endif // QT_CONFIG(accessibility)
        self.credentials_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.npi_label.setText(QCoreApplication.translate("AddAccountDialog", u"&NPI:", None))
#if QT_CONFIG(accessibility)
        self.npi.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"NPI", None))
#endif // QT_CONFIG(accessibility)
        self.npi.setPlaceholderText(QCoreApplication.translate("AddAccountDialog", u"physician reviewers: 10 digits", None))
        self.npi_error.setText("")
#if QT_CONFIG(accessibility)
        self.npi_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"NPI: problem", None))
#endif // QT_CONFIG(accessibility)
        self.npi_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.p2p_phone_label.setText(QCoreApplication.translate("AddAccountDialog", u"Peer-to-peer p&hone:", None))
#if QT_CONFIG(accessibility)
        self.p2p_phone.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Peer-to-peer phone", None))
#endif // QT_CONFIG(accessibility)
        self.p2p_phone.setPlaceholderText(QCoreApplication.translate("AddAccountDialog", u"physician reviewers: printed on denial letters", None))
        self.p2p_phone_error.setText("")
#if QT_CONFIG(accessibility)
        self.p2p_phone_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Peer-to-peer phone: problem", None))
#endif // QT_CONFIG(accessibility)
        self.p2p_phone_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.password_label.setText(QCoreApplication.translate("AddAccountDialog", u"Initial pass&word:", None))
#if QT_CONFIG(accessibility)
        self.password.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Initial password", None))
#endif // QT_CONFIG(accessibility)
        self.password_error.setText("")
#if QT_CONFIG(accessibility)
        self.password_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Initial password: problem", None))
#endif // QT_CONFIG(accessibility)
        self.password_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.confirm_label.setText(QCoreApplication.translate("AddAccountDialog", u"Confirm &password:", None))
#if QT_CONFIG(accessibility)
        self.confirm.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Confirm password", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_error.setText("")
#if QT_CONFIG(accessibility)
        self.confirm_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Confirm password: problem", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.admin_password_label.setText(QCoreApplication.translate("AddAccountDialog", u"Your &own password:", None))
#if QT_CONFIG(accessibility)
        self.admin_password.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Your own password", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.admin_password.setToolTip(QCoreApplication.translate("AddAccountDialog", u"Opens the organization's signing authority to enroll the new signing key", None))
#endif // QT_CONFIG(tooltip)
        self.admin_password_error.setText("")
#if QT_CONFIG(accessibility)
        self.admin_password_error.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Your own password: problem", None))
#endif // QT_CONFIG(accessibility)
        self.admin_password_error.setStyleSheet(QCoreApplication.translate("AddAccountDialog", u"color: #c62828;", None))
        self.message.setText("")
#if QT_CONFIG(accessibility)
        self.message.setAccessibleName(QCoreApplication.translate("AddAccountDialog", u"Message", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

