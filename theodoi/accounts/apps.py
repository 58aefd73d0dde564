from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "theodoi.accounts"
    verbose_name = "Địa bàn, đơn vị và người dùng"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from theodoi.accounts.middleware import remember_first_password

        user_logged_in.connect(remember_first_password, dispatch_uid="first-password")
