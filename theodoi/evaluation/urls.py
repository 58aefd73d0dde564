from django.urls import path

from theodoi.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("xa/<int:code>/tong-quan/", views.dashboard, name="dashboard"),
    path("xa/<int:code>/tong-quan/nhiem-vu/", views.task_list, name="task-list"),
    path("xa/<int:code>/tong-quan/chi-tieu/", views.indicator_list, name="indicator-list"),
    path("xa/<int:code>/cai-dat-danh-gia/", views.commune_settings, name="settings"),
    path("xa/<int:code>/giai-trinh/", views.explanation_list, name="explanation-list"),
    path("xa/<int:code>/giai-trinh/tao/", views.explanation_create, name="explanation-create"),
    path("giai-trinh/<int:pk>/", views.explanation_detail, name="explanation-detail"),
    path("giai-trinh/<int:pk>/tra-loi/", views.explanation_answer, name="explanation-answer"),
    path("giai-trinh/<int:pk>/ket-thuc/", views.explanation_close, name="explanation-close"),
    path("chi-tieu/<int:pk>/mo-hinh/", views.indicator_model, name="indicator-model"),
    path(
        "chi-tieu/<int:pk>/danh-gia/<int:period_pk>/",
        views.indicator_assess,
        name="indicator-assess",
    ),
]
