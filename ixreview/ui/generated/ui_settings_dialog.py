# Generated from forms/settings_dialog.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QCheckBox,
    QComboBox, QDialog, QDialogButtonBox, QFormLayout,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.resize(640, 520)
        self.layout = QVBoxLayout(SettingsDialog)
        self.layout.setObjectName(u"layout")
        self.tabs = QTabWidget(SettingsDialog)
        self.tabs.setObjectName(u"tabs")
        self.general_tab = QWidget()
        self.general_tab.setObjectName(u"general_tab")
        self.general_layout = QVBoxLayout(self.general_tab)
        self.general_layout.setObjectName(u"general_layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.letter_header = QLabel(self.general_tab)
        self.letter_header.setObjectName(u"letter_header")
        self.letter_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.letter_header)

        self.plan_name_label = QLabel(self.general_tab)
        self.plan_name_label.setObjectName(u"plan_name_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.plan_name_label)

        self.plan_name = QLineEdit(self.general_tab)
        self.plan_name.setObjectName(u"plan_name")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.plan_name)

        self.plan_address_label = QLabel(self.general_tab)
        self.plan_address_label.setObjectName(u"plan_address_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.plan_address_label)

        self.plan_address = QPlainTextEdit(self.general_tab)
        self.plan_address.setObjectName(u"plan_address")
        self.plan_address.setTabChangesFocus(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.plan_address)

        self.plan_phone_label = QLabel(self.general_tab)
        self.plan_phone_label.setObjectName(u"plan_phone_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.plan_phone_label)

        self.plan_phone = QLineEdit(self.general_tab)
        self.plan_phone.setObjectName(u"plan_phone")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.plan_phone)

        self.logo_path_label = QLabel(self.general_tab)
        self.logo_path_label.setObjectName(u"logo_path_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.logo_path_label)

        self.logo_path = QLineEdit(self.general_tab)
        self.logo_path.setObjectName(u"logo_path")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.logo_path)

        self.review_header = QLabel(self.general_tab)
        self.review_header.setObjectName(u"review_header")
        self.review_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.review_header)

        self.standard_days_label = QLabel(self.general_tab)
        self.standard_days_label.setObjectName(u"standard_days_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.standard_days_label)

        self.standard_days = QLineEdit(self.general_tab)
        self.standard_days.setObjectName(u"standard_days")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.standard_days)

        self.expedited_hours_label = QLabel(self.general_tab)
        self.expedited_hours_label.setObjectName(u"expedited_hours_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.expedited_hours_label)

        self.expedited_hours = QLineEdit(self.general_tab)
        self.expedited_hours.setObjectName(u"expedited_hours")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.expedited_hours)

        self.policy_label = QLabel(self.general_tab)
        self.policy_label.setObjectName(u"policy_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.policy_label)

        self.policy = QComboBox(self.general_tab)
        self.policy.setObjectName(u"policy")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.policy)

        self.plan_policies_label = QLabel(self.general_tab)
        self.plan_policies_label.setObjectName(u"plan_policies_label")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.plan_policies_label)

        self.plan_policies_layout = QVBoxLayout()
        self.plan_policies_layout.setObjectName(u"plan_policies_layout")
        self.plan_policies = QTableWidget(self.general_tab)
        self.plan_policies.setObjectName(u"plan_policies")
        self.plan_policies.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plan_policies.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plan_policies.setMinimumSize(QSize(0, 96))

        self.plan_policies_layout.addWidget(self.plan_policies)

        self.plan_policy_buttons = QHBoxLayout()
        self.plan_policy_buttons.setObjectName(u"plan_policy_buttons")
        self.add_plan_policy = QPushButton(self.general_tab)
        self.add_plan_policy.setObjectName(u"add_plan_policy")

        self.plan_policy_buttons.addWidget(self.add_plan_policy)

        self.remove_plan_policy = QPushButton(self.general_tab)
        self.remove_plan_policy.setObjectName(u"remove_plan_policy")

        self.plan_policy_buttons.addWidget(self.remove_plan_policy)

        self.plan_policy_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.plan_policy_buttons.addItem(self.plan_policy_spacer)


        self.plan_policies_layout.addLayout(self.plan_policy_buttons)


        self.form.setLayout(9, QFormLayout.ItemRole.FieldRole, self.plan_policies_layout)

        self.auth_months_label = QLabel(self.general_tab)
        self.auth_months_label.setObjectName(u"auth_months_label")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.auth_months_label)

        self.auth_months = QLineEdit(self.general_tab)
        self.auth_months.setObjectName(u"auth_months")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.auth_months)

        self.idle_minutes_label = QLabel(self.general_tab)
        self.idle_minutes_label.setObjectName(u"idle_minutes_label")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.idle_minutes_label)

        self.idle_minutes = QLineEdit(self.general_tab)
        self.idle_minutes.setObjectName(u"idle_minutes")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.idle_minutes)


        self.general_layout.addLayout(self.form)

        self.tabs.addTab(self.general_tab, "")
        self.accounts_tab = QWidget()
        self.accounts_tab.setObjectName(u"accounts_tab")
        self.accounts_layout = QVBoxLayout(self.accounts_tab)
        self.accounts_layout.setObjectName(u"accounts_layout")
        self.accounts_note = QLabel(self.accounts_tab)
        self.accounts_note.setObjectName(u"accounts_note")
        self.accounts_note.setWordWrap(True)

        self.accounts_layout.addWidget(self.accounts_note)

        self.accounts = QTableWidget(self.accounts_tab)
        self.accounts.setObjectName(u"accounts")
        self.accounts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.accounts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.accounts_layout.addWidget(self.accounts)

        self.account_buttons = QHBoxLayout()
        self.account_buttons.setObjectName(u"account_buttons")
        self.add_account = QPushButton(self.accounts_tab)
        self.add_account.setObjectName(u"add_account")

        self.account_buttons.addWidget(self.add_account)

        self.deactivate_account = QPushButton(self.accounts_tab)
        self.deactivate_account.setObjectName(u"deactivate_account")

        self.account_buttons.addWidget(self.deactivate_account)

        self.show_inactive = QCheckBox(self.accounts_tab)
        self.show_inactive.setObjectName(u"show_inactive")

        self.account_buttons.addWidget(self.show_inactive)

        self.account_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.account_buttons.addItem(self.account_spacer)


        self.accounts_layout.addLayout(self.account_buttons)

        self.accounts_message = QLabel(self.accounts_tab)
        self.accounts_message.setObjectName(u"accounts_message")
        self.accounts_message.setWordWrap(True)

        self.accounts_layout.addWidget(self.accounts_message)

        self.tabs.addTab(self.accounts_tab, "")

        self.layout.addWidget(self.tabs)

        self.message = QLabel(SettingsDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.plan_name_label.setBuddy(self.plan_name)
        self.plan_address_label.setBuddy(self.plan_address)
        self.plan_phone_label.setBuddy(self.plan_phone)
        self.logo_path_label.setBuddy(self.logo_path)
        self.standard_days_label.setBuddy(self.standard_days)
        self.expedited_hours_label.setBuddy(self.expedited_hours)
        self.policy_label.setBuddy(self.policy)
        self.plan_policies_label.setBuddy(self.plan_policies)
        self.auth_months_label.setBuddy(self.auth_months)
        self.idle_minutes_label.setBuddy(self.idle_minutes)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
#if QT_CONFIG(accessibility)
        self.tabs.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings sections", None))
#endif // QT_CONFIG(accessibility)
        self.letter_header.setText(QCoreApplication.translate("SettingsDialog", u"<b>Letterhead</b>", None))
        self.plan_name_label.setText(QCoreApplication.translate("SettingsDialog", u"Plan &name:", None))
#if QT_CONFIG(accessibility)
        self.plan_name.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Plan name", None))
#endif // QT_CONFIG(accessibility)
        self.plan_address_label.setText(QCoreApplication.translate("SettingsDialog", u"&Plan address:", None))
#if QT_CONFIG(accessibility)
        self.plan_address.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Plan address", None))
#endif // QT_CONFIG(accessibility)
        self.plan_phone_label.setText(QCoreApplication.translate("SettingsDialog", u"P&lan phone:", None))
#if QT_CONFIG(accessibility)
        self.plan_phone.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Plan phone", None))
#endif // QT_CONFIG(accessibility)
        self.logo_path_label.setText(QCoreApplication.translate("SettingsDialog", u"Logo &file:", None))
#if QT_CONFIG(accessibility)
        self.logo_path.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Logo file", None))
#endif // QT_CONFIG(accessibility)
        self.review_header.setText(QCoreApplication.translate("SettingsDialog", u"<b>Review</b>", None))
        self.standard_days_label.setText(QCoreApplication.translate("SettingsDialog", u"&Standard clock (days):", None))
#if QT_CONFIG(accessibility)
        self.standard_days.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Standard clock (days)", None))
#endif // QT_CONFIG(accessibility)
        self.expedited_hours_label.setText(QCoreApplication.translate("SettingsDialog", u"Expedited &clock (hours):", None))
#if QT_CONFIG(accessibility)
        self.expedited_hours.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Expedited clock (hours)", None))
#endif // QT_CONFIG(accessibility)
        self.policy_label.setText(QCoreApplication.translate("SettingsDialog", u"Default polic&y:", None))
#if QT_CONFIG(accessibility)
        self.policy.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Default policy", None))
#endif // QT_CONFIG(accessibility)
        self.plan_policies_label.setText(QCoreApplication.translate("SettingsDialog", u"Policy &by plan:", None))
#if QT_CONFIG(accessibility)
        self.plan_policies.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Policy by plan", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.plan_policies.setToolTip(QCoreApplication.translate("SettingsDialog", u"Requests of members in a plan named here are imported under its policy; other plans use the default policy.", None))
#endif // QT_CONFIG(tooltip)
        self.add_plan_policy.setText(QCoreApplication.translate("SettingsDialog", u"Add &row", None))
#if QT_CONFIG(accessibility)
        self.add_plan_policy.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Add plan policy row", None))
#endif // QT_CONFIG(accessibility)
        self.remove_plan_policy.setText(QCoreApplication.translate("SettingsDialog", u"Remove ro&w", None))
#if QT_CONFIG(accessibility)
        self.remove_plan_policy.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Remove plan policy row", None))
#endif // QT_CONFIG(accessibility)
        self.auth_months_label.setText(QCoreApplication.translate("SettingsDialog", u"Default authori&zation (months):", None))
#if QT_CONFIG(accessibility)
        self.auth_months.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Default authorization (months)", None))
#endif // QT_CONFIG(accessibility)
        self.idle_minutes_label.setText(QCoreApplication.translate("SettingsDialog", u"&Idle lock (minutes):", None))
#if QT_CONFIG(accessibility)
        self.idle_minutes.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Idle lock (minutes)", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.general_tab), QCoreApplication.translate("SettingsDialog", u"Plan and re&view", None))
        self.accounts_note.setText(QCoreApplication.translate("SettingsDialog", u"Adding or deactivating an account takes effect at once (it does not wait for Save). Accounts are never deleted: determinations keep naming their reviewer.", None))
#if QT_CONFIG(accessibility)
        self.accounts.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Accounts", None))
#endif // QT_CONFIG(accessibility)
        self.add_account.setText(QCoreApplication.translate("SettingsDialog", u"A&dd account\u2026", None))
        self.deactivate_account.setText(QCoreApplication.translate("SettingsDialog", u"D&eactivate\u2026", None))
        self.show_inactive.setText(QCoreApplication.translate("SettingsDialog", u"Show deac&tivated accounts", None))
        self.accounts_message.setText("")
#if QT_CONFIG(accessibility)
        self.accounts_message.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Accounts message", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.accounts_tab), QCoreApplication.translate("SettingsDialog", u"Reviewer &accounts", None))
        self.message.setText("")
    # retranslateUi

