# Generated from forms/labs_page.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'labs_page.ui'
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
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_LabsPage(object):
    def setupUi(self, LabsPage):
        if not LabsPage.objectName():
            LabsPage.setObjectName(u"LabsPage")
        LabsPage.resize(640, 560)
        self.page_layout = QVBoxLayout(LabsPage)
        self.page_layout.setObjectName(u"page_layout")
        self.title = QLabel(LabsPage)
        self.title.setObjectName(u"title")
        self.title.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.title)

        self.intro = QLabel(LabsPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.scroll = QScrollArea(LabsPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_host = QWidget()
        self.form_host.setObjectName(u"form_host")
        self.form = QFormLayout(self.form_host)
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labs_collected_on_label = QLabel(self.form_host)
        self.labs_collected_on_label.setObjectName(u"labs_collected_on_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.labs_collected_on_label)

        self.labs_collected_on = QLineEdit(self.form_host)
        self.labs_collected_on.setObjectName(u"labs_collected_on")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.labs_collected_on)

        self.collected_age_label = QLabel(self.form_host)
        self.collected_age_label.setObjectName(u"collected_age_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.collected_age_label)

        self.collected_age = QLabel(self.form_host)
        self.collected_age.setObjectName(u"collected_age")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.collected_age)

        self.labs_anc_per_mm3_label = QLabel(self.form_host)
        self.labs_anc_per_mm3_label.setObjectName(u"labs_anc_per_mm3_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.labs_anc_per_mm3_label)

        self.labs_anc_per_mm3 = QLineEdit(self.form_host)
        self.labs_anc_per_mm3.setObjectName(u"labs_anc_per_mm3")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.labs_anc_per_mm3)

        self.anc_unit_label = QLabel(self.form_host)
        self.anc_unit_label.setObjectName(u"anc_unit_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.anc_unit_label)

        self.anc_unit = QComboBox(self.form_host)
        self.anc_unit.setObjectName(u"anc_unit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.anc_unit)

        self.anc_converted_label = QLabel(self.form_host)
        self.anc_converted_label.setObjectName(u"anc_converted_label")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.anc_converted_label)

        self.anc_converted = QLabel(self.form_host)
        self.anc_converted.setObjectName(u"anc_converted")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.anc_converted)

        self.labs_platelets_per_mm3_label = QLabel(self.form_host)
        self.labs_platelets_per_mm3_label.setObjectName(u"labs_platelets_per_mm3_label")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.labs_platelets_per_mm3_label)

        self.labs_platelets_per_mm3 = QLineEdit(self.form_host)
        self.labs_platelets_per_mm3.setObjectName(u"labs_platelets_per_mm3")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.labs_platelets_per_mm3)

        self.platelets_unit_label = QLabel(self.form_host)
        self.platelets_unit_label.setObjectName(u"platelets_unit_label")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.platelets_unit_label)

        self.platelets_unit = QComboBox(self.form_host)
        self.platelets_unit.setObjectName(u"platelets_unit")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.platelets_unit)

        self.platelets_converted_label = QLabel(self.form_host)
        self.platelets_converted_label.setObjectName(u"platelets_converted_label")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.platelets_converted_label)

        self.platelets_converted = QLabel(self.form_host)
        self.platelets_converted.setObjectName(u"platelets_converted")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.platelets_converted)

        self.labs_ast_u_l_label = QLabel(self.form_host)
        self.labs_ast_u_l_label.setObjectName(u"labs_ast_u_l_label")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.labs_ast_u_l_label)

        self.labs_ast_u_l = QLineEdit(self.form_host)
        self.labs_ast_u_l.setObjectName(u"labs_ast_u_l")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.labs_ast_u_l)

        self.labs_ast_uln_label = QLabel(self.form_host)
        self.labs_ast_uln_label.setObjectName(u"labs_ast_uln_label")

        self.form.setWidget(9, QFormLayout.ItemRole.LabelRole, self.labs_ast_uln_label)

        self.labs_ast_uln = QLineEdit(self.form_host)
        self.labs_ast_uln.setObjectName(u"labs_ast_uln")

        self.form.setWidget(9, QFormLayout.ItemRole.FieldRole, self.labs_ast_uln)

        self.ast_ratio_label = QLabel(self.form_host)
        self.ast_ratio_label.setObjectName(u"ast_ratio_label")

        self.form.setWidget(10, QFormLayout.ItemRole.LabelRole, self.ast_ratio_label)

        self.ast_ratio = QLabel(self.form_host)
        self.ast_ratio.setObjectName(u"ast_ratio")

        self.form.setWidget(10, QFormLayout.ItemRole.FieldRole, self.ast_ratio)

        self.labs_alt_u_l_label = QLabel(self.form_host)
        self.labs_alt_u_l_label.setObjectName(u"labs_alt_u_l_label")

        self.form.setWidget(11, QFormLayout.ItemRole.LabelRole, self.labs_alt_u_l_label)

        self.labs_alt_u_l = QLineEdit(self.form_host)
        self.labs_alt_u_l.setObjectName(u"labs_alt_u_l")

        self.form.setWidget(11, QFormLayout.ItemRole.FieldRole, self.labs_alt_u_l)

        self.labs_alt_uln_label = QLabel(self.form_host)
        self.labs_alt_uln_label.setObjectName(u"labs_alt_uln_label")

        self.form.setWidget(12, QFormLayout.ItemRole.LabelRole, self.labs_alt_uln_label)

        self.labs_alt_uln = QLineEdit(self.form_host)
        self.labs_alt_uln.setObjectName(u"labs_alt_uln")

        self.form.setWidget(12, QFormLayout.ItemRole.FieldRole, self.labs_alt_uln)

        self.alt_ratio_label = QLabel(self.form_host)
        self.alt_ratio_label.setObjectName(u"alt_ratio_label")

        self.form.setWidget(13, QFormLayout.ItemRole.LabelRole, self.alt_ratio_label)

        self.alt_ratio = QLabel(self.form_host)
        self.alt_ratio.setObjectName(u"alt_ratio")

        self.form.setWidget(13, QFormLayout.ItemRole.FieldRole, self.alt_ratio)

        self.labs_bilirubin_mg_dl_label = QLabel(self.form_host)
        self.labs_bilirubin_mg_dl_label.setObjectName(u"labs_bilirubin_mg_dl_label")

        self.form.setWidget(14, QFormLayout.ItemRole.LabelRole, self.labs_bilirubin_mg_dl_label)

        self.labs_bilirubin_mg_dl = QLineEdit(self.form_host)
        self.labs_bilirubin_mg_dl.setObjectName(u"labs_bilirubin_mg_dl")

        self.form.setWidget(14, QFormLayout.ItemRole.FieldRole, self.labs_bilirubin_mg_dl)

        self.labs_bilirubin_uln_label = QLabel(self.form_host)
        self.labs_bilirubin_uln_label.setObjectName(u"labs_bilirubin_uln_label")

        self.form.setWidget(15, QFormLayout.ItemRole.LabelRole, self.labs_bilirubin_uln_label)

        self.labs_bilirubin_uln = QLineEdit(self.form_host)
        self.labs_bilirubin_uln.setObjectName(u"labs_bilirubin_uln")

        self.form.setWidget(15, QFormLayout.ItemRole.FieldRole, self.labs_bilirubin_uln)

        self.bilirubin_ratio_label = QLabel(self.form_host)
        self.bilirubin_ratio_label.setObjectName(u"bilirubin_ratio_label")

        self.form.setWidget(16, QFormLayout.ItemRole.LabelRole, self.bilirubin_ratio_label)

        self.bilirubin_ratio = QLabel(self.form_host)
        self.bilirubin_ratio.setObjectName(u"bilirubin_ratio")

        self.form.setWidget(16, QFormLayout.ItemRole.FieldRole, self.bilirubin_ratio)

        self.safety_heading = QLabel(self.form_host)
        self.safety_heading.setObjectName(u"safety_heading")

        self.form.setWidget(17, QFormLayout.ItemRole.SpanningRole, self.safety_heading)

        self.cremophor_hypersensitivity_label = QLabel(self.form_host)
        self.cremophor_hypersensitivity_label.setObjectName(u"cremophor_hypersensitivity_label")

        self.form.setWidget(18, QFormLayout.ItemRole.LabelRole, self.cremophor_hypersensitivity_label)

        self.cremophor_hypersensitivity = QComboBox(self.form_host)
        self.cremophor_hypersensitivity.setObjectName(u"cremophor_hypersensitivity")

        self.form.setWidget(18, QFormLayout.ItemRole.FieldRole, self.cremophor_hypersensitivity)

        self.scroll.setWidget(self.form_host)

        self.page_layout.addWidget(self.scroll)

        self.confirm_row = QHBoxLayout()
        self.confirm_row.setObjectName(u"confirm_row")
        self.confirm_status = QLabel(LabsPage)
        self.confirm_status.setObjectName(u"confirm_status")
        self.confirm_status.setWordWrap(True)

        self.confirm_row.addWidget(self.confirm_status)

        self.confirm_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.confirm_row.addItem(self.confirm_spacer)

        self.confirm_button = QPushButton(LabsPage)
        self.confirm_button.setObjectName(u"confirm_button")

        self.confirm_row.addWidget(self.confirm_button)


        self.page_layout.addLayout(self.confirm_row)

