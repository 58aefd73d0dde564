from django.urls import path

from theodoi.pivot import views

app_name = "pivot"
_SAVED = "bang-da-luu/<int:pk>/"
urlpatterns = [
    path("bang-tong-hop/", views.pivot, name="pivot"),
    path("bang-tong-hop/tai-ve.xlsx", views.pivot_xlsx, name="pivot-xlsx"),
    path("bang-tong-hop/tai-ve.csv", views.pivot_csv, name="pivot-csv"),
    path("bang-tong-hop/luu/", views.saved_view_create, name="saved-view-create"),
    path("bang-cua-toi/", views.my_views, name="my-views"),
    path(_SAVED, views.saved_view_detail, name="saved-view-detail"),
    path(_SAVED + "doi-ten/", views.saved_view_rename, name="saved-view-rename"),
    path(_SAVED + "ghim/", views.saved_view_pin, name="saved-view-pin"),
    path(_SAVED + "xoa-bang/", views.saved_view_delete, name="saved-view-delete"),
]
