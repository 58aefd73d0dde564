from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from theodoi.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("theodoi.accounts.urls")),
    path("", include("theodoi.plans.urls")),
    path("", include("theodoi.tracking.urls")),
    path("", include("theodoi.reports.urls")),
    path("quan-tri/", admin.site.urls),
]

if settings.DEBUG:  # in production the web server serves uploaded files
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