#if QT_CONFIG(shortcut)
        self.labs_collected_on_label.setBuddy(self.labs_collected_on)
        self.collected_age_label.setBuddy(self.collected_age)
        self.labs_anc_per_mm3_label.setBuddy(self.labs_anc_per_mm3)
        self.anc_unit_label.setBuddy(self.anc_unit)
        self.anc_converted_label.setBuddy(self.anc_converted)
        self.labs_platelets_per_mm3_label.setBuddy(self.labs_platelets_per_mm3)
        self.platelets_unit_label.setBuddy(self.platelets_unit)
        self.platelets_converted_label.setBuddy(self.platelets_converted)
        self.labs_ast_u_l_label.setBuddy(self.labs_ast_u_l)
        self.labs_ast_uln_label.setBuddy(self.labs_ast_uln)
        self.ast_ratio_label.setBuddy(self.ast_ratio)
        self.labs_alt_u_l_label.setBuddy(self.labs_alt_u_l)
        self.labs_alt_uln_label.setBuddy(self.labs_alt_uln)
        self.alt_ratio_label.setBuddy(self.alt_ratio)
        self.labs_bilirubin_mg_dl_label.setBuddy(self.labs_bilirubin_mg_dl)
        self.labs_bilirubin_uln_label.setBuddy(self.labs_bilirubin_uln)
        self.bilirubin_ratio_label.setBuddy(self.bilirubin_ratio)
        self.cremophor_hypersensitivity_label.setBuddy(self.cremophor_hypersensitivity)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(LabsPage)

        QMetaObject.connectSlotsByName(LabsPage)
    # setupUi

    def retranslateUi(self, LabsPage):
        LabsPage.setWindowTitle(QCoreApplication.translate("LabsPage", u"5 \u00b7 Labs", None))
        self.title.setText(QCoreApplication.translate("LabsPage", u"<h2>5 \u00b7 Labs</h2>", None))
        self.intro.setText(QCoreApplication.translate("LabsPage", u"Baseline values before the requested cycle. Counts may be entered in any unit; they are converted to cells/mm\u00b3. Liver values are shown as a ratio to the lab's upper limit of normal (ULN).", None))
        self.labs_collected_on_label.setText(QCoreApplication.translate("LabsPage", u"Collected &on:", None))
