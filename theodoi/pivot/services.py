"""Writes of the pivot: a person's saved views (save, rename, pin or unpin, delete).
The caller has checked the person owns the view (`accounts.rules`)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from theodoi.pivot.models import SavedView
from theodoi.pivot.rules import PivotConfig

NAME_MAX = SavedView._meta.get_field("name").max_length


class SavedViewError(Exception):
    """A refused change, with a Vietnamese message for the person."""


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SavedViewError("Hãy đặt tên cho bảng (ví dụ: “Nhiệm vụ quá hạn theo đơn vị”).")
    if len(name) > NAME_MAX:
        raise SavedViewError(f"Tên bảng dài {len(name)} ký tự: tối đa {NAME_MAX} ký tự.")
    return name


def _unique(owner, name: str, *, but=None) -> None:
    others = SavedView.objects.filter(owner=owner, name=name)
    if but is not None:
        others = others.exclude(pk=but.pk)
    if others.exists():
        raise SavedViewError(f"Bạn đã có một bảng tên “{name}”: hãy chọn tên khác.")


@transaction.atomic
def saved_view_create(*, owner, name: str, config: PivotConfig) -> SavedView:
    """Save the table as `name`, pinned to the owner's page."""
    name = _clean_name(name)
    _unique(owner, name)
    try:
        with transaction.atomic():
            return SavedView.objects.create(
                owner=owner, name=name, query=[list(p) for p in config.query()]
            )
    except IntegrityError:  # the same name saved meanwhile, from another tab
        raise SavedViewError(f"Bạn đã có một bảng tên “{name}”: hãy chọn tên khác.") from None


@transaction.atomic
def saved_view_rename(*, view: SavedView, name: str) -> SavedView:
    name = _clean_name(name)
    _unique(view.owner_id, name, but=view)
    view.name = name
    view.save(update_fields=["name", "updated_at"])
    return view


def saved_view_pin(*, view: SavedView, pinned: bool) -> SavedView:
    view.pinned = pinned
    view.save(update_fields=["pinned", "updated_at"])
    return view


def saved_view_delete(*, view: SavedView) -> None:
    view.delete()
