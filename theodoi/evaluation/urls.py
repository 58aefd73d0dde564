from django.urls import path

from theodoi.evaluation import views

app_name = "evaluation"
_BOARD = "xa/<int:code>/tong-quan/"
_ASKED = "giai-trinh/<int:pk>/"
_INDICATOR = "chi-tieu/<int:pk>/"
urlpatterns = [
    path(_BOARD, views.dashboard, name="dashboard"),
    path(_BOARD + "nhiem-vu/", views.task_list, name="task-list"),
    path(_BOARD + "chi-tieu/", views.indicator_list, name="indicator-list"),
    path("xa/<int:code>/cai-dat-danh-gia/", views.commune_settings, name="settings"),
    path("xa/<int:code>/giai-trinh/", views.explanation_list, name="explanation-list"),
    path("xa/<int:code>/giai-trinh/tao/", views.explanation_create, name="explanation-create"),
    path(_ASKED, views.explanation_detail, name="explanation-detail"),
    path(_ASKED + "tra-loi/", views.explanation_answer, name="explanation-answer"),
    path(_ASKED + "ket-thuc/", views.explanation_close, name="explanation-close"),
    path(_INDICATOR + "mo-hinh/", views.indicator_model, name="indicator-model"),
    path(_INDICATOR + "danh-gia/<int:period_pk>/", views.indicator_assess, name="indicator-assess"),
]
