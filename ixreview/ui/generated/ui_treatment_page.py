# Generated from forms/treatment_page.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'treatment_page.ui'
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
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_TreatmentPage(object):
    def setupUi(self, TreatmentPage):
        if not TreatmentPage.objectName():
            TreatmentPage.setObjectName(u"TreatmentPage")
        TreatmentPage.resize(640, 560)
        self.page_layout = QVBoxLayout(TreatmentPage)
        self.page_layout.setObjectName(u"page_layout")
        self.title = QLabel(TreatmentPage)
        self.title.setObjectName(u"title")
        self.title.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.title)

        self.intro = QLabel(TreatmentPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.scroll = QScrollArea(TreatmentPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_host = QWidget()
        self.form_host.setObjectName(u"form_host")
        self.form = QFormLayout(self.form_host)
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.regimens_header = QLabel(self.form_host)
        self.regimens_header.setObjectName(u"regimens_header")
        self.regimens_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.regimens_header)

        self.therapies = QTableWidget(self.form_host)
        self.therapies.setObjectName(u"therapies")

        self.form.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.therapies)

        self.therapy_buttons = QWidget(self.form_host)
        self.therapy_buttons.setObjectName(u"therapy_buttons")

        self.form.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.therapy_buttons)

        self.timeline_header = QLabel(self.form_host)
        self.timeline_header.setObjectName(u"timeline_header")
        self.timeline_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.timeline_header)

        self.timeline_host = QWidget(self.form_host)
        self.timeline_host.setObjectName(u"timeline_host")

        self.form.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.timeline_host)

        self.lines_header = QLabel(self.form_host)
        self.lines_header.setObjectName(u"lines_header")
        self.lines_header.setTextFormat(Qt.TextFormat.RichText)

        self.form.setWidget(5, QFormLayout.ItemRole.SpanningRole, self.lines_header)

        self.prior_lines_of_therapy_label = QLabel(self.form_host)
        self.prior_lines_of_therapy_label.setObjectName(u"prior_lines_of_therapy_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.prior_lines_of_therapy_label)

        self.prior_lines_of_therapy = QLineEdit(self.form_host)
        self.prior_lines_of_therapy.setObjectName(u"prior_lines_of_therapy")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.prior_lines_of_therapy)

        self.anthracycline_contraindicated_label = QLabel(self.form_host)
        self.anthracycline_contraindicated_label.setObjectName(u"anthracycline_contraindicated_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.anthracycline_contraindicated_label)

        self.anthracycline_contraindicated = QComboBox(self.form_host)
        self.anthracycline_contraindicated.setObjectName(u"anthracycline_contraindicated")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.anthracycline_contraindicated)

        self.scroll.setWidget(self.form_host)

        self.page_layout.addWidget(self.scroll)

        self.confirm_row = QHBoxLayout()
        self.confirm_row.setObjectName(u"confirm_row")
        self.confirm_status = QLabel(TreatmentPage)
        self.confirm_status.setObjectName(u"confirm_status")
        self.confirm_status.setWordWrap(True)

        self.confirm_row.addWidget(self.confirm_status)

        self.confirm_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.confirm_row.addItem(self.confirm_spacer)

        self.confirm_button = QPushButton(TreatmentPage)
        self.confirm_button.setObjectName(u"confirm_button")

        self.confirm_row.addWidget(self.confirm_button)


        self.page_layout.addLayout(self.confirm_row)

#if QT_CONFIG(shortcut)
        self.prior_lines_of_therapy_label.setBuddy(self.prior_lines_of_therapy)
        self.anthracycline_contraindicated_label.setBuddy(self.anthracycline_contraindicated)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TreatmentPage)

        QMetaObject.connectSlotsByName(TreatmentPage)
    # setupUi

    def retranslateUi(self, TreatmentPage):
        TreatmentPage.setWindowTitle(QCoreApplication.translate("TreatmentPage", u"3 \u00b7 Treatment history", None))
        self.title.setText(QCoreApplication.translate("TreatmentPage", u"<h2>3 \u00b7 Treatment history</h2>", None))
        self.intro.setText(QCoreApplication.translate("TreatmentPage", u"Every prior regimen (agent completes from the drug vocabulary; dates YYYY-MM-DD; an empty end means ongoing). The timeline shows each regimen, each progression and the resistance windows.", None))
        self.regimens_header.setText(QCoreApplication.translate("TreatmentPage", u"<b>Prior regimens</b>", None))
#if QT_CONFIG(accessibility)
        self.therapies.setAccessibleName(QCoreApplication.translate("TreatmentPage", u"therapies", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.therapy_buttons.setAccessibleName(QCoreApplication.translate("TreatmentPage", u"therapy buttons", None))
#endif // QT_CONFIG(accessibility)
        self.timeline_header.setText(QCoreApplication.translate("TreatmentPage", u"<b>Timeline</b>", None))
#if QT_CONFIG(accessibility)
        self.timeline_host.setAccessibleName(QCoreApplication.translate("TreatmentPage", u"timeline host", None))
#endif // QT_CONFIG(accessibility)
        self.lines_header.setText(QCoreApplication.translate("TreatmentPage", u"<b>Lines of therapy</b>", None))
        self.prior_lines_of_therapy_label.setText(QCoreApplication.translate("TreatmentPage", u"Prior &lines of therapy:", None))
#if QT_CONFIG(accessibility)
        self.prior_lines_of_therapy.setAccessibleName(QCoreApplication.translate("TreatmentPage", u"Prior lines of therapy", None))
#endif // QT_CONFIG(accessibility)
        self.anthracycline_contraindicated_label.setText(QCoreApplication.translate("TreatmentPage", u"&Anthracycline contraindicated:", None))
#if QT_CONFIG(accessibility)
        self.anthracycline_contraindicated.setAccessibleName(QCoreApplication.translate("TreatmentPage", u"Anthracycline contraindicated", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_status.setText("")
        self.confirm_button.setText(QCoreApplication.translate("TreatmentPage", u"&Confirm this page", None))
#if QT_CONFIG(accessibility)
        self.confirm_button.setAccessibleName(QCoreApplication.translate("TreatmentPage", u"Confirm this page", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

