"""The draft says what the hand-worked scenario says (see conftest)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from theodoi.evaluation.models import ExplanationRequest
from theodoi.reports import drafting, selectors, services
from theodoi.reports.tests.conftest import EXPECTED_FIGURES, TODAY, ask_for_explanations, build


def _facts(scenario):
    return selectors.period_facts(scenario["period"], TODAY)


def test_task_statuses_and_figures(scenario):
    facts = _facts(scenario)
    statuses = {t.code: t.status for t in facts.tasks}
    assert statuses == {
        "A1": "done_on_time",
        "A2": "done_late",
        "A3": "overdue",
        "A4": "recurring_reported",
        "B1": "not_started",
        "B2": "done_on_time",
        "B3": "in_progress",
        "B4": "overdue",
    }
    assert drafting.task_figures(facts.tasks, TODAY) == EXPECTED_FIGURES


def test_indicator_judgements_and_trajectories(scenario):
    rows = {i.code: i for i in _facts(scenario).indicators}
    assert (rows["1"].value_shown, rows["1"].status_label, rows["1"].trajectory_label) == (
        "62,5",
        "Vượt",
        "Đúng lộ trình",
    )
    # A count from 1 to 5 by 2030 needs 5^(1/5) − 1 = 38 % a year: 1,38 in 2026; it
    # stayed at 1 (UNSD method, the evaluation app's).
    assert (rows["2"].status, rows["2"].trajectory_label) == (None, "Trì trệ hoặc đi lùi")
    assert abs(rows["2"].expected - 5**0.2) < 1e-9
    assert (rows["3"].status_label, rows["3"].trajectory_label) == ("Chưa đạt", "Chưa đủ dữ liệu")
    # qualitative, towards its 2030 aim, nothing recorded: no data, no trajectory
    assert (rows["4"].value_shown, rows["4"].status, rows["4"].trajectory) == (
        "",
        "no_data",
        "insufficient",
    )


def test_sections_carry_the_figures(scenario):
    sections = {s["key"]: s["text"] for s in drafting.commune_sections(_facts(scenario))}
    results = sections["ket_qua"]
    assert EXPECTED_FIGURES in results
    assert "Có 2/3 đơn vị đã gửi báo cáo (1 đơn vị gửi đúng hạn)." in results
    assert (
        "a) Nâng cao nhận thức: hoàn thành 2/4 nhiệm vụ (1 đúng hạn, 1 quá hạn); "
        "1 nhiệm vụ quá hạn." in results
    )
    assert "b) Phát triển hạ tầng số: hoàn thành 1/4 nhiệm vụ (1 đúng hạn, 0 quá hạn)" in results
    assert (
        "- Nhiệm vụ A3 (Phòng Văn hóa - Xã hội; thời hạn: 30/09/2026): quá hạn chưa hoàn thành."
        in results
    )
    assessment = sections["danh_gia"]
    assert "- Tỷ lệ hộ dùng cáp quang: đạt 62,5% (chỉ tiêu năm 2026: ≥60%)." in assessment
    assert (
        "Số doanh nghiệp số: 1 doanh nghiệp; trì trệ hoặc đi lùi (theo lộ trình cần đạt 1,4"
        in assessment
    )
    assert "Còn 1 đơn vị chưa gửi báo cáo: Công an." in assessment
    upcoming = sections["nhiem_vu_toi"]
    assert "2. Các nhiệm vụ đến hạn trong năm 2027" in upcoming
    assert "- Nhiệm vụ B3 (Công an; thời hạn: 30/06/2027)." in upcoming
    assert sections["de_xuat"].splitlines() == [
        "- Đề nghị tập huấn cho cán bộ đầu mối (Phòng Kinh tế, Phòng Văn hóa - Xã hội).",
        "- Bổ sung kinh phí (Phòng Kinh tế).",
    ]


def test_annex_rows(scenario):
    facts = _facts(scenario)
    indicators = drafting.indicator_annex(facts.indicators)
    assert [r["ket_qua"] for r in indicators] == ["62,5", "1", "85", "Chưa có số liệu"]
    assert [r["danh_gia"] for r in indicators] == ["Vượt", "—", "Chưa đạt", "Chưa có số liệu"]
    tasks = drafting.task_annex(facts.tasks)
    assert [r["ten"] for r in tasks if r["nhom"]] == ["Nâng cao nhận thức", "Phát triển hạ tầng số"]
    a3 = next(r for r in tasks if r.get("stt") == "A3")
    assert (a3["tinh_trang"], a3["ket_qua"], a3["don_vi"]) == (
        "Quá hạn chưa hoàn thành",
        "40%; Đã làm A3",
        "Phòng Văn hóa - Xã hội",
    )


def test_reading_a_province_costs_the_same_queries_for_one_commune_or_two(cast):
    build(cast.commune)
    periods = selectors.province_periods(cast.province, 2026)
    with CaptureQueriesContext(connection) as one:
        selectors.periods_facts(periods, TODAY)
    build(cast.other_commune)
    periods = selectors.province_periods(cast.province, 2026)
    assert len(periods) == 2
    with CaptureQueriesContext(connection) as two:
        selectors.periods_facts(periods, TODAY)
    assert len(two.captured_queries) == len(one.captured_queries)


def test_a_draft_is_stored_once_and_knows_when_data_changed(scenario, cast):
    period = scenario["period"]
    draft = services.report_draft_start(period=period, user=cast.clerk, today=TODAY)
    again = services.report_draft_start(period=period, user=cast.clerk, today=TODAY)
    assert again.pk == draft.pk
    assert selectors.fresh_draft(period, TODAY).facts_hash == draft.facts_hash
    scenario["tasks"]["B1"].reports.update(progress="in_progress", percent=20)
    assert selectors.fresh_draft(period, TODAY).facts_hash != draft.facts_hash


def test_what_is_late_and_why_comes_from_the_explanation_requests(scenario, cast):
    ask_for_explanations(scenario, cast.leader)
    facts = _facts(scenario)
    sections = {s["key"]: s["text"] for s in drafting.commune_sections(facts)}
    results = sections["ket_qua"].splitlines()
    late = results.index("3. Nhiệm vụ chậm, quá hạn và nguyên nhân")
    assert results[late + 1 : late + 6] == [
        "Có 2 nhiệm vụ quá hạn:",
        "- Nhiệm vụ A3 (Phòng Văn hóa - Xã hội; thời hạn: 30/09/2026): quá hạn chưa hoàn "
        "thành; Phòng Văn hóa - Xã hội giải trình ngày 03/12/2026: Chờ thành phố cấp kinh "
        "phí. Dự kiến hoàn thành trong quý I/2027.",
        "- Nhiệm vụ B4 (Phòng Văn hóa - Xã hội; thời hạn: 31/10/2026): quá hạn chưa hoàn thành.",
        "Các nhiệm vụ khác đơn vị được yêu cầu giải trình:",
        "- Nhiệm vụ B1 (Phòng Kinh tế; thời hạn: 31/12/2026): chưa thực hiện, còn trong hạn; "
        "đã yêu cầu Phòng "
        "Kinh tế giải trình (hạn 10/12/2026), chưa có giải trình.",
    ]
    assert "Câu hỏi năm 2025" not in str(sections)  # another period's exchange
    assessment = sections["danh_gia"].splitlines()
    firms = next(line for line in assessment if line.startswith("- Số doanh nghiệp số"))
    assert firms.endswith(
        "; Phòng Kinh tế giải trình ngày 04/12/2026: Các doanh nghiệp chưa hoàn tất đăng ký."
    )
    assert (
        "- Về báo cáo của Công an: đã yêu cầu Công an giải trình (hạn 09/12/2026), chưa có "
        "giải trình." in assessment
    )
    annex = {r.get("stt"): r for r in drafting.task_annex(facts.tasks)}
    assert annex["A3"]["ket_qua"].splitlines() == [
        "40%; Đã làm A3",
        "Yêu cầu giải trình: Vì sao nhiệm vụ A3 quá hạn? Phòng Văn hóa - Xã hội giải trình "
        "ngày 03/12/2026: Chờ thành phố cấp kinh phí. Dự kiến hoàn thành trong quý I/2027.",
    ]
    assert annex["B1"]["ket_qua"] == (
        "Đã làm B1\nYêu cầu giải trình: Đề nghị báo cáo tiến độ nhiệm vụ B1. Đã yêu cầu "
        "Phòng Kinh tế giải trình (hạn 10/12/2026), chưa có giải trình."
    )
    assert annex["A1"]["ket_qua"] == "Đã làm A1"  # nothing asked


def test_an_answer_given_after_drafting_marks_the_draft_out_of_date(scenario, cast):
    ask_for_explanations(scenario, cast.leader)
    period = scenario["period"]
    draft = services.report_draft_start(period=period, user=cast.clerk, today=TODAY)
    ExplanationRequest.objects.filter(task=scenario["tasks"]["B1"]).update(
        answer="Đang chọn nhà cung cấp.", status="answered"
    )
    assert selectors.fresh_draft(period, TODAY).facts_hash != draft.facts_hash
