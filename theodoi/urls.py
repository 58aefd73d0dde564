from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from theodoi.accounts import views as account_views
from theodoi.accounts.login import GuardedLoginView
from theodoi.api.urls import api_urls

urlpatterns = [
    path("", account_views.home, name="home"),
    path("dang-nhap/", GuardedLoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("theodoi.accounts.urls")),
    path("", include("theodoi.plans.urls")),
    path("", include("theodoi.tracking.urls")),
    path("", include("theodoi.evaluation.urls")),
    path("", include("theodoi.reports.urls")),
    path("", include("theodoi.pivot.urls")),
    path("", include("theodoi.public.urls")),
    path("", include("theodoi.feedback.urls")),
    path("", include("theodoi.canonical.urls")),
    path("", include("theodoi.province.urls")),
    path("", include("theodoi.api.urls")),
    *api_urls,
    path("", include("theodoi.jobs.urls")),
    path("quan-tri/", admin.site.urls),
]
handler500 = "theodoi.ops.views.server_error"
# Uploaded files have no URL of their own: plans and evidence are served only by the
# views that check who may see them (theodoi.ops.files).
