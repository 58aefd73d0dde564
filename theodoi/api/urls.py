from django.urls import path

from theodoi.api import views
from theodoi.api.v1 import api

app_name = "api"
urlpatterns = [
    path("tai-khoan/khoa-api/", views.token_list, name="tokens"),
    path("api/v1/docs/", views.docs, name="docs"),
]
# django-ninja's own namespace ("api-v1"), beside ours
api_urls = [path("api/v1/", api.urls)]