#if QT_CONFIG(accessibility)
        self.labs_collected_on.setAccessibleName(QCoreApplication.translate("LabsPage", u"Collected on", None))
#endif // QT_CONFIG(accessibility)
        self.labs_collected_on.setPlaceholderText(QCoreApplication.translate("LabsPage", u"YYYY-MM-DD", None))
        self.collected_age_label.setText("")
#if QT_CONFIG(accessibility)
        self.collected_age.setAccessibleName("")
#endif // QT_CONFIG(accessibility)
        self.labs_anc_per_mm3_label.setText(QCoreApplication.translate("LabsPage", u"&Neutrophils (ANC):", None))
#if QT_CONFIG(accessibility)
        self.labs_anc_per_mm3.setAccessibleName(QCoreApplication.translate("LabsPage", u"Neutrophils (ANC)", None))
#endif // QT_CONFIG(accessibility)
        self.anc_unit_label.setText(QCoreApplication.translate("LabsPage", u"ANC &unit:", None))
#if QT_CONFIG(accessibility)
        self.anc_unit.setAccessibleName(QCoreApplication.translate("LabsPage", u"ANC unit", None))
#endif // QT_CONFIG(accessibility)
        self.anc_converted_label.setText("")
#if QT_CONFIG(accessibility)
        self.anc_converted.setAccessibleName("")
#endif // QT_CONFIG(accessibility)
        self.labs_platelets_per_mm3_label.setText(QCoreApplication.translate("LabsPage", u"&Platelets:", None))
