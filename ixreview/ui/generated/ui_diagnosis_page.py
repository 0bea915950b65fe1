# Generated from forms/diagnosis_page.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'diagnosis_page.ui'
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
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QScrollArea, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_DiagnosisPage(object):
    def setupUi(self, DiagnosisPage):
        if not DiagnosisPage.objectName():
            DiagnosisPage.setObjectName(u"DiagnosisPage")
        DiagnosisPage.resize(640, 560)
        self.page_layout = QVBoxLayout(DiagnosisPage)
        self.page_layout.setObjectName(u"page_layout")
        self.title = QLabel(DiagnosisPage)
        self.title.setObjectName(u"title")
        self.title.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.title)

        self.intro = QLabel(DiagnosisPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.scroll = QScrollArea(DiagnosisPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_host = QWidget()
        self.form_host.setObjectName(u"form_host")
        self.form = QFormLayout(self.form_host)
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.code_entry_label = QLabel(self.form_host)
        self.code_entry_label.setObjectName(u"code_entry_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.code_entry_label)

        self.code_entry = QLineEdit(self.form_host)
        self.code_entry.setObjectName(u"code_entry")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.code_entry)

        self.code_description_label = QLabel(self.form_host)
        self.code_description_label.setObjectName(u"code_description_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.code_description_label)

        self.code_description = QLabel(self.form_host)
        self.code_description.setObjectName(u"code_description")
        self.code_description.setWordWrap(True)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.code_description)

        self.codes_label = QLabel(self.form_host)
        self.codes_label.setObjectName(u"codes_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.codes_label)

        self.codes = QListWidget(self.form_host)
        self.codes.setObjectName(u"codes")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.codes)

        self.remove_code_label = QLabel(self.form_host)
        self.remove_code_label.setObjectName(u"remove_code_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.remove_code_label)

        self.remove_code = QPushButton(self.form_host)
        self.remove_code.setObjectName(u"remove_code")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.remove_code)

        self.diagnosis_extent_label = QLabel(self.form_host)
        self.diagnosis_extent_label.setObjectName(u"diagnosis_extent_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.diagnosis_extent_label)

        self.diagnosis_extent = QComboBox(self.form_host)
        self.diagnosis_extent.setObjectName(u"diagnosis_extent")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.diagnosis_extent)

        self.diagnosis_no_response_to_preoperative_therapy_label = QLabel(self.form_host)
        self.diagnosis_no_response_to_preoperative_therapy_label.setObjectName(u"diagnosis_no_response_to_preoperative_therapy_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.diagnosis_no_response_to_preoperative_therapy_label)

        self.diagnosis_no_response_to_preoperative_therapy = QComboBox(self.form_host)
        self.diagnosis_no_response_to_preoperative_therapy.setObjectName(u"diagnosis_no_response_to_preoperative_therapy")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.diagnosis_no_response_to_preoperative_therapy)

        self.diagnosis_breast_cancer_confirmed_label = QLabel(self.form_host)
        self.diagnosis_breast_cancer_confirmed_label.setObjectName(u"diagnosis_breast_cancer_confirmed_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.diagnosis_breast_cancer_confirmed_label)

        self.diagnosis_breast_cancer_confirmed = QComboBox(self.form_host)
        self.diagnosis_breast_cancer_confirmed.setObjectName(u"diagnosis_breast_cancer_confirmed")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.diagnosis_breast_cancer_confirmed)

        self.scroll.setWidget(self.form_host)

        self.page_layout.addWidget(self.scroll)

        self.confirm_row = QHBoxLayout()
        self.confirm_row.setObjectName(u"confirm_row")
        self.confirm_status = QLabel(DiagnosisPage)
        self.confirm_status.setObjectName(u"confirm_status")
        self.confirm_status.setWordWrap(True)

        self.confirm_row.addWidget(self.confirm_status)

        self.confirm_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.confirm_row.addItem(self.confirm_spacer)

        self.confirm_button = QPushButton(DiagnosisPage)
        self.confirm_button.setObjectName(u"confirm_button")

        self.confirm_row.addWidget(self.confirm_button)


        self.page_layout.addLayout(self.confirm_row)

#if QT_CONFIG(shortcut)
        self.code_entry_label.setBuddy(self.code_entry)
        self.code_description_label.setBuddy(self.code_description)
        self.codes_label.setBuddy(self.codes)
        self.remove_code_label.setBuddy(self.remove_code)
        self.diagnosis_extent_label.setBuddy(self.diagnosis_extent)
        self.diagnosis_no_response_to_preoperative_therapy_label.setBuddy(self.diagnosis_no_response_to_preoperative_therapy)
        self.diagnosis_breast_cancer_confirmed_label.setBuddy(self.diagnosis_breast_cancer_confirmed)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(DiagnosisPage)

        QMetaObject.connectSlotsByName(DiagnosisPage)
    # setupUi

    def retranslateUi(self, DiagnosisPage):
        DiagnosisPage.setWindowTitle(QCoreApplication.translate("DiagnosisPage", u"2 \u00b7 Diagnosis", None))
        self.title.setText(QCoreApplication.translate("DiagnosisPage", u"<h2>2 \u00b7 Diagnosis</h2>", None))
        self.intro.setText(QCoreApplication.translate("DiagnosisPage", u"ICD-10-CM codes as submitted (type to complete; the official description is shown), the extent of disease, and the response to preoperative therapy.", None))
        self.code_entry_label.setText(QCoreApplication.translate("DiagnosisPage", u"&Add code:", None))
#if QT_CONFIG(accessibility)
        self.code_entry.setAccessibleName(QCoreApplication.translate("DiagnosisPage", u"Add code", None))
#endif // QT_CONFIG(accessibility)
        self.code_entry.setPlaceholderText(QCoreApplication.translate("DiagnosisPage", u"e.g. C50.412, then Enter", None))
        self.code_description_label.setText(QCoreApplication.translate("DiagnosisPage", u"Description:", None))
#if QT_CONFIG(accessibility)
        self.code_description.setAccessibleName(QCoreApplication.translate("DiagnosisPage", u"Description", None))
#endif // QT_CONFIG(accessibility)
        self.codes_label.setText(QCoreApplication.translate("DiagnosisPage", u"C&odes:", None))
#if QT_CONFIG(accessibility)
        self.codes.setAccessibleName(QCoreApplication.translate("DiagnosisPage", u"Codes", None))
#endif // QT_CONFIG(accessibility)
        self.remove_code_label.setText("")
#if QT_CONFIG(accessibility)
        self.remove_code.setAccessibleName("")
#endif // QT_CONFIG(accessibility)
        self.remove_code.setText(QCoreApplication.translate("DiagnosisPage", u"R&emove selected code", None))
        self.diagnosis_extent_label.setText(QCoreApplication.translate("DiagnosisPage", u"E&xtent:", None))
#if QT_CONFIG(accessibility)
        self.diagnosis_extent.setAccessibleName(QCoreApplication.translate("DiagnosisPage", u"Extent", None))
#endif // QT_CONFIG(accessibility)
        self.diagnosis_no_response_to_preoperative_therapy_label.setText(QCoreApplication.translate("DiagnosisPage", u"&No response to preoperative therapy:", None))
#if QT_CONFIG(accessibility)
        self.diagnosis_no_response_to_preoperative_therapy.setAccessibleName(QCoreApplication.translate("DiagnosisPage", u"No response to preoperative therapy", None))
#endif // QT_CONFIG(accessibility)
        self.diagnosis_breast_cancer_confirmed_label.setText(QCoreApplication.translate("DiagnosisPage", u"&Breast cancer confirmed by reviewer:", None))
#if QT_CONFIG(accessibility)
        self.diagnosis_breast_cancer_confirmed.setAccessibleName(QCoreApplication.translate("DiagnosisPage", u"Breast cancer confirmed by reviewer", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_status.setText("")
        self.confirm_button.setText(QCoreApplication.translate("DiagnosisPage", u"&Confirm this page", None))
#if QT_CONFIG(accessibility)
        self.confirm_button.setAccessibleName(QCoreApplication.translate("DiagnosisPage", u"Confirm this page", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

