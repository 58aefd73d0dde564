from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    """The 500 page, with the request's id to quote when reporting the error. Rendered
    without context processors: the page must not fail too."""
    page = loader.get_template("500.html").render(
        {"request_id": getattr(request, "request_id", "")}
    )
    return HttpResponseServerError(page)
