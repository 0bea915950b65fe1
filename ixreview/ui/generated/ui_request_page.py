# Generated from forms/request_page.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'request_page.ui'
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
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_RequestPage(object):
    def setupUi(self, RequestPage):
        if not RequestPage.objectName():
            RequestPage.setObjectName(u"RequestPage")
        RequestPage.resize(640, 560)
        self.page_layout = QVBoxLayout(RequestPage)
        self.page_layout.setObjectName(u"page_layout")
        self.title = QLabel(RequestPage)
        self.title.setObjectName(u"title")
        self.title.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.title)

        self.intro = QLabel(RequestPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.scroll = QScrollArea(RequestPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_host = QWidget()
        self.form_host.setObjectName(u"form_host")
        self.form = QFormLayout(self.form_host)
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.request_header = QLabel(self.form_host)
        self.request_header.setObjectName(u"request_header")
        self.request_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.request_header)

        self.reference_label = QLabel(self.form_host)
        self.reference_label.setObjectName(u"reference_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.reference_label)

        self.reference = QLineEdit(self.form_host)
        self.reference.setObjectName(u"reference")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.reference)

        self.received_at_label = QLabel(self.form_host)
        self.received_at_label.setObjectName(u"received_at_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.received_at_label)

        self.received_at = QLineEdit(self.form_host)
        self.received_at.setObjectName(u"received_at")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.received_at)

        self.urgency_label = QLabel(self.form_host)
        self.urgency_label.setObjectName(u"urgency_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.urgency_label)

        self.urgency = QComboBox(self.form_host)
        self.urgency.setObjectName(u"urgency")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.urgency)

        self.request_type_label = QLabel(self.form_host)
        self.request_type_label.setObjectName(u"request_type_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.request_type_label)

        self.request_type = QComboBox(self.form_host)
        self.request_type.setObjectName(u"request_type")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.request_type)

        self.policy_label = QLabel(self.form_host)
        self.policy_label.setObjectName(u"policy_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.policy_label)

        self.policy = QComboBox(self.form_host)
        self.policy.setObjectName(u"policy")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.policy)

        self.policy_version_label = QLabel(self.form_host)
        self.policy_version_label.setObjectName(u"policy_version_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.policy_version_label)

        self.policy_version = QLabel(self.form_host)
        self.policy_version.setObjectName(u"policy_version")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.policy_version)

        self.member_header = QLabel(self.form_host)
        self.member_header.setObjectName(u"member_header")
        self.member_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(7, QFormLayout.ItemRole.SpanningRole, self.member_header)

        self.member_id_label = QLabel(self.form_host)
        self.member_id_label.setObjectName(u"member_id_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.member_id_label)

        self.member_id = QLineEdit(self.form_host)
        self.member_id.setObjectName(u"member_id")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.member_id)

        self.member_first_name_label = QLabel(self.form_host)
        self.member_first_name_label.setObjectName(u"member_first_name_label")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.member_first_name_label)

        self.member_first_name = QLineEdit(self.form_host)
        self.member_first_name.setObjectName(u"member_first_name")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.member_first_name)

        self.member_last_name_label = QLabel(self.form_host)
        self.member_last_name_label.setObjectName(u"member_last_name_label")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.member_last_name_label)

        self.member_last_name = QLineEdit(self.form_host)
        self.member_last_name.setObjectName(u"member_last_name")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.member_last_name)

        self.member_birth_date_label = QLabel(self.form_host)
        self.member_birth_date_label.setObjectName(u"member_birth_date_label")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.member_birth_date_label)

        self.member_birth_date = QLineEdit(self.form_host)
        self.member_birth_date.setObjectName(u"member_birth_date")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.member_birth_date)

        self.member_address_label = QLabel(self.form_host)
        self.member_address_label.setObjectName(u"member_address_label")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.member_address_label)

        self.member_address = QPlainTextEdit(self.form_host)
        self.member_address.setObjectName(u"member_address")
        self.member_address.setTabChangesFocus(True)

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.member_address)

        self.member_plan_label = QLabel(self.form_host)
        self.member_plan_label.setObjectName(u"member_plan_label")

        self.form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.member_plan_label)

        self.member_plan = QLineEdit(self.form_host)
        self.member_plan.setObjectName(u"member_plan")

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.member_plan)

        self.prescriber_header = QLabel(self.form_host)
        self.prescriber_header.setObjectName(u"prescriber_header")
        self.prescriber_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(14, QFormLayout.ItemRole.SpanningRole, self.prescriber_header)

        self.prescriber_name_label = QLabel(self.form_host)
        self.prescriber_name_label.setObjectName(u"prescriber_name_label")

        self.form.setWidget(15, QFormLayout.ItemRole.LabelRole, self.prescriber_name_label)

        self.prescriber_name = QLineEdit(self.form_host)
        self.prescriber_name.setObjectName(u"prescriber_name")

        self.form.setWidget(15, QFormLayout.ItemRole.FieldRole, self.prescriber_name)

        self.prescriber_npi_label = QLabel(self.form_host)
        self.prescriber_npi_label.setObjectName(u"prescriber_npi_label")

        self.form.setWidget(16, QFormLayout.ItemRole.LabelRole, self.prescriber_npi_label)

        self.prescriber_npi = QLineEdit(self.form_host)
        self.prescriber_npi.setObjectName(u"prescriber_npi")

        self.form.setWidget(16, QFormLayout.ItemRole.FieldRole, self.prescriber_npi)

        self.prescriber_phone_label = QLabel(self.form_host)
        self.prescriber_phone_label.setObjectName(u"prescriber_phone_label")

        self.form.setWidget(17, QFormLayout.ItemRole.LabelRole, self.prescriber_phone_label)

        self.prescriber_phone = QLineEdit(self.form_host)
        self.prescriber_phone.setObjectName(u"prescriber_phone")

        self.form.setWidget(17, QFormLayout.ItemRole.FieldRole, self.prescriber_phone)

        self.prescriber_fax_label = QLabel(self.form_host)
        self.prescriber_fax_label.setObjectName(u"prescriber_fax_label")

        self.form.setWidget(18, QFormLayout.ItemRole.LabelRole, self.prescriber_fax_label)

        self.prescriber_fax = QLineEdit(self.form_host)
        self.prescriber_fax.setObjectName(u"prescriber_fax")

        self.form.setWidget(18, QFormLayout.ItemRole.FieldRole, self.prescriber_fax)

        self.prescriber_address_label = QLabel(self.form_host)
        self.prescriber_address_label.setObjectName(u"prescriber_address_label")

        self.form.setWidget(19, QFormLayout.ItemRole.LabelRole, self.prescriber_address_label)

        self.prescriber_address = QPlainTextEdit(self.form_host)
        self.prescriber_address.setObjectName(u"prescriber_address")
        self.prescriber_address.setTabChangesFocus(True)

        self.form.setWidget(19, QFormLayout.ItemRole.FieldRole, self.prescriber_address)

        self.medication_header = QLabel(self.form_host)
        self.medication_header.setObjectName(u"medication_header")
        self.medication_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(20, QFormLayout.ItemRole.SpanningRole, self.medication_header)

        self.medication_regimen_label = QLabel(self.form_host)
        self.medication_regimen_label.setObjectName(u"medication_regimen_label")

        self.form.setWidget(21, QFormLayout.ItemRole.LabelRole, self.medication_regimen_label)

        self.medication_regimen = QComboBox(self.form_host)
        self.medication_regimen.setObjectName(u"medication_regimen")

        self.form.setWidget(21, QFormLayout.ItemRole.FieldRole, self.medication_regimen)

        self.medication_dose_mg_per_m2_label = QLabel(self.form_host)
        self.medication_dose_mg_per_m2_label.setObjectName(u"medication_dose_mg_per_m2_label")

        self.form.setWidget(22, QFormLayout.ItemRole.LabelRole, self.medication_dose_mg_per_m2_label)

        self.medication_dose_mg_per_m2 = QLineEdit(self.form_host)
        self.medication_dose_mg_per_m2.setObjectName(u"medication_dose_mg_per_m2")

        self.form.setWidget(22, QFormLayout.ItemRole.FieldRole, self.medication_dose_mg_per_m2)

        self.medication_bsa_m2_label = QLabel(self.form_host)
        self.medication_bsa_m2_label.setObjectName(u"medication_bsa_m2_label")

        self.form.setWidget(23, QFormLayout.ItemRole.LabelRole, self.medication_bsa_m2_label)

        self.medication_bsa_m2 = QLineEdit(self.form_host)
        self.medication_bsa_m2.setObjectName(u"medication_bsa_m2")

        self.form.setWidget(23, QFormLayout.ItemRole.FieldRole, self.medication_bsa_m2)

        self.medication_interval_days_label = QLabel(self.form_host)
        self.medication_interval_days_label.setObjectName(u"medication_interval_days_label")

        self.form.setWidget(24, QFormLayout.ItemRole.LabelRole, self.medication_interval_days_label)

        self.medication_interval_days = QLineEdit(self.form_host)
        self.medication_interval_days.setObjectName(u"medication_interval_days")

        self.form.setWidget(24, QFormLayout.ItemRole.FieldRole, self.medication_interval_days)

        self.medication_requested_start_label = QLabel(self.form_host)
        self.medication_requested_start_label.setObjectName(u"medication_requested_start_label")

        self.form.setWidget(25, QFormLayout.ItemRole.LabelRole, self.medication_requested_start_label)

        self.medication_requested_start = QLineEdit(self.form_host)
        self.medication_requested_start.setObjectName(u"medication_requested_start")

        self.form.setWidget(25, QFormLayout.ItemRole.FieldRole, self.medication_requested_start)

        self.continuation_header = QLabel(self.form_host)
        self.continuation_header.setObjectName(u"continuation_header")
        self.continuation_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(26, QFormLayout.ItemRole.SpanningRole, self.continuation_header)

        self.continuation_prior_authorization_label = QLabel(self.form_host)
        self.continuation_prior_authorization_label.setObjectName(u"continuation_prior_authorization_label")

        self.form.setWidget(27, QFormLayout.ItemRole.LabelRole, self.continuation_prior_authorization_label)

        self.continuation_prior_authorization = QLineEdit(self.form_host)
        self.continuation_prior_authorization.setObjectName(u"continuation_prior_authorization")

        self.form.setWidget(27, QFormLayout.ItemRole.FieldRole, self.continuation_prior_authorization)

        self.continuation_unacceptable_toxicity_label = QLabel(self.form_host)
        self.continuation_unacceptable_toxicity_label.setObjectName(u"continuation_unacceptable_toxicity_label")

        self.form.setWidget(28, QFormLayout.ItemRole.LabelRole, self.continuation_unacceptable_toxicity_label)

        self.continuation_unacceptable_toxicity = QComboBox(self.form_host)
        self.continuation_unacceptable_toxicity.setObjectName(u"continuation_unacceptable_toxicity")

        self.form.setWidget(28, QFormLayout.ItemRole.FieldRole, self.continuation_unacceptable_toxicity)

        self.continuation_disease_progression_label = QLabel(self.form_host)
        self.continuation_disease_progression_label.setObjectName(u"continuation_disease_progression_label")

        self.form.setWidget(29, QFormLayout.ItemRole.LabelRole, self.continuation_disease_progression_label)

        self.continuation_disease_progression = QComboBox(self.form_host)
        self.continuation_disease_progression.setObjectName(u"continuation_disease_progression")

        self.form.setWidget(29, QFormLayout.ItemRole.FieldRole, self.continuation_disease_progression)

        self.scroll.setWidget(self.form_host)

        self.page_layout.addWidget(self.scroll)

        self.confirm_row = QHBoxLayout()
        self.confirm_row.setObjectName(u"confirm_row")
        self.confirm_status = QLabel(RequestPage)
        self.confirm_status.setObjectName(u"confirm_status")
        self.confirm_status.setWordWrap(True)

        self.confirm_row.addWidget(self.confirm_status)

        self.confirm_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.confirm_row.addItem(self.confirm_spacer)

        self.confirm_button = QPushButton(RequestPage)
        self.confirm_button.setObjectName(u"confirm_button")

        self.confirm_row.addWidget(self.confirm_button)


        self.page_layout.addLayout(self.confirm_row)

