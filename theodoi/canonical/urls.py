from django.urls import path

from theodoi.canonical import views

app_name = "canonical"
urlpatterns = [
    path("xa/<int:code>/chi-tieu-chuan/", views.commune_mapping, name="commune"),
    path("chi-tieu/<int:pk>/chi-tieu-chuan/", views.indicator_mapping, name="indicator"),
]
