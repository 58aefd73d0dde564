"""What the public page shows, as plain functions: nothing the leader did not choose,
and a task or an indicator only under a plan that is both chosen and in force; and the
fingerprint that tells a cached copy of the page from a stale one."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def shown_plans(plans: Iterable[tuple[int, bool]], chosen: Iterable[int]) -> set[int]:
    """The plans shown: chosen by the leader and in force (`plans` are (id, in force))."""
    picked = set(chosen)
    return {pk for pk, in_force in plans if in_force and pk in picked}


def shown_records(
    records: Iterable[tuple[int, int]], chosen: Iterable[int], plans_shown: set[int]
) -> set[int]:
    """The tasks (or indicators) shown, `records` being (id, plan id): chosen, and their
    plan shown. Choosing a task of a plan not shown shows nothing."""
    picked = set(chosen)
    return {pk for pk, plan in records if pk in picked and plan in plans_shown}


def fingerprint(parts: Iterable[object]) -> str:
    """A short digest of everything the page is drawn from: equal fingerprints, equal
    pages. Used as the ETag and as the key of the page's cache."""
    text = "|".join(repr(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]
