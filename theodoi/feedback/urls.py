from django.urls import path

from theodoi.feedback import views

app_name = "feedback"
urlpatterns = [
    path("cong-khai/xa/<int:code>/gop-y/", views.feedback_form, name="form"),
    path("xa/<int:code>/gop-y/", views.moderation_list, name="list"),
    path("gop-y/<int:pk>/", views.feedback_detail, name="detail"),
]
