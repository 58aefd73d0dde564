from django.urls import path

from theodoi.jobs import views

app_name = "jobs"
urlpatterns = [
    path("cong-viec/", views.job_list, name="list"),
    path("cong-viec/<int:pk>/", views.job_detail, name="detail"),
    path("cong-viec/<int:pk>/chay-lai/", views.job_retry, name="retry"),
    path("cong-viec/<int:pk>/tep/", views.job_file, name="file"),
]
