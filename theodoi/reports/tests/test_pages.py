"""The report pages as each role sees them, and the flows: edit a section, re-draft over
edits, export, upload a template, approve."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from theodoi.reports import documents, services
from theodoi.reports.models import IssuedReport, ReportDraft, ReportTemplate
from theodoi.reports.tests.conftest import TODAY
from theodoi.testing import confirm
from theodoi.tracking.models import ReportStatus, TaskReport, UnitReport


def _url(name, scenario, *args):
    return reverse(f"reports:{name}", args=[scenario["period"].pk, *args])


@pytest.mark.parametrize(
    ("who", "draft", "xlsx"),
    [
        ("clerk", 200, 200),
        ("admin", 200, 200),
        ("leader", 200, 200),
        ("viewer", 403, 200),
        ("supervisor", 403, 200),
        ("focal_point", 403, 403),
        ("outsider", 403, 403),
    ],
)
def test_who_sees_the_draft_and_the_data(scenario, cast, login, who, draft, xlsx):
    client = login(getattr(cast, who))
    assert client.get(_url("draft", scenario)).status_code == draft
    assert client.get(_url("draft-docx", scenario)).status_code == draft
    assert client.get(_url("period-xlsx", scenario)).status_code == xlsx
    assert client.get(_url("period-csv", scenario, "chi-tieu")).status_code == xlsx
    assert not ReportDraft.objects.exists()  # reading stores nothing


def test_the_draft_is_read_only_until_the_clerk_drafts_it(scenario, cast, login):
    clerk = login(cast.clerk)
    page = clerk.get(_url("draft", scenario)).content.decode()
    assert "Đề nghị tập huấn" in page and "chưa lưu" in page
    assert "<textarea" not in page and 'action="' + _url("draft-start", scenario) in page
    doc = Document(io.BytesIO(clerk.get(_url("draft-docx", scenario)).content))
    assert "I. KẾT QUẢ THỰC HIỆN" in [p.text for p in doc.paragraphs]
    edit = {"text": "x", "rev": 1}
    assert clerk.post(_url("section-save", scenario, "de_xuat"), edit).status_code == 404
    assert clerk.get(_url("redraft", scenario)).status_code == 404
    assert not ReportDraft.objects.exists()

    assert clerk.post(_url("draft-start", scenario)).status_code == 302
    draft = ReportDraft.objects.get()
    assert draft.updated_by == cast.clerk
    page = clerk.get(_url("draft", scenario)).content.decode()
    assert '<textarea name="text"' in page and "chưa lưu" not in page
    services.report_section_save(draft=draft, key="de_xuat", text="Bản sửa", rev=1, user=cast.clerk)
    clerk.post(_url("draft-start", scenario))  # pressed again: the draft and its edits stay
    assert ReportDraft.objects.get().section("de_xuat")["text"] == "Bản sửa"


def test_the_leader_reads_the_draft_but_does_not_edit_it(scenario, cast, login):
    leader = login(cast.leader)
    page = leader.get(_url("draft", scenario)).content.decode()
    assert "I. KẾT QUẢ THỰC HIỆN" in page and "chưa soạn báo cáo" in page
    assert "<textarea" not in page and _url("draft-start", scenario) not in page
    assert leader.post(_url("draft-start", scenario)).status_code == 403
    login(cast.clerk).post(_url("draft-start", scenario))
    page = leader.get(_url("draft", scenario)).content.decode()
    assert "I. KẾT QUẢ THỰC HIỆN" in page and "<textarea" not in page
    section = ReportDraft.objects.get().section("de_xuat")
    response = leader.post(
        _url("section-save", scenario, "de_xuat"), {"text": "x", "rev": section["rev"]}
    )
    assert response.status_code == 403


def test_clerk_edits_a_section(scenario, cast, login):
    clerk = login(cast.clerk)
    clerk.post(_url("draft-start", scenario))
    page = clerk.get(_url("draft", scenario)).content.decode()
    assert "Báo cáo tổng hợp kỳ Năm 2026" in page and "Đề nghị tập huấn" in page
    rev = ReportDraft.objects.get().section("de_xuat")["rev"]
    response = clerk.post(
        _url("section-save", scenario, "de_xuat"),
        {"text": "Đề nghị thành phố hỗ trợ kinh phí.", "rev": rev},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Đã lưu" in html and "đã sửa" in html
    assert (
        ReportDraft.objects.get().section("de_xuat")["text"] == "Đề nghị thành phố hỗ trợ kinh phí."
    )
    doc = Document(io.BytesIO(clerk.get(_url("draft-docx", scenario)).content))
    assert "Đề nghị thành phố hỗ trợ kinh phí." in [p.text for p in doc.paragraphs]


def test_two_clerks_saving_the_same_section_are_told(scenario, cast, login):
    clerk = login(cast.clerk)
    clerk.post(_url("draft-start", scenario))
    rev = ReportDraft.objects.get().section("de_xuat")["rev"]
    clerk.post(_url("section-save", scenario, "de_xuat"), {"text": "Bản một", "rev": rev})
    stale = clerk.post(
        _url("section-save", scenario, "de_xuat"),
        {"text": "Bản hai", "rev": rev},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "vừa được người khác sửa" in stale and "Bản một" in stale and "Bản hai" in stale
    assert ReportDraft.objects.get().section("de_xuat")["text"] == "Bản một"


def test_redraft_after_new_data_asks_before_overwriting_edits(scenario, cast, login):
    clerk = login(cast.clerk)
    clerk.post(_url("draft-start", scenario))
    draft = ReportDraft.objects.get()
    services.report_section_save(
        draft=draft,
        key="ket_qua",
        text="Bản của văn phòng.",
        rev=draft.section("ket_qua")["rev"],
        user=cast.clerk,
    )
    # New data: Công an reports B3 done.
    TaskReport.objects.filter(task=scenario["tasks"]["B3"]).update(
        progress="done", completed_on=TODAY
    )
    page = clerk.get(_url("draft", scenario)).content.decode()
    assert "Số liệu của các đơn vị đã thay đổi" in page
    confirm = clerk.get(_url("redraft", scenario)).content.decode()
    assert "Bản của văn phòng." in confirm and 'value="ket_qua"' in confirm
    clerk.post(_url("redraft", scenario))  # nothing ticked: the edit stays
    draft.refresh_from_db()
    assert draft.section("ket_qua")["text"] == "Bản của văn phòng."
    b3 = next(r for r in draft.facts["phu_luc_nhiem_vu"] if r.get("stt") == "B3")
    assert b3["tinh_trang"] != "Đang thực hiện"  # the annex follows the new data
    clerk.post(_url("redraft", scenario), {"replace": ["ket_qua"]})
    draft.refresh_from_db()
    assert "đã hoàn thành 4/8 nhiệm vụ" in draft.section("ket_qua")["text"]


def test_meta_form_rejects_a_bad_date_and_keeps_the_old_one(scenario, cast, login):
    clerk = login(cast.clerk)
    clerk.post(_url("draft-start", scenario))
    before = ReportDraft.objects.get().issued_on
    response = clerk.post(
        _url("draft-meta", scenario),
        {"title": "T", "issued_on": "31/02/2026", "signer_title": "CHỦ TỊCH"},
        follow=True,
    )
    assert "«31/02/2026» không phải ngày dd/mm/yyyy" in response.content.decode()
    assert ReportDraft.objects.get().issued_on == before


def test_focal_point_downloads_its_own_units_report_only(scenario, cast, login):
    focal = login(cast.focal_point)
    own = focal.get(
        reverse("reports:unit-docx", args=[scenario["period"].pk, scenario["economy"].pk])
    )
    assert own.status_code == 200
    doc = Document(io.BytesIO(own.content))
    heading = doc.tables[0].cell(0, 0)
    assert [p.text for p in heading.paragraphs if p.text] == ["UBND XÃ THÁI TÂN", "PHÒNG KINH TẾ"]
    assert doc.tables[0].cell(1, 0).paragraphs[0].text.endswith("/BC-KT")
    texts = [p.text for p in doc.paragraphs]
    assert "Thiếu kinh phí" in texts
    other = focal.get(
        reverse("reports:unit-docx", args=[scenario["period"].pk, scenario["culture"].pk])
    )
    assert other.status_code == 403


def _template(replace: dict[str, str]) -> bytes:
    src = io.BytesIO(documents.default_template("commune"))
    out = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode()
                for old, new in replace.items():
                    assert old in text
                    text = text.replace(old, new)
                data = text.encode()
            zout.writestr(item, data)
    return out.getvalue()


def test_a_template_missing_tags_is_refused_with_their_names(scenario, cast, login):
    clerk = login(cast.clerk)
    bad = _template({"{{ trich_yeu }}": "Trích yếu", "{{ nguoi_ky }}": "Nguyễn Văn A"})
    response = clerk.post(
        reverse("reports:templates", args=[cast.commune.code]),
        {"kind": "commune", "file": SimpleUploadedFile("mau-xa.docx", bad)},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "{{ trich_yeu }} (trích yếu)" in page and "{{ nguoi_ky }} (họ tên người ký)" in page
    assert not ReportTemplate.objects.exists()


def test_a_template_that_reaches_for_python_is_refused(cast, login):
    evil = _template({"{{ trich_yeu }}": "{{ trich_yeu.__class__.__mro__ }}"})
    response = login(cast.clerk).post(
        reverse("reports:templates", args=[cast.commune.code]),
        {"kind": "commune", "file": SimpleUploadedFile("mau.docx", evil)},
    )
    assert response.status_code == 400
    assert "không được phép" in response.content.decode()


def test_a_doc_file_is_refused_with_what_to_do(cast, login):
    response = login(cast.clerk).post(
        reverse("reports:templates", args=[cast.commune.code]),
        {
            "kind": "commune",
            "file": SimpleUploadedFile("mau.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100),
        },
    )
    assert "lưu lại dạng .docx" in response.content.decode()


def test_the_communes_own_template_is_used_then_reset(scenario, cast, login):
    clerk = login(cast.clerk)
    own = _template({"BÁO CÁO": "BÁO CÁO (MẪU RIÊNG)"})
    response = clerk.post(
        reverse("reports:templates", args=[cast.commune.code]),
        {"kind": "commune", "file": SimpleUploadedFile("mau-xa.docx", own)},
    )
    assert response.status_code == 302
    doc = Document(io.BytesIO(clerk.get(_url("draft-docx", scenario)).content))
    assert "BÁO CÁO (MẪU RIÊNG)" in [p.text for p in doc.paragraphs]
    clerk.post(reverse("reports:templates", args=[cast.commune.code]), {"reset": "commune"})
    doc = Document(io.BytesIO(clerk.get(_url("draft-docx", scenario)).content))
    assert "BÁO CÁO" in [p.text for p in doc.paragraphs]
    assert (
        login(cast.viewer).get(reverse("reports:templates", args=[cast.commune.code])).status_code
        == 403
    )


def test_approval_stores_the_report_with_its_checksum(scenario, cast, login):
    UnitReport.objects.filter(period=scenario["period"]).update(status=ReportStatus.APPROVED)
    leader = login(cast.leader)  # the clerk never pressed "Soạn báo cáo": approving stores it
    confirm(leader, reverse("tracking:commune-approve", args=[scenario["period"].pk]))
    issued = IssuedReport.objects.get(period=scenario["period"])
    stored = issued.file.read()
    assert hashlib.sha256(stored).hexdigest() == issued.sha256 and issued.size == len(stored)
    download = login(cast.viewer).get(_url("issued-file", scenario))
    assert b"".join(download.streaming_content) == stored
    page = login(cast.clerk).get(_url("draft", scenario)).content.decode()
    assert issued.sha256 in page and "<textarea" not in page
    draft = ReportDraft.objects.get()
    with pytest.raises(services.ReportError):
        services.report_section_save(
            draft=draft,
            key="de_xuat",
            text="x",
            rev=draft.section("de_xuat")["rev"],
            user=cast.clerk,
        )


def test_approval_refused_stores_nothing(scenario, cast, login):
    response = confirm(
        login(cast.leader),
        reverse("tracking:commune-approve", args=[scenario["period"].pk]),
        follow=True,
    )
    assert "còn đơn vị chưa được duyệt" in response.content.decode()
    assert not IssuedReport.objects.exists()
    scenario["period"].refresh_from_db()
    assert scenario["period"].commune_approved_at is None


def test_province_report_for_its_supervisor(scenario, cast, login):
    supervisor = login(cast.supervisor)
    page = supervisor.get(reverse("reports:province", args=[cast.province.code]) + "?nam=2026")
    assert page.status_code == 200 and "Xã Thái Tân" in page.content.decode()
    # The .docx reads every commune: a job makes it (here at once), its page hands it over.
    job_page = supervisor.post(
        reverse("reports:province-start", args=[cast.province.code]), {"nam": "2026"}, follow=True
    )
    job = job_page.context["job"]
    assert job.status == "succeeded" and job.result_filename in job_page.content.decode()
    docx = supervisor.get(reverse("jobs:file", args=[job.pk]))
    doc = Document(io.BytesIO(b"".join(docx.streaming_content)))
    assert [p.text for p in doc.tables[0].cell(0, 0).paragraphs if p.text] == [
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    ]
    communes = doc.tables[2]
    row = [c.text for c in communes.rows[1].cells]
    assert row[:8] == ["1", "Xã Thái Tân", "8", "2", "1", "3", "2", "37,5%"]
    assert "1. Xã Thái Tân" in [p.text for p in doc.paragraphs]  # a table per commune
    xlsx = supervisor.get(
        reverse("reports:province-file", args=[cast.province.code, "xlsx"]) + "?nam=2026"
    )
    assert xlsx.status_code == 200
    assert (
        login(cast.clerk).get(reverse("reports:province", args=[cast.province.code])).status_code
        == 403
    )


WRITERS = {"admin", "clerk"}
COMMUNE_READERS = {"admin", "clerk", "leader", "viewer", "supervisor"}
EVERYONE = ["admin", "clerk", "leader", "viewer", "supervisor", "focal_point"]
EVERYONE += ["other_focal_point", "outsider"]


def _every_page(scenario, cast) -> list[tuple[str, set[str], int]]:
    """Each page and file of the reports: (url, the roles that may open it, what they
    get); everyone else gets 403."""
    period, economy = scenario["period"].pk, scenario["economy"].pk
    commune, province = cast.commune.code, cast.province.code
    draft_readers = {"admin", "clerk", "leader"}
    pages = [
        (reverse("reports:draft", args=[period]), draft_readers, 200),
        (reverse("reports:draft-docx", args=[period]), draft_readers, 200),
        (reverse("reports:redraft", args=[period]), WRITERS, 200),
        (reverse("reports:issued-file", args=[period]), COMMUNE_READERS, 404),  # not approved
        (reverse("reports:period-xlsx", args=[period]), COMMUNE_READERS, 200),
        # Phòng Kinh tế's own report: its focal point too.
        (
            reverse("reports:unit-docx", args=[period, economy]),
            {*COMMUNE_READERS, "focal_point"},
            200,
        ),
        (reverse("reports:templates", args=[commune]), WRITERS, 200),
        (reverse("reports:province", args=[province]), {"admin", "supervisor"}, 200),
        (reverse("reports:province-file", args=[province, "csv"]), {"admin", "supervisor"}, 200),
    ]
    pages += [
        (reverse("reports:period-csv", args=[period, table]), COMMUNE_READERS, 200)
        for table in ("nhiem-vu", "chi-tieu", "don-vi")
    ]
    pages += [
        (reverse("reports:template-file", args=[commune, kind]), WRITERS, 200)
        for kind in ("commune", "unit")
    ]
    return pages


@pytest.mark.parametrize("who", EVERYONE)
def test_every_report_page_answers_every_role(scenario, cast, login, who):
    login(cast.clerk).post(_url("draft-start", scenario))
    client = login(getattr(cast, who))
    for url, allowed, status in _every_page(scenario, cast):
        expected = status if who in allowed else 403
        assert client.get(url).status_code == expected, (who, url)
