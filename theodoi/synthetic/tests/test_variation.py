"""The variation of a synthetic commune's plan, without a database: wording, deadlines,
targets, progress, and the same plan for the same seed."""

import datetime as dt
from random import Random

import pytest

from theodoi.ingest.deadlines import parse_deadline
from theodoi.ingest.targets import parse_target
from theodoi.synthetic import variation as v

SEED = v.PlanTemplate(
    key="seed.docx",
    locality="Chí Minh",
    division="xã",
    province="Hải Phòng",
    province_kind="thành phố",
    title="Thực hiện Nghị quyết 57-NQ/TW trên địa bàn xã Chí Minh",
    issue_date=dt.date(2025, 8, 18),
    standing=30,
    standing_text="Phòng Văn hóa - Xã hội",
    report_day=10,
    report_month=12,
    legal_bases=("Nghị quyết số 57-NQ/TW, ngày 22/12/2024",),
    tasks=(
        v.TaskTemplate("1.1", "Nhận thức", "Số hóa hồ sơ thủ tục hành chính", 40, "Trung tâm", (30,), "Phòng VH-XH", "Báo cáo", "Quý IV/2025"),
        v.TaskTemplate("1.2", "Nhận thức", "Tuyên truyền cho người dân và doanh nghiệp", None, "Các phòng, đơn vị", (), "", "", "Thường xuyên"),
        v.TaskTemplate("1.3", "Nhận thức", "Ban hành quy chế", 10, "Văn phòng", (), "", "", "Tháng 6/2026"),
        v.TaskTemplate("2.1", "Hạ tầng", "Sau khi thành phố ban hành, triển khai", 20, "Phòng Kinh tế", (), "", "", "Sau khi thành phố ban hành kế hoạch"),
        v.TaskTemplate("2.2", "Hạ tầng", "Xây dựng CSDL", 20, "Phòng Kinh tế", (), "", "", "2026-2030"),
    ),
    indicators=(
        v.IndicatorTemplate(
            "1", "Hạ tầng", "Tỷ lệ phủ sóng 5G trên địa bàn xã", 30, "Phòng VH-XH",
            unit_of_measure="%",
            targets=(v.Target(2025, "≥60%", ">=", 60), v.Target(2030, "100%", "=", 100)),
        ),
        v.IndicatorTemplate(
            "2", "Nguồn lực", "Số đề tài, sáng kiến", 20, "Phòng Kinh tế",
            unit_of_measure="đề tài, sáng kiến",
            targets=(v.Target(2026, "≥ 5", ">=", 5), v.Target(2030, "≥ 20", ">=", 20)),
        ),
        v.IndicatorTemplate(
            "3", "Nguồn lực", "Xây dựng xã thông minh", 30, "Phòng VH-XH",
            targets=(v.Target(2030, "Hoàn thành", "qualitative", None),),
        ),
    ),
)  # fmt: skip
WARD = v.Place(
    code=99,
    locality="Bạch Thông",
    division="phường",
    province="Lào Cai",
    province_kind="tỉnh",
    units={10 * n: (f"Đơn vị {n}", (f"ĐV {n}",)) for n in range(1, 10)},
)
ALWAYS = v.Style(
    old_tones=True, abbreviate=1.0, expand=1.0, synonyms=1.0, reorder=1.0, final_stop=False
)
NEVER = v.Style(
    old_tones=False, abbreviate=0.0, expand=0.0, synonyms=0.0, reorder=0.0, final_stop=True
)


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        ("số hóa", "số hoá", "số hóa"),
        ("Hòa Bình, khỏe, Thủy", "Hoà Bình, khoẻ, Thuỷ", "Hòa Bình, khỏe, Thủy"),
        ("HÓA", "HOÁ", "HÓA"),
    ],
)
def test_tone_style_moves_the_mark_of_open_oa_oe_uy_only(text, old, new):
    assert v.tone_style(text, old=True) == old
    assert v.tone_style(old, old=False) == new


def test_tone_style_leaves_closed_syllables_and_quy_alone():
    text = "hoàn thành quý, hoạt động, tuyên truyền, khuyến khích"
    assert v.tone_style(text, old=True) == text
    assert v.tone_style(text, old=False) == text


def test_reword_writes_the_place_and_the_clerks_habits():
    text = "Phòng Văn hóa - Xã hội xã Chí Minh phối hợp với người dân và doanh nghiệp số hóa thủ tục hành chính, sau khi thành phố Hải Phòng ban hành."
    out = v.reword(text, ALWAYS, Random(1), SEED, WARD)
    assert out == (
        "Phòng Văn hoá - Xã hội phường Bạch Thông phối hợp với doanh nghiệp và người dân "
        "số hoá TTHC, sau khi tỉnh Lào Cai ban hành"
    )
    # The same words, the place changed, when the clerk has none of those habits.
    assert v.reword(text, NEVER, Random(1), SEED, WARD) == (
        "Phòng Văn hóa - Xã hội phường Bạch Thông phối hợp với người dân và doanh nghiệp "
        "số hóa thủ tục hành chính, sau khi tỉnh Lào Cai ban hành."
    )


def test_reword_expands_short_forms_and_swaps_synonyms():
    out = v.reword("Tỷ lệ hồ sơ TTHC xử lý trực tuyến, CĐS hàng năm", ALWAYS, Random(2))
    assert out == "Tỉ lệ hồ sơ thủ tục hành chính xử lý trực tuyến, chuyển đổi số hằng năm"


