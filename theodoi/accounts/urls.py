from django.urls import path

from theodoi.accounts import views

app_name = "accounts"
_PERSON = "xa/<int:code>/can-bo/<int:user_id>/"
urlpatterns = [
    path("xa/", views.commune_picker, name="commune-picker"),
    path("xa/<int:code>/don-vi/", views.unit_list, name="unit-list"),
    path("don-vi/<int:pk>/sua/", views.unit_update_view, name="unit-update"),
    path("don-vi/<int:pk>/gop/", views.unit_merge, name="unit-merge"),
    path("don-vi/<int:pk>/ten-khac/", views.unit_alias_add_view, name="unit-alias-add"),
    path("ten-khac/<int:pk>/bo/", views.unit_alias_remove_view, name="unit-alias-remove"),
    path("xa/<int:code>/can-bo/", views.people, name="people"),
    path(_PERSON, views.person_detail, name="person-detail"),
    path(_PERSON + "vai-tro/", views.membership_add, name="membership-add"),
    path(_PERSON + "vai-tro/<int:pk>/", views.membership_update, name="membership-update"),
    path(_PERSON + "vai-tro/<int:pk>/thoi/", views.membership_end, name="membership-end"),
    path(_PERSON + "ngung/", views.person_leave, name="person-leave"),
    path(_PERSON + "lien-ket/", views.login_link_send, name="login-link-send"),
    path(_PERSON + "mat-khau/", views.password_set_first, name="password-set-first"),
    path("dat-mat-khau/<uidb64>/<token>/", views.PasswordSetView.as_view(), name="password-set"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password-change"),
]
