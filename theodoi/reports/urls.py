from django.urls import path

from theodoi.reports import views

app_name = "reports"
urlpatterns = [
    path("ky-bao-cao/<int:pk>/bao-cao-tong-hop/", views.report_draft, name="draft"),
    path(
        "ky-bao-cao/<int:pk>/bao-cao-tong-hop/muc/<slug:key>/",
        views.section_save,
        name="section-save",
    ),
    path("ky-bao-cao/<int:pk>/bao-cao-tong-hop/soan/", views.draft_start, name="draft-start"),
    path("ky-bao-cao/<int:pk>/bao-cao-tong-hop/thong-tin/", views.draft_meta, name="draft-meta"),
    path("ky-bao-cao/<int:pk>/bao-cao-tong-hop/soan-lai/", views.draft_redraft, name="redraft"),
    path("ky-bao-cao/<int:pk>/bao-cao-tong-hop.docx", views.draft_docx, name="draft-docx"),
    path("ky-bao-cao/<int:pk>/bao-cao-da-phe-duyet/", views.issued_file, name="issued-file"),
    path("ky-bao-cao/<int:pk>/so-lieu.xlsx", views.period_xlsx, name="period-xlsx"),
    path("ky-bao-cao/<int:pk>/so-lieu-<slug:table>.csv", views.period_csv, name="period-csv"),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/bao-cao.docx",
        views.unit_docx,
        name="unit-docx",
    ),
    path("xa/<int:code>/mau-bao-cao/", views.template_list, name="templates"),
    path("xa/<int:code>/mau-bao-cao/<slug:kind>.docx", views.template_file, name="template-file"),
    path("tinh/<int:code>/bao-cao/", views.province_report, name="province"),
    path("tinh/<int:code>/bao-cao.<str:fmt>", views.province_file, name="province-file"),
]