def test_reword_keeps_ho_chi_minh_and_xa_hoi():
    text = "Học tập tư tưởng Hồ Chí Minh; Phòng Văn hóa - Xã hội xã Chí Minh"
    out = v.reword(text, NEVER, Random(0), SEED, WARD)
    assert out == "Học tập tư tưởng Hồ Chí Minh; Phòng Văn hóa - Xã hội phường Bạch Thông"


RAWS = ["Quý IV/2025", "Tháng 6/2026", "Tháng 12/2026", "Năm 2027", "Thường xuyên", "Hàng năm"]
RAWS += ["2026-2030", "Sau khi thành phố ban hành kế hoạch", "Quý III/2025"]


@pytest.mark.parametrize("raw", RAWS)
def test_a_varied_deadline_reads_back_as_the_same_kind_within_one_step(raw):
    meant = parse_deadline(raw)
    for n in range(40):
        written = v.vary_deadline(raw, Random(n), SEED, WARD)
        read = parse_deadline(written)
        assert read["kind"] == meant["kind"], written
        assert read["recurrence"] == meant["recurrence"], written
        if meant["due"]:
            gap = dt.date.fromisoformat(read["due"]) - dt.date.fromisoformat(meant["due"])
            assert abs(gap.days) <= 92, written  # a month or a quarter moved, no more


def test_a_conditional_deadline_speaks_of_the_new_province():
    written = v.vary_deadline("Sau khi thành phố ban hành kế hoạch", Random(0), SEED, WARD)
    assert written == "Sau khi tỉnh ban hành kế hoạch"


@pytest.mark.parametrize("indicator", SEED.indicators, ids=lambda i: i.code)
def test_varied_targets_read_back_as_written_and_never_fall(indicator):
    for n in range(60):
        written = v.vary_targets(indicator.targets, indicator.unit_of_measure, Random(n))
        assert [y for y, _ in written] == [t.year for t in indicator.targets]
        values = []
        for (_, raw), target in zip(written, indicator.targets, strict=True):
            parsed = parse_target(raw)
            assert parsed["op"] == target.op, raw
            if target.value is not None:
                values.append(parsed["value"])
                assert 0 < parsed["value"] <= (100 if "%" in target.raw else 10**6), raw
        assert values == sorted(values)


def test_renumber_closes_the_gaps_within_each_level():
    assert v.renumber(["1.1", "1.3", "2.1", "2.4", "5", "7", "a"]) == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
        "1",
        "2",
        "a",
    ]


@pytest.mark.parametrize("story", v.STORIES)
def test_a_task_path_moves_forward_and_done_means_a_date(story):
    for raw in RAWS:
        for n in range(30):
            path = v.task_path(parse_deadline(raw), v.PACE[story], Random(n))
            assert sorted(path) == list(v.YEARS)
            for state in path.values():
                assert (state.progress == "done") == (state.completed_on is not None)
                assert state.percent is None or 0 <= state.percent <= 100
                assert state.completed_on is None or state.completed_on <= v.AS_OF
            if path[2025].progress == "done":
                assert path[2026] == path[2025]  # done stays done


def test_values_follow_the_story():
    targets = [(2025, parse_target("≥60%")), (2030, parse_target("100%"))]
    ahead, back = [], []
    for n in range(50):
        on = v.indicator_values(targets, True, "on_track", Random(n))
        off = v.indicator_values(targets, True, "backwards", Random(n))
        ahead.append(on[2026] >= on[2025])
        back.append(off[2026] < off[2025])
        assert all(0 <= x <= 100 for x in (*on.values(), *off.values()))
    assert all(ahead) and all(back)


def test_a_qualitative_indicator_gets_no_number():
    draft = v.plan_draft(SEED, WARD, Random(3), "on_track")
    smart = next(i for i in draft.indicators if "thông minh" in i.name)
    assert smart.qualitative and set(smart.values.values()) == {None}


def test_the_same_seed_gives_the_same_plan_and_another_seed_another():
    first = v.plan_draft(SEED, WARD, v.commune_rng(57, WARD.code))
    again = v.plan_draft(SEED, WARD, v.commune_rng(57, WARD.code))
    other = v.plan_draft(SEED, WARD, v.commune_rng(58, WARD.code))
    assert first == again
    assert first != other


def test_every_row_has_a_unit_of_the_place_and_every_unit_a_report_each_year():
    for n in range(30):
        draft = v.plan_draft(SEED, WARD, Random(n))
        records = [*draft.tasks, *draft.indicators]
        assert records and all(r.lead in WARD.units for r in records)
        assert set(draft.reports) == {r.lead for r in records}
        for states in draft.reports.values():
            assert sorted(states) == list(v.YEARS)
            for state in states.values():
                sent = state.status in ("submitted", "approved")
                assert sent == (state.submitted_on is not None)
        assert "Bạch Thông" in draft.title and "Chí Minh" not in draft.title


def test_the_same_seed_gives_the_same_plans_in_another_process():
    """Nothing depends on Python's per-process string hashing (set order)."""
    import subprocess
    import sys

    code = (
        "import hashlib; from theodoi.synthetic import variation as v; "
        "from theodoi.synthetic.tests.test_variation import SEED, WARD; "
        "drafts = [v.plan_draft(SEED, WARD, v.commune_rng(57, c)) for c in range(50)]; "
        "print(hashlib.sha256(repr(drafts).encode()).hexdigest())"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={"PYTHONHASHSEED": str(n), "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in (1, 2)
    }
    assert len(runs) == 1 and len(runs.pop().strip()) == 64