#if QT_CONFIG(shortcut)
        self.reference_label.setBuddy(self.reference)
        self.received_at_label.setBuddy(self.received_at)
        self.urgency_label.setBuddy(self.urgency)
        self.request_type_label.setBuddy(self.request_type)
        self.policy_label.setBuddy(self.policy)
        self.policy_version_label.setBuddy(self.policy_version)
        self.member_id_label.setBuddy(self.member_id)
        self.member_first_name_label.setBuddy(self.member_first_name)
        self.member_last_name_label.setBuddy(self.member_last_name)
        self.member_birth_date_label.setBuddy(self.member_birth_date)
        self.member_address_label.setBuddy(self.member_address)
        self.member_plan_label.setBuddy(self.member_plan)
        self.prescriber_name_label.setBuddy(self.prescriber_name)
        self.prescriber_npi_label.setBuddy(self.prescriber_npi)
        self.prescriber_phone_label.setBuddy(self.prescriber_phone)
        self.prescriber_fax_label.setBuddy(self.prescriber_fax)
        self.prescriber_address_label.setBuddy(self.prescriber_address)
        self.medication_regimen_label.setBuddy(self.medication_regimen)
        self.medication_dose_mg_per_m2_label.setBuddy(self.medication_dose_mg_per_m2)
        self.medication_bsa_m2_label.setBuddy(self.medication_bsa_m2)
        self.medication_interval_days_label.setBuddy(self.medication_interval_days)
        self.medication_requested_start_label.setBuddy(self.medication_requested_start)
        self.continuation_prior_authorization_label.setBuddy(self.continuation_prior_authorization)
        self.continuation_unacceptable_toxicity_label.setBuddy(self.continuation_unacceptable_toxicity)
        self.continuation_disease_progression_label.setBuddy(self.continuation_disease_progression)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(RequestPage)

        QMetaObject.connectSlotsByName(RequestPage)
    # setupUi

    def retranslateUi(self, RequestPage):
        RequestPage.setWindowTitle(QCoreApplication.translate("RequestPage", u"1 \u00b7 Request", None))
        self.title.setText(QCoreApplication.translate("RequestPage", u"<h2>1 \u00b7 Request</h2>", None))
        self.intro.setText(QCoreApplication.translate("RequestPage", u"Who asks for what. Values from the imported request are marked \u201cimported\u201d; change one and it is recorded as an override.", None))
        self.request_header.setText(QCoreApplication.translate("RequestPage", u"<b>Request</b>", None))
        self.reference_label.setText(QCoreApplication.translate("RequestPage", u"R&eference:", None))
