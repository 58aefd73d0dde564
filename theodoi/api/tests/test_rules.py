"""The token rules, on plain values."""

import datetime as dt

from theodoi.api import rules

NOW = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


def test_a_token_works_until_it_expires_or_is_revoked():
    later, earlier = NOW + dt.timedelta(days=1), NOW - dt.timedelta(seconds=1)
    assert rules.token_usable(expires_at=later, revoked_at=None, now=NOW)
    assert not rules.token_usable(expires_at=earlier, revoked_at=None, now=NOW)
    assert not rules.token_usable(expires_at=NOW, revoked_at=None, now=NOW)
    assert not rules.token_usable(expires_at=later, revoked_at=earlier, now=NOW)


def test_a_read_token_only_reads():
    assert rules.scope_allows("read", "GET")
    assert rules.scope_allows("read", "head")
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert not rules.scope_allows("read", method)
        assert rules.scope_allows("read_write", method)


def test_use_is_recorded_at_most_once_a_minute():
    assert rules.use_worth_recording(None, NOW)
    assert not rules.use_worth_recording(NOW - dt.timedelta(seconds=59), NOW)
    assert rules.use_worth_recording(NOW - dt.timedelta(seconds=60), NOW)


def test_a_token_request_names_each_bad_field():
    assert rules.token_request_errors(name="Hệ thống 57", scope="read", days=90) == {}
    errors = rules.token_request_errors(name="  ", scope="admin", days=7)
    assert set(errors) == {"name", "scope", "days"}
    assert errors["name"].startswith("Tên gợi nhớ:")
    assert errors["days"].startswith("Thời hạn:")
    assert "name" in rules.token_request_errors(name="x" * 101, scope="read", days=30)
    assert "days" in rules.token_request_errors(name="x", scope="read", days=None)


def test_only_our_tokens_are_looked_up():
    assert rules.looks_like_token("tdk_" + "a" * 43)
    assert not rules.looks_like_token("a" * 47)
    assert not rules.looks_like_token("tdk_short")
