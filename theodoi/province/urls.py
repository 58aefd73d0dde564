from django.urls import path

from theodoi.province import views

app_name = "province"
_PROVINCE = "tinh/<int:code>/"
urlpatterns = [
    path("ca-nuoc/", views.country, name="country"),
    path(_PROVINCE, views.dashboard, name="dashboard"),
    path(_PROVINCE + "chi-tieu-chuan/<int:pk>/", views.canonical_compare, name="canonical"),
    path(_PROVINCE + "chua-anh-xa/", views.unmapped, name="unmapped"),
    path(_PROVINCE + "nhac-bao-cao/", views.remind, name="remind"),
]