#if QT_CONFIG(accessibility)
        self.reference.setAccessibleName(QCoreApplication.translate("RequestPage", u"Reference", None))
#endif // QT_CONFIG(accessibility)
        self.received_at_label.setText(QCoreApplication.translate("RequestPage", u"Received &at:", None))
#if QT_CONFIG(accessibility)
        self.received_at.setAccessibleName(QCoreApplication.translate("RequestPage", u"Received at", None))
#endif // QT_CONFIG(accessibility)
        self.received_at.setPlaceholderText(QCoreApplication.translate("RequestPage", u"YYYY-MM-DDThh:mm:ss\u00b1hh:mm", None))
        self.urgency_label.setText(QCoreApplication.translate("RequestPage", u"&Urgency:", None))
#if QT_CONFIG(accessibility)
        self.urgency.setAccessibleName(QCoreApplication.translate("RequestPage", u"Urgency", None))
#endif // QT_CONFIG(accessibility)
        self.request_type_label.setText(QCoreApplication.translate("RequestPage", u"Request t&ype:", None))
#if QT_CONFIG(accessibility)
        self.request_type.setAccessibleName(QCoreApplication.translate("RequestPage", u"Request type", None))
#endif // QT_CONFIG(accessibility)
        self.policy_label.setText(QCoreApplication.translate("RequestPage", u"Po&licy:", None))
