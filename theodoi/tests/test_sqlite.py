"""SQLite as configured holds concurrent writers: twenty threads, each with its own
connection to one database file, each transaction reading then writing (the pattern
that fails at once with "database is locked" when a deferred transaction must upgrade
its lock), and not one write lost."""

import threading

from django.db import connections, transaction

from theodoi.settings import sqlite_database

THREADS, ROUNDS = 20, 15


def test_concurrent_read_then_write_transactions_all_succeed(tmp_path, django_db_blocker):
    # A database of its own, outside the test database (which is in memory).
    with django_db_blocker.unblock():
        _hammer(tmp_path)


def _hammer(tmp_path):
    alias = "sqlite_concurrency"
    conf = {"default": {}, alias: sqlite_database(tmp_path / "tai.sqlite3")}
    connections.settings[alias] = connections.configure_settings(conf)[alias]
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    errors = []
    start = threading.Barrier(THREADS)

    def work():
        start.wait()
        try:
            for _ in range(ROUNDS):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    (n,) = cursor.execute("SELECT n FROM counter WHERE id = 1").fetchone()
                    cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
        except Exception as err:  # every failure is the finding
            errors.append(repr(err))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with connections[alias].cursor() as cursor:
            (n,) = cursor.execute("SELECT n FROM counter").fetchone()
    finally:
        connections[alias].close()
        del connections.settings[alias]
    assert errors == []
    assert n == THREADS * ROUNDS
