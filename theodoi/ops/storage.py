"""Uploaded files that appear only with the record that points to them.

Inside a transaction a saved file goes to `.staging/` and is moved into place when the
transaction commits; if it rolls back, the staged file is removed when the request
ends (`drop_rolled_back`), and a process killed half-way leaves only a staged file,
which `sweep_files` removes (or moves into place, if its record did commit). So a file
in place always has its record, and `sweep_files` can treat any other file as an
orphan without racing a request that is still saving.

Files are named by a random token, never by the user's file name: the name shown and
downloaded is kept in the record."""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.db import transaction

STAGING = ".staging"
_local = threading.local()


def unguessable_name(folder: str, filename: str) -> str:
    """evidence/3f9c…e1.pdf: 128 random bits, the file's extension kept for the web
    server's content type."""
    suffix = Path(filename).suffix.lower()
    if not (suffix[1:].isalnum() and len(suffix) <= 8):
        suffix = ""
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def _pending() -> set[str]:
    if not hasattr(_local, "staged"):
        _local.staged = set()
    return _local.staged


def forget_staged(**kwargs) -> None:
    _pending().clear()


def drop_rolled_back(**kwargs) -> None:
    """At the end of a request: staged files whose transaction never committed."""
    if transaction.get_connection().in_atomic_block:
        return  # still inside a transaction (a test's): it may yet commit
    from django.core.files.storage import default_storage

    for name in list(_pending()):
        default_storage.delete_staged(name)
    _pending().clear()


class StagedStorage(FileSystemStorage):
    def _save(self, name, content):
        if not transaction.get_connection().in_atomic_block:
            return super()._save(name, content)
        staged = super()._save(f"{STAGING}/{name}", content)
        final = staged.removeprefix(f"{STAGING}/")
        _pending().add(final)
        transaction.on_commit(lambda: self.promote(final))
        return final

    def _staged_path(self, name: str) -> str:
        return self.path(f"{STAGING}/{name}")

    def promote(self, name: str) -> bool:
        """Move a staged file into place; False if there was nothing to move."""
        _pending().discard(name)
        staged = self._staged_path(name)
        if not os.path.exists(staged):
            return False
        os.makedirs(os.path.dirname(self.path(name)), exist_ok=True)
        os.replace(staged, self.path(name))
        return True

    def delete_staged(self, name: str) -> None:
        _pending().discard(name)
        with contextlib.suppress(FileNotFoundError):
            os.remove(self._staged_path(name))

    def _located(self, name: str) -> str:
        """The staged copy while its transaction has not committed yet (or in the
        moment between commit and move): the record's own request can read it."""
        if not os.path.exists(self.path(name)) and os.path.exists(self._staged_path(name)):
            return f"{STAGING}/{name}"
        return name

    def _open(self, name, mode="rb"):
        return super()._open(self._located(name), mode)

    def exists(self, name):
        return super().exists(name) or os.path.exists(self._staged_path(name))

    def size(self, name):
        return super().size(self._located(name))

    def delete(self, name):
        super().delete(name)
        self.delete_staged(name)
