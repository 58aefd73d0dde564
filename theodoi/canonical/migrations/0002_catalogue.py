"""The catalogue of canonical indicators, loaded with the project; suggestions for the
indicators of plans already published."""

from django.db import migrations


def load(apps, schema_editor):
    from theodoi.canonical import rules
    from theodoi.canonical.services import catalogue_sync

    CanonicalIndicator = apps.get_model("canonical", "CanonicalIndicator")
    IndicatorMapping = apps.get_model("canonical", "IndicatorMapping")
    Indicator = apps.get_model("plans", "Indicator")
    catalogue_sync(CanonicalIndicator)
    entries = [(c.pk, c.name, c.unit) for c in CanonicalIndicator.objects.all()]
    for indicator in Indicator.objects.filter(plan__status="published"):
        s = rules.suggest(indicator.name, indicator.unit_of_measure, entries)
        IndicatorMapping.objects.get_or_create(
            indicator=indicator,
            defaults={
                "canonical_id": s and s.entry_id,
                "suggested_id": s and s.entry_id,
                "score": s and s.score,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("canonical", "0001_initial"), ("plans", "0003_review_and_labels")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
