from django.urls import path

from theodoi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("xa/<int:code>/don-vi/", views.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/sua/", views.unit_update_view, name="unit-update"),
    path("don-vi/<int:pk>/ten-khac/", views.unit_alias_add_view, name="unit-alias-add"),
]
