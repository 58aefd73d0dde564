from django.urls import path

from theodoi.plans import views

app_name = "plans"
# The clerk's three answers to a unit name that matches no unit go to one view.
_UNIT_NAME, _decide = "ke-hoach/<int:pk>/don-vi/", views.plan_unit_name
urlpatterns = [
    path("xa/<int:code>/", views.commune_detail, name="commune-detail"),
    path("xa/<int:code>/nhap-ke-hoach/", views.plan_import, name="plan-import"),
    path("xa/<int:code>/tim-kiem/", views.search, name="search"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("ke-hoach/<int:pk>/tep-goc/", views.plan_file, name="plan-file"),
    path("ke-hoach/<int:pk>/ra-soat/", views.plan_review, name="plan-review"),
    path("ke-hoach/<int:pk>/thong-tin/", views.plan_meta_save, name="plan-meta-save"),
    path("ke-hoach/<int:pk>/cong-bo/", views.plan_publish, name="plan-publish"),
    path("ke-hoach/<int:pk>/da-xem/", views.plan_warning_seen, name="plan-warning-seen"),
    path("ke-hoach/<int:pk>/huy/", views.plan_discard, name="plan-discard"),
    path("ke-hoach/<int:pk>/nhiem-vu/", views.task_list, name="task-list"),
    path("ke-hoach/<int:pk>/chi-tieu/", views.indicator_list, name="indicator-list"),
    path("ke-hoach/<int:pk>/thay-doi/", views.plan_changes, name="plan-changes"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task-detail"),
    path("nhiem-vu/<int:pk>/luu/", views.task_row_save, name="task-row-save"),
    path("nhiem-vu/<int:pk>/goi-y/", views.task_suggestion_apply, name="task-suggestion-apply"),
    path("chi-tieu/<int:pk>/", views.indicator_detail, name="indicator-detail"),
    path("chi-tieu/<int:pk>/luu/", views.indicator_row_save, name="indicator-row-save"),
    path("ke-hoach/<int:pk>/<str:kind>/them/", views.record_add, name="record-add"),
    path("<str:kind>/<int:pk>/xoa/", views.record_delete, name="record-delete"),
    path(_UNIT_NAME + "gan/", _decide, {"decision": "map"}, name="plan-unit-map"),
    path(_UNIT_NAME + "tao/", _decide, {"decision": "create"}, name="plan-unit-create"),
    path(_UNIT_NAME + "bo-qua/", _decide, {"decision": "ignore"}, name="plan-unit-ignore"),
    path("<str:kind>/<int:pk>/nguon.png", views.record_source, name="record-source"),
    path("<str:kind>/<int:pk>/gop/", views.record_merge, name="record-merge"),
    path("<str:kind>/<int:pk>/tach/", views.record_split, name="record-split"),
]
