from django.db import migrations, models


def mark_opened(apps, schema_editor):
    """Periods whose reports units have already opened count as open; the others are
    opened by the daily job or the clerk (`services.period_open`)."""
    ReportingPeriod = apps.get_model("tracking", "ReportingPeriod")
    UnitReport = apps.get_model("tracking", "UnitReport")
    ReportingPeriod.objects.filter(pk__in=UnitReport.objects.values("period_id")).update(
        opened_at=models.F("created_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportingperiod",
            name="opened_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="Mở cho đơn vị lúc"),
        ),
        migrations.RunPython(mark_opened, migrations.RunPython.noop),
    ]
