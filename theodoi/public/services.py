"""Writes of the public page: the leader's choice of what it shows."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from theodoi.accounts.models import AdminUnit
from theodoi.public.models import Publication, PublicPage

KINDS = ("plan", "task", "indicator", "report")


def public_page_touch(*, commune: AdminUnit) -> None:
    """Something the page shows changed: its fingerprint moves, cached copies go stale."""
    PublicPage.objects.update_or_create(commune=commune, defaults={"changed_at": timezone.now()})


@transaction.atomic
def publication_set(
    *, commune: AdminUnit, chosen: dict[str, Iterable[int]], user
) -> tuple[int, int]:
    """Make exactly `chosen` ({"plan": ids, "task": ids, …}, records of this commune, as
    the form checked them) public: new choices added, others withdrawn, unchanged ones
    keep who published them and when. Returns (added, withdrawn)."""
    current = {
        (kind, pk): row_pk
        for row_pk, *ids in Publication.objects.filter(commune=commune).values_list(
            "pk", *(f"{k}_id" for k in KINDS)
        )
        for kind, pk in zip(KINDS, ids, strict=True)
        if pk is not None
    }
    wanted = {(kind, int(pk)) for kind in KINDS for pk in chosen.get(kind, ())}
    gone = [row_pk for key, row_pk in current.items() if key not in wanted]
    Publication.objects.filter(pk__in=gone).delete()
    added = [
        Publication(commune=commune, published_by=user, **{f"{kind}_id": pk})
        for kind, pk in sorted(wanted - current.keys())
    ]
    Publication.objects.bulk_create(added)
    if added or gone:
        public_page_touch(commune=commune)
    return len(added), len(gone)
