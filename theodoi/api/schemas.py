"""What the API reads and writes, field by field (the OpenAPI document is made from
these). Numbers are JSON numbers, dates ISO 8601; a person is shown by name only."""

import datetime as dt
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator

from theodoi.tracking.models import Progress

MAX_ID = 2**63 - 1  # SQLite's and PostgreSQL's largest integer key


def _clean_text(value: str) -> str:
    """Text a database can store: PostgreSQL refuses NUL, and neither stores half of a
    UTF-16 surrogate pair."""
    if "\x00" in value:
        raise ValueError("không được chứa ký tự NUL")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("chứa ký tự không hợp lệ") from None
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Code = Annotated[int, Field(ge=1, le=2**31 - 1)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Text = Annotated[str, AfterValidator(_clean_text)]
ShortText = Annotated[str, Field(max_length=200), AfterValidator(_clean_text)]


class Error(Schema):
    code: str = Field(description="Mã lỗi ổn định, để chương trình xử lý")
    message: str = Field(description="Thông báo tiếng Việt cho người dùng")


class FieldError(Schema):
    field: str
    message: str


class ValidationError(Error):
    errors: list[FieldError] = []


class VersionConflict(Error):
    expected_version: int
    current_version: int
    mine: dict[str, str]
    theirs: dict[str, str]


# --- Places, units, people ----------------------------------------------------------


class AdminUnitOut(Schema):
    id: int
    level: str
    code: int
    name: str
    division_type: str
    province_code: int | None


class UnitOut(Schema):
    id: int
    commune_code: int
    name: str
    is_active: bool
    aliases: list[str]


class PersonOut(Schema):
    user_id: int
    full_name: str
    role: str
    role_label: str
    commune_code: int | None
    unit_id: int | None


class MembershipOut(Schema):
    role: str
    commune_code: int | None
    province_code: int | None
    unit_id: int | None


class MeOut(Schema):
    user_id: int
    username: str
    full_name: str
    memberships: list[MembershipOut]
    token_scope: str | None = Field(description="Quyền của khóa API đang dùng; null: phiên")


# --- Plans, tasks, indicators -------------------------------------------------------


class PlanOut(Schema):
    id: int
    commune_code: int
    status: str
    number: str
    issue_date: dt.date | None
    title: str
    report_deadline_day: int | None
    report_deadline_month: int | None
    supersedes_id: int | None
    published_at: dt.datetime | None


class TaskOut(Schema):
    id: int
    plan_id: int
    position: int
    code: str
    group: str
    name: str
    lead_unit_id: int | None
    lead_text: str
    coordinating_unit_ids: list[int]
    output: str
    deadline_raw: str
    deadline_kind: str
    deadline_start: dt.date | None
    deadline_due: dt.date | None


class TargetOut(Schema):
    year: int
    raw: str
    op: str
    value: float | None
    value_max: float | None
    unit: str


class IndicatorOut(Schema):
    id: int
    plan_id: int
    position: int
    code: str
    group: str
    name: str
    lead_unit_id: int | None
    lead_text: str
    coordinating_unit_ids: list[int]
    unit_of_measure: str
    targets: list[TargetOut]


class CanonicalIndicatorOut(Schema):
    id: int
    code: str
    group: str
    name: str
    unit: str
    source: str
    national_target: str


# --- The reporting cycle ------------------------------------------------------------


class PeriodOut(Schema):
    id: int
    plan_id: int
    kind: str
    label: str
    start: dt.date
    end: dt.date
    due_on: dt.date
    lock_after_days: int | None
    opened_at: dt.datetime | None
    closed: bool
    commune_approved_at: dt.datetime | None


class UnitReportOut(Schema):
    id: int
    period_id: int
    unit_id: int
    status: str
    status_label: str
    difficulties: str
    proposals: str
    submitted_at: dt.datetime | None
    return_comment: str
    returned_at: dt.datetime | None
    approved_at: dt.datetime | None
    version: int
    updated_at: dt.datetime


class TaskReportOut(Schema):
    id: int
    unit_report_id: int
    period_id: int
    unit_id: int
    task_id: int
    progress: str
    percent: int | None
    done_text: str
    completed_on: dt.date | None
    version: int
    updated_at: dt.datetime


class IndicatorValueOut(Schema):
    id: int
    unit_report_id: int
    period_id: int
    unit_id: int
    indicator_id: int
    value: float | None
    text: str
    source: str
    note: str
    version: int
    updated_at: dt.datetime


class JudgementOut(Schema):
    id: int
    period_id: int
    task_id: int | None
    indicator_id: int | None
    unit_id: int | None
    status: str
    trajectory: str
    reason: str
    trajectory_reason: str
    judged_on: dt.date


class WarningOut(Schema):
    kind: str
    label: str
    severity: str = Field(description="red: đã lỡ; orange: cần làm ngay để khỏi lỡ")
    text: str
    period_id: int
    unit_id: int | None
    unit_name: str
    task_id: int | None
    indicator_id: int | None
    explanation_request_id: int | None


class WarningsOut(Schema):
    commune_code: int
    year: int | None
    years: list[int]
    items: list[WarningOut]


# --- Writes -------------------------------------------------------------------------


class TaskReportIn(Schema):
    version: Annotated[int, Field(ge=1, le=2**31 - 1)] = Field(
        description="Phiên bản đã đọc; khác bản hiện tại thì trả 409"
    )
    progress: Progress
    percent: Annotated[int, Field(ge=0, le=100)] | None = None
    done_text: Annotated[str, Field(max_length=10000), AfterValidator(_clean_text)] = ""
    completed_on: dt.date | None = None


class IndicatorValueIn(Schema):
    version: Annotated[int, Field(ge=1, le=2**31 - 1)]
    value: Annotated[str, Field(max_length=100), AfterValidator(_clean_text)] = Field(
        description="Số (dấu phẩy hoặc chấm thập phân, vd. “3,5”) hoặc kết quả định tính; rỗng: xóa"
    )
    source: Annotated[str, Field(max_length=300), AfterValidator(_clean_text)] = ""
    note: Annotated[str, Field(max_length=5000), AfterValidator(_clean_text)] = ""


class NotesIn(Schema):
    difficulties: Annotated[str, Field(max_length=10000), AfterValidator(_clean_text)] = ""
    proposals: Annotated[str, Field(max_length=10000), AfterValidator(_clean_text)] = ""


class ReturnIn(Schema):
    comment: Annotated[str, Field(min_length=1, max_length=5000), AfterValidator(_clean_text)]
