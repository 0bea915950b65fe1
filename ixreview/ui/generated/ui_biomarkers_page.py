# Generated from forms/biomarkers_page.ui by scripts/compile_forms.py (pyside6-uic).
# Do not edit: change the form in Qt Designer and run the script again.
# ruff: noqa
# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'biomarkers_page.ui'
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
    QHBoxLayout, QLabel, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_BiomarkersPage(object):
    def setupUi(self, BiomarkersPage):
        if not BiomarkersPage.objectName():
            BiomarkersPage.setObjectName(u"BiomarkersPage")
        BiomarkersPage.resize(640, 560)
        self.page_layout = QVBoxLayout(BiomarkersPage)
        self.page_layout.setObjectName(u"page_layout")
        self.title = QLabel(BiomarkersPage)
        self.title.setObjectName(u"title")
        self.title.setTextFormat(Qt.TextFormat.RichText)

        self.page_layout.addWidget(self.title)

        self.intro = QLabel(BiomarkersPage)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.page_layout.addWidget(self.intro)

        self.scroll = QScrollArea(BiomarkersPage)
        self.scroll.setObjectName(u"scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_host = QWidget()
        self.form_host.setObjectName(u"form_host")
        self.form = QFormLayout(self.form_host)
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.biomarkers_her2_label = QLabel(self.form_host)
        self.biomarkers_her2_label.setObjectName(u"biomarkers_her2_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.biomarkers_her2_label)

        self.biomarkers_her2 = QComboBox(self.form_host)
        self.biomarkers_her2.setObjectName(u"biomarkers_her2")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.biomarkers_her2)

        self.biomarkers_her2_test_on_file_label = QLabel(self.form_host)
        self.biomarkers_her2_test_on_file_label.setObjectName(u"biomarkers_her2_test_on_file_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.biomarkers_her2_test_on_file_label)

        self.biomarkers_her2_test_on_file = QComboBox(self.form_host)
        self.biomarkers_her2_test_on_file.setObjectName(u"biomarkers_her2_test_on_file")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.biomarkers_her2_test_on_file)

        self.biomarkers_hormone_receptor_label = QLabel(self.form_host)
        self.biomarkers_hormone_receptor_label.setObjectName(u"biomarkers_hormone_receptor_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.biomarkers_hormone_receptor_label)

        self.biomarkers_hormone_receptor = QComboBox(self.form_host)
        self.biomarkers_hormone_receptor.setObjectName(u"biomarkers_hormone_receptor")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.biomarkers_hormone_receptor)

        self.biomarkers_on_endocrine_therapy_label = QLabel(self.form_host)
        self.biomarkers_on_endocrine_therapy_label.setObjectName(u"biomarkers_on_endocrine_therapy_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.biomarkers_on_endocrine_therapy_label)

        self.biomarkers_on_endocrine_therapy = QComboBox(self.form_host)
        self.biomarkers_on_endocrine_therapy.setObjectName(u"biomarkers_on_endocrine_therapy")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.biomarkers_on_endocrine_therapy)

        self.scroll.setWidget(self.form_host)

        self.page_layout.addWidget(self.scroll)

        self.confirm_row = QHBoxLayout()
        self.confirm_row.setObjectName(u"confirm_row")
        self.confirm_status = QLabel(BiomarkersPage)
        self.confirm_status.setObjectName(u"confirm_status")
        self.confirm_status.setWordWrap(True)

        self.confirm_row.addWidget(self.confirm_status)

        self.confirm_spacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.confirm_row.addItem(self.confirm_spacer)

        self.confirm_button = QPushButton(BiomarkersPage)
        self.confirm_button.setObjectName(u"confirm_button")

        self.confirm_row.addWidget(self.confirm_button)


        self.page_layout.addLayout(self.confirm_row)

#if QT_CONFIG(shortcut)
        self.biomarkers_her2_label.setBuddy(self.biomarkers_her2)
        self.biomarkers_her2_test_on_file_label.setBuddy(self.biomarkers_her2_test_on_file)
        self.biomarkers_hormone_receptor_label.setBuddy(self.biomarkers_hormone_receptor)
        self.biomarkers_on_endocrine_therapy_label.setBuddy(self.biomarkers_on_endocrine_therapy)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(BiomarkersPage)

        QMetaObject.connectSlotsByName(BiomarkersPage)
    # setupUi

    def retranslateUi(self, BiomarkersPage):
        BiomarkersPage.setWindowTitle(QCoreApplication.translate("BiomarkersPage", u"4 \u00b7 Biomarkers", None))
        self.title.setText(QCoreApplication.translate("BiomarkersPage", u"<h2>4 \u00b7 Biomarkers</h2>", None))
        self.intro.setText(QCoreApplication.translate("BiomarkersPage", u"Receptor status as documented in the submitted reports.", None))
        self.biomarkers_her2_label.setText(QCoreApplication.translate("BiomarkersPage", u"H&ER2:", None))
#if QT_CONFIG(accessibility)
        self.biomarkers_her2.setAccessibleName(QCoreApplication.translate("BiomarkersPage", u"HER2", None))
#endif // QT_CONFIG(accessibility)
        self.biomarkers_her2_test_on_file_label.setText(QCoreApplication.translate("BiomarkersPage", u"HER2 report &on file:", None))
#if QT_CONFIG(accessibility)
        self.biomarkers_her2_test_on_file.setAccessibleName(QCoreApplication.translate("BiomarkersPage", u"HER2 report on file", None))
#endif // QT_CONFIG(accessibility)
        self.biomarkers_hormone_receptor_label.setText(QCoreApplication.translate("BiomarkersPage", u"Hormo&ne receptor:", None))
#if QT_CONFIG(accessibility)
        self.biomarkers_hormone_receptor.setAccessibleName(QCoreApplication.translate("BiomarkersPage", u"Hormone receptor", None))
#endif // QT_CONFIG(accessibility)
        self.biomarkers_on_endocrine_therapy_label.setText(QCoreApplication.translate("BiomarkersPage", u"On en&docrine therapy:", None))
#if QT_CONFIG(accessibility)
        self.biomarkers_on_endocrine_therapy.setAccessibleName(QCoreApplication.translate("BiomarkersPage", u"On endocrine therapy", None))
#endif // QT_CONFIG(accessibility)
        self.confirm_status.setText("")
        self.confirm_button.setText(QCoreApplication.translate("BiomarkersPage", u"&Confirm this page", None))
#if QT_CONFIG(accessibility)
        self.confirm_button.setAccessibleName(QCoreApplication.translate("BiomarkersPage", u"Confirm this page", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

