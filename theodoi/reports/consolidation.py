"""A province's consolidated report: the communes' periods of one year, added up and set
side by side. Pure functions over `facts.PeriodFacts`, like `drafting`."""

from __future__ import annotations

from dataclasses import dataclass

from theodoi.reports import rules
from theodoi.reports.drafting import grouped_notes, short_date
from theodoi.reports.facts import Figures, PeriodFacts, figures


@dataclass(kw_only=True)
class CommuneLine(Figures):
    """One commune's figures in the province's table."""

    code: int
    name: str
    units: int
    units_reported: int
    approved: bool

    @property
    def approved_label(self) -> str:
        return "Đã phê duyệt" if self.approved else "Chưa"


def commune_lines(all_facts: list[PeriodFacts]) -> list[CommuneLine]:
    return [
        CommuneLine(
            code=f.commune_code,
            name=f.commune,
            units=len(f.units),
            units_reported=f.reported_units,
            approved=f.approved_at is not None,
            **figures(f.tasks, f.indicators),
        )
        for f in all_facts
    ]


# The figures the province's report adds up over its communes.
_ADDED_UP = (
    "tasks",
    "done",
    "done_on_time",
    "overdue",
    "indicators_met",
    "indicators_not_met",
    "approved",
)


def province_sections(province: str, year: int, all_facts: list[PeriodFacts], today) -> list[dict]:
    lines = commune_lines(all_facts)
    total = {name: sum(getattr(x, name) for x in lines) for name in _ADDED_UP}
    tasks, done, overdue = total["tasks"], total["done"], total["overdue"]
    results = [
        "1. Tình hình triển khai",
        f"Có {len(lines)} xã, phường có kế hoạch và kỳ báo cáo năm {year}; "
        f"{total['approved']} xã, phường đã được lãnh đạo phê duyệt báo cáo.",
        "2. Kết quả thực hiện nhiệm vụ",
        f"Các kế hoạch có tổng cộng {tasks} nhiệm vụ. Đến ngày {short_date(today)}, đã hoàn "
        f"thành {done}/{tasks} nhiệm vụ ({rules.percent_of(done, tasks)}), trong đó "
        f"{total['done_on_time']} nhiệm vụ hoàn thành đúng hạn; {overdue} nhiệm vụ quá hạn.",
        "Kết quả của từng xã, phường tại Phụ lục I.",
    ]
    assessment = [
        "1. Kết quả đạt được",
        f"Trong các chỉ tiêu có mục tiêu năm {year}: {total['indicators_met']} chỉ tiêu đạt "
        f"hoặc vượt, {total['indicators_not_met']} chỉ tiêu chưa đạt (chi tiết từng xã, "
        "phường tại Phụ lục II).",
    ]
    best = sorted(
        (x for x in lines if x.tasks), key=lambda x: (-x.done / x.tasks, x.overdue, x.name)
    )[:5]
    if best:
        assessment.append("Các xã, phường có tỷ lệ hoàn thành nhiệm vụ cao:")
        assessment += [
            f"- {x.name}: {x.done}/{x.tasks} nhiệm vụ ({rules.percent_of(x.done, x.tasks)})."
            for x in best
        ]
    assessment.append("2. Tồn tại, hạn chế")
    worst = sorted((x for x in lines if x.overdue), key=lambda x: (-x.overdue, x.name))
    assessment += [f"- {x.name}: {x.overdue} nhiệm vụ quá hạn." for x in worst[:10]]
    unapproved = [x.name for x in lines if not x.approved]
    if unapproved:
        assessment.append(
            f"Còn {len(unapproved)} xã, phường chưa được lãnh đạo phê duyệt báo cáo: "
            + ", ".join(unapproved)
            + "."
        )
    if not (worst or unapproved):
        assessment.append("Chưa ghi nhận tồn tại, hạn chế.")
    next_tasks = [
        f"Đôn đốc các xã, phường hoàn thành {overdue} nhiệm vụ quá hạn"
        + (f", tập trung vào: {', '.join(x.name for x in worst[:5])}." if worst else ".")
        if overdue
        else "Tiếp tục theo dõi, đôn đốc các xã, phường thực hiện kế hoạch đúng tiến độ.",
        "Hướng dẫn các xã, phường cập nhật số liệu các chỉ tiêu chưa có số liệu.",
    ]
    proposals = grouped_notes(
        [(f.commune, u.proposals) for f in all_facts for u in f.units if u.proposals]
    )
    return [
        {"key": "ket_qua", "title": "I. KẾT QUẢ THỰC HIỆN", "text": "\n".join(results)},
        {"key": "danh_gia", "title": "II. ĐÁNH GIÁ CHUNG", "text": "\n".join(assessment)},
        {
            "key": "nhiem_vu_toi",
            "title": f"III. NHIỆM VỤ TRỌNG TÂM NĂM {year + 1}",
            "text": "\n".join(next_tasks),
        },
        {
            "key": "de_xuat",
            "title": "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            "text": "\n".join(proposals) or "Không có đề xuất, kiến nghị.",
        },
    ]


def commune_annex(lines: list[CommuneLine]) -> list[dict]:
    rows = [
        {
            "nhom": False,
            "stt": str(n),
            "ten": x.name,
            "nhiem_vu": str(x.tasks),
            "dung_han": str(x.done_on_time),
            "hoan_thanh_qua_han": str(x.done_late),
            "trong_han": str(x.in_time),
            "qua_han": str(x.overdue),
            "ty_le": rules.percent_of(x.done, x.tasks),
            "chi_tieu_dat": str(x.indicators_met),
            "chi_tieu_chua_dat": str(x.indicators_not_met),
            "don_vi_bao_cao": f"{x.units_reported}/{x.units}",
            "phe_duyet": x.approved_label,
        }
        for n, x in enumerate(lines, start=1)
    ]
    return rows or [{"nhom": True, "ten": "Chưa có xã, phường nào có kỳ báo cáo năm này."}]
