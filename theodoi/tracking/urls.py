from django.urls import path

from theodoi.tracking import assignment_views, views

app_name = "tracking"
urlpatterns = [
    path("ke-hoach/<int:pk>/ky-bao-cao/", views.period_list, name="period-list"),
    path("ky-bao-cao/<int:pk>/", views.period_dashboard, name="period-dashboard"),
    path("ky-bao-cao/<int:pk>/cai-dat/", views.period_settings, name="period-settings"),
    path("ky-bao-cao/<int:pk>/mo/", views.period_open, name="period-open"),
    path("ky-bao-cao/<int:pk>/khoa/", views.period_close, name="period-close"),
    path("ky-bao-cao/<int:pk>/phe-duyet/", views.commune_approve, name="commune-approve"),
    path("ky-bao-cao/<int:pk>/nhac/", assignment_views.period_remind, name="period-remind"),
    path("nhiem-vu/<int:pk>/giao-viec/", assignment_views.task_assign, name="task-assign"),
    path(
        "chi-tieu/<int:pk>/giao-viec/", assignment_views.indicator_assign, name="indicator-assign"
    ),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/ngoai-le/",
        views.lock_exception,
        name="lock-exception",
    ),
    path("ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/", views.report_detail, name="report-detail"),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/ghi-chu/",
        views.report_notes,
        name="report-notes",
    ),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/gui/", views.report_submit, name="report-submit"
    ),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/tra-lai/",
        views.report_return,
        name="report-return",
    ),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/duyet/",
        views.report_approve,
        name="report-approve",
    ),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/bieu-mau.xlsx",
        views.report_xlsx,
        name="report-xlsx",
    ),
    path(
        "ky-bao-cao/<int:pk>/don-vi/<int:unit_pk>/tai-len/",
        views.report_upload,
        name="report-upload",
    ),
    path("bao-cao-nhiem-vu/<int:pk>/luu/", views.task_report_save, name="task-report-save"),
    path(
        "bao-cao-chi-tieu/<int:pk>/luu/",
        views.indicator_value_save,
        name="indicator-value-save",
    ),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("minh-chung/<int:pk>/go-bo/", views.evidence_delete, name="evidence-delete"),
    path("nhiem-vu/<int:pk>/dieu-kien/", views.task_trigger, name="task-trigger"),
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/<int:pk>/", views.notification_open, name="notification-open"),
]
