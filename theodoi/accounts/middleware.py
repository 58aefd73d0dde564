"""A person whose password someone else chose (the clerk, the admin) picks their own
before anything else. The flag is read once, at log-in, into the session: no query on
every request."""

from django.shortcuts import redirect
from django.urls import reverse

from theodoi.accounts.models import Person

FIRST_PASSWORD_KEY = "must_change_password"


def remember_first_password(sender, request, user, **kwargs):
    """`user_logged_in` receiver (connected in apps.py)."""
    if Person.objects.filter(user=user, must_change_password=True).exists():
        request.session[FIRST_PASSWORD_KEY] = True


class FirstPasswordMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(FIRST_PASSWORD_KEY) and request.user.is_authenticated:
            allowed = (reverse("accounts:password-change"), reverse("logout"))
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("accounts:password-change")
        return self.get_response(request)
