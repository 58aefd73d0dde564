"""Reads of the mapping: a commune's indicators with the canonical entry each stands for."""

from __future__ import annotations

from theodoi.accounts.models import AdminUnit
from theodoi.canonical.models import CanonicalIndicator
from theodoi.plans.models import Indicator, PlanStatus


def commune_indicators(commune: AdminUnit) -> list[Indicator]:
    """The indicators of the commune's current plans, each with its mapping (or None)."""
    return list(
        Indicator.objects.filter(plan__commune=commune, plan__status=PlanStatus.PUBLISHED)
        .select_related("plan", "canonical_mapping__canonical", "canonical_mapping__suggested")
        .defer("plan__extraction")
        .order_by("plan_id", "position")
    )


def catalogue() -> list[CanonicalIndicator]:
    return list(CanonicalIndicator.objects.all())