#if QT_CONFIG(accessibility)
        self.policy.setAccessibleName(QCoreApplication.translate("RequestPage", u"Policy", None))
#endif // QT_CONFIG(accessibility)
        self.policy_version_label.setText(QCoreApplication.translate("RequestPage", u"Policy version:", None))
#if QT_CONFIG(accessibility)
        self.policy_version.setAccessibleName(QCoreApplication.translate("RequestPage", u"Policy version", None))
#endif // QT_CONFIG(accessibility)
        self.member_header.setText(QCoreApplication.translate("RequestPage", u"<b>Member</b>", None))
        self.member_id_label.setText(QCoreApplication.translate("RequestPage", u"Member &ID:", None))
#if QT_CONFIG(accessibility)
        self.member_id.setAccessibleName(QCoreApplication.translate("RequestPage", u"Member ID", None))
#endif // QT_CONFIG(accessibility)
        self.member_first_name_label.setText(QCoreApplication.translate("RequestPage", u"First &name:", None))
#if QT_CONFIG(accessibility)
        self.member_first_name.setAccessibleName(QCoreApplication.translate("RequestPage", u"First name", None))
#endif // QT_CONFIG(accessibility)
        self.member_last_name_label.setText(QCoreApplication.translate("RequestPage", u"Last name:", None))
