from django.urls import path

from theodoi.reports import views

app_name = "reports"
_PERIOD = "ky-bao-cao/<int:pk>/"
_DRAFT = _PERIOD + "bao-cao-tong-hop"
urlpatterns = [
    path(_DRAFT + "/", views.report_draft, name="draft"),
    path(_DRAFT + "/soan/", views.draft_start, name="draft-start"),
    path(_DRAFT + "/muc/<slug:key>/", views.section_save, name="section-save"),
    path(_DRAFT + "/thong-tin/", views.draft_meta, name="draft-meta"),
    path(_DRAFT + "/soan-lai/", views.draft_redraft, name="redraft"),
    path(_DRAFT + ".docx", views.draft_docx, name="draft-docx"),
    path(_PERIOD + "bao-cao-da-phe-duyet/", views.issued_file, name="issued-file"),
    path(_PERIOD + "so-lieu.xlsx", views.period_xlsx, name="period-xlsx"),
    path(_PERIOD + "so-lieu-<slug:table>.csv", views.period_csv, name="period-csv"),
    path(_PERIOD + "don-vi/<int:unit_pk>/bao-cao.docx", views.unit_docx, name="unit-docx"),
    path("xa/<int:code>/mau-bao-cao/", views.template_list, name="templates"),
    path("xa/<int:code>/mau-bao-cao/<slug:kind>.docx", views.template_file, name="template-file"),
    path("tinh/<int:code>/bao-cao/", views.province_report, name="province"),
    path("tinh/<int:code>/bao-cao/tao/", views.province_report_start, name="province-start"),
    path("tinh/<int:code>/bao-cao.<str:fmt>", views.province_file, name="province-file"),
]
