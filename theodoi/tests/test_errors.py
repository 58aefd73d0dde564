"""Error pages in Vietnamese whether DEBUG is on or off, for every kind of error."""

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.urls import path, reverse

from theodoi import urls as site_urls


def _boom(request):
    raise ZeroDivisionError("phép chia cho 0 trong mã")


def _bad(request):
    raise SuspiciousOperation("tham số lạ")


urlpatterns = [
    *site_urls.urlpatterns,
    path("loi-thu/", _boom),
    path("yeu-cau-xau/", _bad),
]


@pytest.fixture(params=[True, False], ids=["DEBUG on", "DEBUG off"])
def debug(request, settings):
    settings.DEBUG = request.param
    settings.ROOT_URLCONF = __name__
    return request.param


def _page(response) -> str:
    html = response.content.decode()
    assert '<html lang="vi">' in html, html[:300]
    return html


def test_an_unknown_address_answers_a_vietnamese_404(db, debug):
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in _page(response)


def test_a_record_that_does_not_exist_answers_a_vietnamese_404(cast, login, debug):
    response = login(cast.clerk).get(reverse("plans:plan-detail", args=[999999]))
    assert response.status_code == 404 and "Không tìm thấy trang" in _page(response)


def test_a_missing_slash_is_still_added_before_any_404(db, debug):
    response = Client().get("/dang-nhap")
    assert response.status_code == 301 and response["Location"] == "/dang-nhap/"


def test_a_refused_page_answers_a_vietnamese_403(cast, login, debug):
    response = login(cast.viewer).get(reverse("plans:plan-import", args=[cast.commune.code]))
    assert response.status_code == 403
    assert "Bạn không có quyền xem trang này" in _page(response)


def test_a_bad_request_answers_a_vietnamese_400(db, debug):
    response = Client(raise_request_exception=False).get("/yeu-cau-xau/")
    assert response.status_code == 400
    html = _page(response)
    assert "Yêu cầu không hợp lệ" in html and "Traceback" not in html.split("<details")[0]


def test_an_unexpected_error_answers_a_vietnamese_500_with_details_only_for_developers(db, debug):
    response = Client(raise_request_exception=False).get("/loi-thu/")
    assert response.status_code == 500
    html = _page(response)
    assert "Hệ thống gặp lỗi" in html
    # The developer (DEBUG on) finds the cause folded below; nobody else sees it.
    assert ("ZeroDivisionError" in html) is debug