#if QT_CONFIG(accessibility)
        self.member_last_name.setAccessibleName(QCoreApplication.translate("RequestPage", u"Last name", None))
#endif // QT_CONFIG(accessibility)
        self.member_birth_date_label.setText(QCoreApplication.translate("RequestPage", u"&Birth date:", None))
#if QT_CONFIG(accessibility)
        self.member_birth_date.setAccessibleName(QCoreApplication.translate("RequestPage", u"Birth date", None))
#endif // QT_CONFIG(accessibility)
        self.member_birth_date.setPlaceholderText(QCoreApplication.translate("RequestPage", u"YYYY-MM-DD", None))
        self.member_address_label.setText(QCoreApplication.translate("RequestPage", u"A&ddress:", None))
#if QT_CONFIG(accessibility)
        self.member_address.setAccessibleName(QCoreApplication.translate("RequestPage", u"Address", None))
#endif // QT_CONFIG(accessibility)
        self.member_address.setPlaceholderText(QCoreApplication.translate("RequestPage", u"One line per address line", None))
        self.member_plan_label.setText(QCoreApplication.translate("RequestPage", u"&Plan:", None))
#if QT_CONFIG(accessibility)
        self.member_plan.setAccessibleName(QCoreApplication.translate("RequestPage", u"Plan", None))
#endif // QT_CONFIG(accessibility)
        self.prescriber_header.setText(QCoreApplication.translate("RequestPage", u"<b>Prescriber</b>", None))
        self.prescriber_name_label.setText(QCoreApplication.translate("RequestPage", u"Prescriber name:", None))
#if QT_CONFIG(accessibility)
        self.prescriber_name.setAccessibleName(QCoreApplication.translate("RequestPage", u"Prescriber name", None))
#endif // QT_CONFIG(accessibility)
        self.prescriber_npi_label.setText(QCoreApplication.translate("RequestPage", u"NPI:", None))
#if QT_CONFIG(accessibility)
        self.prescriber_npi.setAccessibleName(QCoreApplication.translate("RequestPage", u"NPI", None))
#endif // QT_CONFIG(accessibility)
        self.prescriber_npi.setPlaceholderText(QCoreApplication.translate("RequestPage", u"10 digits", None))
        self.prescriber_phone_label.setText(QCoreApplication.translate("RequestPage", u"Ph&one:", None))
