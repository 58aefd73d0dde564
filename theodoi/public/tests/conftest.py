import hashlib

from django.core.files.base import ContentFile

from theodoi.evaluation.tests.conftest import judged, make_judged_commune, today
from theodoi.reports.models import IssuedReport

__all__ = ["judged", "make_judged_commune", "today"]


def issue_report(period, user, content: bytes = b"PK bao cao 2025") -> IssuedReport:
    """A report the leader approved, as `report_issue` stores it (its .docx and hash)."""
    issued = IssuedReport(
        period=period,
        filename=f"bao-cao-{period.end.year}.docx",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        issued_by=user,
    )
    issued.file.save(issued.filename, ContentFile(content), save=False)
    issued.save()
    return issued
