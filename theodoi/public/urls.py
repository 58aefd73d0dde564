from django.urls import path

from theodoi.public import views

app_name = "public"
urlpatterns = [
    path("cong-khai/", views.index, name="index"),
    path("cong-khai/xa/<int:code>/", views.commune_page, name="commune"),
    path("cong-khai/bao-cao/<int:pk>/", views.report_file, name="report-file"),
    path("xa/<int:code>/cong-khai/", views.publication_settings, name="settings"),
]