#if QT_CONFIG(accessibility)
        self.prescriber_phone.setAccessibleName(QCoreApplication.translate("RequestPage", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.prescriber_fax_label.setText(QCoreApplication.translate("RequestPage", u"Fa&x:", None))
#if QT_CONFIG(accessibility)
        self.prescriber_fax.setAccessibleName(QCoreApplication.translate("RequestPage", u"Fax", None))
#endif // QT_CONFIG(accessibility)
        self.prescriber_address_label.setText(QCoreApplication.translate("RequestPage", u"Prescriber address:", None))
#if QT_CONFIG(accessibility)
        self.prescriber_address.setAccessibleName(QCoreApplication.translate("RequestPage", u"Prescriber address", None))
#endif // QT_CONFIG(accessibility)
        self.medication_header.setText(QCoreApplication.translate("RequestPage", u"<b>Medication (ixabepilone, J9207)</b>", None))
        self.medication_regimen_label.setText(QCoreApplication.translate("RequestPage", u"Re&gimen:", None))
#if QT_CONFIG(accessibility)
        self.medication_regimen.setAccessibleName(QCoreApplication.translate("RequestPage", u"Regimen", None))
#endif // QT_CONFIG(accessibility)
        self.medication_dose_mg_per_m2_label.setText(QCoreApplication.translate("RequestPage", u"Dose (mg/m\u00b2):", None))
#if QT_CONFIG(accessibility)
        self.medication_dose_mg_per_m2.setAccessibleName(QCoreApplication.translate("RequestPage", u"Dose (mg/m\u00b2)", None))
#endif // QT_CONFIG(accessibility)
        self.medication_bsa_m2_label.setText(QCoreApplication.translate("RequestPage", u"BSA (m\u00b2):", None))
#if QT_CONFIG(accessibility)
        self.medication_bsa_m2.setAccessibleName(QCoreApplication.translate("RequestPage", u"BSA (m\u00b2)", None))
#endif // QT_CONFIG(accessibility)
        self.medication_interval_days_label.setText(QCoreApplication.translate("RequestPage", u"Inter&val (days):", None))
#if QT_CONFIG(accessibility)
        self.medication_interval_days.setAccessibleName(QCoreApplication.translate("RequestPage", u"Interval (days)", None))
#endif // QT_CONFIG(accessibility)
        self.medication_requested_start_label.setText(QCoreApplication.translate("RequestPage", u"Requested start:", None))
#if QT_CONFIG(accessibility)
        self.medication_requested_start.setAccessibleName(QCoreApplication.translate("RequestPage", u"Requested start", None))
#endif // QT_CONFIG(accessibility)
        self.medication_requested_start.setPlaceholderText(QCoreApplication.translate("RequestPage", u"YYYY-MM-DD", None))
        self.continuation_header.setText(QCoreApplication.translate("RequestPage", u"<b>Continuation</b>", None))
        self.continuation_prior_authorization_label.setText(QCoreApplication.translate("RequestPage", u"Prior authori&zation:", None))
#if QT_CONFIG(accessibility)
        self.continuation_prior_authorization.setAccessibleName(QCoreApplication.translate("RequestPage", u"Prior authorization", None))
#endif // QT_CONFIG(accessibility)
        self.continuation_unacceptable_toxicity_label.setText(QCoreApplication.translate("RequestPage", u"Unacceptable toxicity:", None))
#if QT_CONFIG(accessibility)
        self.continuation_unacceptable_toxicity.setAccessibleName(QCoreApplication.translate("RequestPage", u"Unacceptable toxicity", None))
#endif // QT_CONFIG(accessibility)
        self.continuation_disease_progression_label.setText(QCoreApplication.translate("RequestPage", u"Disease progression:", None))
#if QT_CONFIG(accessibility)
        self.continuation_disease_progression.setAccessibleName(QCoreApplication.translate("RequestPage", u"Disease progression", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_status.setText("")
        self.confirm_button.setText(QCoreApplication.translate("RequestPage", u"&Confirm this page", None))
#if QT_CONFIG(accessibility)
        self.confirm_button.setAccessibleName(QCoreApplication.translate("RequestPage", u"Confirm this page", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