#if QT_CONFIG(accessibility)
        self.labs_platelets_per_mm3.setAccessibleName(QCoreApplication.translate("LabsPage", u"Platelets", None))
#endif // QT_CONFIG(accessibility)
        self.platelets_unit_label.setText(QCoreApplication.translate("LabsPage", u"P&latelet unit:", None))
#if QT_CONFIG(accessibility)
        self.platelets_unit.setAccessibleName(QCoreApplication.translate("LabsPage", u"Platelet unit", None))
#endif // QT_CONFIG(accessibility)
        self.platelets_converted_label.setText("")
#if QT_CONFIG(accessibility)
        self.platelets_converted.setAccessibleName("")
#endif // QT_CONFIG(accessibility)
        self.labs_ast_u_l_label.setText(QCoreApplication.translate("LabsPage", u"&AST (U/L):", None))
#if QT_CONFIG(accessibility)
        self.labs_ast_u_l.setAccessibleName(QCoreApplication.translate("LabsPage", u"AST (U/L)", None))
#endif // QT_CONFIG(accessibility)
        self.labs_ast_uln_label.setText(QCoreApplication.translate("LabsPage", u"AST ULN:", None))
#if QT_CONFIG(accessibility)
        self.labs_ast_uln.setAccessibleName(QCoreApplication.translate("LabsPage", u"AST ULN", None))
#endif // QT_CONFIG(accessibility)
        self.ast_ratio_label.setText("")
#if QT_CONFIG(accessibility)
        self.ast_ratio.setAccessibleName("")
#endif // QT_CONFIG(accessibility)
        self.labs_alt_u_l_label.setText(QCoreApplication.translate("LabsPage", u"ALT (U/L):", None))
#if QT_CONFIG(accessibility)
        self.labs_alt_u_l.setAccessibleName(QCoreApplication.translate("LabsPage", u"ALT (U/L)", None))
#endif // QT_CONFIG(accessibility)
        self.labs_alt_uln_label.setText(QCoreApplication.translate("LabsPage", u"ALT ULN:", None))
#if QT_CONFIG(accessibility)
        self.labs_alt_uln.setAccessibleName(QCoreApplication.translate("LabsPage", u"ALT ULN", None))
#endif // QT_CONFIG(accessibility)
        self.alt_ratio_label.setText("")
#if QT_CONFIG(accessibility)
        self.alt_ratio.setAccessibleName("")
#endif // QT_CONFIG(accessibility)
        self.labs_bilirubin_mg_dl_label.setText(QCoreApplication.translate("LabsPage", u"&Bilirubin (mg/dL):", None))
#if QT_CONFIG(accessibility)
        self.labs_bilirubin_mg_dl.setAccessibleName(QCoreApplication.translate("LabsPage", u"Bilirubin (mg/dL)", None))
#endif // QT_CONFIG(accessibility)
        self.labs_bilirubin_uln_label.setText(QCoreApplication.translate("LabsPage", u"Bilirubin ULN:", None))
#if QT_CONFIG(accessibility)
        self.labs_bilirubin_uln.setAccessibleName(QCoreApplication.translate("LabsPage", u"Bilirubin ULN", None))
#endif // QT_CONFIG(accessibility)
        self.bilirubin_ratio_label.setText("")
#if QT_CONFIG(accessibility)
        self.bilirubin_ratio.setAccessibleName("")
#endif // QT_CONFIG(accessibility)
        self.safety_heading.setText(QCoreApplication.translate("LabsPage", u"<b>Safety</b> (a label contraindication)", None))
        self.cremophor_hypersensitivity_label.setText(QCoreApplication.translate("LabsPage", u"Severe hypersensitivity to Cremophor &EL:", None))
#if QT_CONFIG(accessibility)
        self.cremophor_hypersensitivity.setAccessibleName(QCoreApplication.translate("LabsPage", u"Severe hypersensitivity to Cremophor EL", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.cremophor_hypersensitivity.setToolTip(QCoreApplication.translate("LabsPage", u"Severe hypersensitivity to Cremophor EL (polyoxyethylated castor oil) or its derivatives: a contraindication on the ixabepilone label.", None))
#endif // QT_CONFIG(tooltip)
        self.confirm_status.setText("")
        self.confirm_button.setText(QCoreApplication.translate("LabsPage", u"&Confirm this page", None))
#if QT_CONFIG(accessibility)
        self.confirm_button.setAccessibleName(QCoreApplication.translate("LabsPage", u"Confirm this page", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

