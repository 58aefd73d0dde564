"""Writes of the canonical catalogue and of the mappings: the catalogue kept in step
with `catalogue.py`, suggestions when a plan is published, a person's confirmation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from theodoi.canonical import rules
from theodoi.canonical.catalogue import ENTRIES
from theodoi.canonical.models import CanonicalIndicator, IndicatorMapping
from theodoi.plans.models import Indicator, IndicatorTarget, Plan


def catalogue_sync(model=CanonicalIndicator) -> int:
    """Add the entries of `catalogue.py` not yet stored and reword the others (by code);
    none is removed (mappings point to them). `model` lets a migration pass its own.
    Returns how many entries were added."""
    stored = {c.code: c for c in model.objects.all()}
    added = 0
    for position, entry in enumerate(ENTRIES, start=1):
        fields = {
            "group": entry.group,
            "name": entry.name,
            "unit": entry.unit,
            "source": entry.source,
            "national_target": entry.national_target,
            "position": position,
        }
        row = stored.get(entry.code)
        if row is None:
            model.objects.create(code=entry.code, **fields)
            added += 1
        elif any(getattr(row, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(row, k, v)
            row.save()
    return added


def _unit_of(indicator: Indicator, target_units: dict[int, str]) -> str:
    return indicator.unit_of_measure or target_units.get(indicator.pk, "")


@transaction.atomic
def indicators_suggest(*, indicators) -> int:
    """Suggest an entry for each of these indicators not yet confirmed by a person (a
    confirmed mapping is never overwritten). Returns how many got a suggestion. Written
    in bulk: `generate_country` suggests for a whole province's indicators at once."""
    indicators = list(indicators)
    entries = [(c.pk, c.name, c.unit) for c in CanonicalIndicator.objects.all()]
    target_units = dict(
        IndicatorTarget.objects.filter(indicator__in=indicators)
        .exclude(unit="")
        .values_list("indicator_id", "unit")
    )
    existing = {
        m.indicator_id: m for m in IndicatorMapping.objects.filter(indicator__in=indicators)
    }
    new, changed, found = [], [], 0
    for indicator in indicators:
        mapping = existing.get(indicator.pk)
        if mapping is not None and mapping.confirmed:
            continue
        suggestion = rules.suggest(indicator.name, _unit_of(indicator, target_units), entries)
        found += suggestion is not None
        if mapping is None:
            mapping = IndicatorMapping(indicator=indicator)
            new.append(mapping)
        else:
            changed.append(mapping)
        mapping.canonical_id = mapping.suggested_id = suggestion.entry_id if suggestion else None
        mapping.score = suggestion.score if suggestion else None
    IndicatorMapping.objects.bulk_create(new, batch_size=500)
    IndicatorMapping.objects.bulk_update(
        changed, ["canonical", "suggested", "score"], batch_size=500
    )
    return found


def plan_suggest(*, plan: Plan) -> int:
    """Suggestions for a plan's indicators, as it is published."""
    return indicators_suggest(indicators=plan.indicators.all())


@transaction.atomic
def indicator_mapping_confirm(
    *, indicator: Indicator, canonical: CanonicalIndicator | None, user
) -> IndicatorMapping:
    """A person says which entry the indicator stands for (None: none of the catalogue)."""
    mapping, _ = IndicatorMapping.objects.select_for_update().get_or_create(indicator=indicator)
    mapping.canonical = canonical
    mapping.confirmed_by = user
    mapping.confirmed_at = timezone.now()
    mapping.save()
    return mapping
