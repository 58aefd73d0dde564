"""The words of a report, drafted from the facts of a period (`facts.PeriodFacts`):
the sections the clerk edits, the annex rows, and the same for a unit's own report and a
province's consolidated one. Pure functions over plain values, no ORM.

A section is {"key", "title", "text"}; its text is one paragraph a line, numbered
headings ("1. Kết quả chung") printed in bold (see `rules.paragraphs`)."""

from __future__ import annotations

import re
import string
from collections import defaultdict

from rapidfuzz import fuzz

from theodoi.evaluation.rules import TaskGroup
from theodoi.feedback.rules import FeedbackFigures
from theodoi.lib.vnnumber import format_decimal_vi
from theodoi.lib.vntext import search_key
from theodoi.reports import rules
from theodoi.reports.facts import (
    INSUFFICIENT,
    MET,
    IndicatorRow,
    PeriodFacts,
    TaskRow,
    bucket_counts,
)

COMMUNE_SECTIONS = [
    ("ket_qua", "I. KẾT QUẢ THỰC HIỆN"),
    ("danh_gia", "II. ĐÁNH GIÁ CHUNG"),
    ("nhiem_vu_toi", "III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
    ("de_xuat", "IV. ĐỀ XUẤT, KIẾN NGHỊ"),
]
# The two paragraphs around the sections have no heading of their own.
SECTION_LABELS = {"mo_dau": "Đoạn mở đầu", "ket_thuc": "Đoạn kết thúc"}
BEHIND = ("at_risk", "off_track")
# Two proposals this alike (token set ratio over diacritic-free text) are one proposal.
SAME_PROPOSAL = 85


def short_date(day) -> str:
    """ "ngày 18/8/2025", "ngày 05/02/2026": a date cited inside a sentence, with the
    decree's leading zeros."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def section_label(section: dict) -> str:
    """What a page calls a section: its heading, or what the paragraph is."""
    return section["title"] or SECTION_LABELS.get(section["key"], section["key"])


def commune_body(facts: PeriodFacts) -> str:
    """ "Ủy ban nhân dân xã Thái Tân" """
    return f"Ủy ban nhân dân {facts.division_type} {facts.place}"


def plan_reference(facts: PeriodFacts) -> str:
    """ "Kế hoạch số 18/KH-UBND ngày 18/8/2025": how the body cites the plan."""
    ref = "Kế hoạch"
    if facts.plan_number:
        ref += f" số {facts.plan_number}"
    if facts.plan_date:
        ref += f" ngày {short_date(facts.plan_date)}"
    return ref


def title_line(facts: PeriodFacts) -> str:
    """The trích yếu: "Kết quả thực hiện Kế hoạch số 18/KH-UBND ngày 18/8/2025 của Ủy ban
    nhân dân xã Thái Tân năm 2026"."""
    return (
        f"Kết quả thực hiện {plan_reference(facts)} của {commune_body(facts)} "
        f"{rules.period_phrase(facts.period_label)}"
    )


def opening(facts: PeriodFacts) -> str:
    about = ""
    if facts.plan_title:
        about = " về " + facts.plan_title[:1].lower() + facts.plan_title[1:].rstrip(".")
    body = commune_body(facts)
    return (
        f"Thực hiện {plan_reference(facts)} của {body}{about}, {body} báo cáo kết quả "
        f"thực hiện {rules.period_phrase(facts.period_label)} như sau:"
    )


def closing(facts: PeriodFacts) -> str:
    title = title_line(facts)
    return f"Trên đây là báo cáo {title[:1].lower()}{title[1:]}./."


# --- Figures ------------------------------------------------------------------------------


def task_figures(tasks: list[TaskRow], as_of) -> str:
    """ "Kế hoạch có 43 nhiệm vụ. Đến ngày 05/12/2026, đã hoàn thành 27/43 nhiệm vụ
    (62,8%), trong đó 24 nhiệm vụ hoàn thành đúng hạn, 3 nhiệm vụ hoàn thành quá hạn; 10
    nhiệm vụ chưa hoàn thành, còn trong hạn; 6 nhiệm vụ quá hạn." """
    n = len(tasks)
    if not n:
        return "Kế hoạch chưa có nhiệm vụ nào."
    c = bucket_counts(tasks)
    done = c[TaskGroup.DONE_ON_TIME] + c[TaskGroup.DONE_LATE]
    return (
        f"Kế hoạch có {n} nhiệm vụ. Đến ngày {short_date(as_of)}, đã hoàn thành {done}/{n} "
        f"nhiệm vụ ({rules.percent_of(done, n)}), trong đó {c[TaskGroup.DONE_ON_TIME]} nhiệm vụ "
        f"hoàn thành đúng hạn, {c[TaskGroup.DONE_LATE]} nhiệm vụ hoàn thành quá hạn; "
        f"{c[TaskGroup.IN_TIME]} nhiệm vụ chưa hoàn thành, còn trong hạn; "
        f"{c[TaskGroup.OVERDUE]} nhiệm vụ quá hạn."
    )


def _group_figures(tasks: list[TaskRow]) -> str:
    c = bucket_counts(tasks)
    done = c[TaskGroup.DONE_ON_TIME] + c[TaskGroup.DONE_LATE]
    text = f"hoàn thành {done}/{len(tasks)} nhiệm vụ"
    if done:
        text += f" ({c[TaskGroup.DONE_ON_TIME]} đúng hạn, {c[TaskGroup.DONE_LATE]} quá hạn)"
    if c[TaskGroup.OVERDUE]:
        text += f"; {c[TaskGroup.OVERDUE]} nhiệm vụ quá hạn"
    return text


def _value(i: IndicatorRow) -> str:
    if not i.value_shown:
        return "chưa có số liệu"
    unit = i.unit_of_measure
    if not unit or i.value is None:
        return i.value_shown
    return f"{i.value_shown}{unit}" if unit == "%" else f"{i.value_shown} {unit}"


def _task_line(t: TaskRow, *, with_status: bool = False) -> str:
    line = f"- {t.name.rstrip('.;')} ({t.unit or 'chưa giao đơn vị'}"
    if t.deadline:
        line += f"; thời hạn: {t.deadline}"
    line += ")"
    if with_status:
        line += f": {t.status_label.lower()}" + _explained(t)
    return line + "."


def _explained(record: TaskRow | IndicatorRow) -> str:
    """What its unit was asked to explain in the period and answered ("; Phòng Kinh tế
    giải trình ngày 02/12/2026: …")."""
    return "".join(f"; {e.said}" for e in record.explanations)


def _groups(rows) -> list[tuple[str, list]]:
    """Rows by the plan's group, in the plan's order."""
    order: dict[str, list] = {}
    for r in rows:
        order.setdefault(r.group.strip(), []).append(r)
    return list(order.items())


def _lettered(i: int) -> str:
    return f"{string.ascii_lowercase[i]})" if i < 26 else f"{i + 1})"


# --- The commune's sections ------------------------------------------------------------------


def commune_sections(facts: PeriodFacts) -> list[dict]:
    texts = {
        "ket_qua": _results(facts),
        "danh_gia": _assessment(facts),
        "nhiem_vu_toi": _next_tasks(facts),
        "de_xuat": _proposals(facts),
    }
    titles = dict(COMMUNE_SECTIONS)
    if facts.period_kind == "yearly":
        titles["nhiem_vu_toi"] = f"III. NHIỆM VỤ TRỌNG TÂM {facts.next.label.upper()}"
    return [{"key": k, "title": titles[k], "text": texts[k]} for k, _ in COMMUNE_SECTIONS]


def _results(facts: PeriodFacts) -> str:
    lines = ["1. Kết quả chung", task_figures(facts.tasks, facts.today)]
    lines.append(
        f"Có {facts.reported_units}/{len(facts.units)} đơn vị đã gửi báo cáo "
        f"({facts.on_time_units} đơn vị gửi đúng hạn)."
    )
    lines.append("2. Kết quả theo từng nhóm nhiệm vụ")
    groups = _groups(facts.tasks)
    for n, (group, tasks) in enumerate(groups):
        name = rules.sentence_case(group) or "Các nhiệm vụ khác"
        lines.append(f"{_lettered(n)} {name.rstrip('.:')}: {_group_figures(tasks)}.")
        for t in tasks:
            if t.done_text.strip():
                lines.append(f"- {t.name.rstrip('.;')}: {t.done_text.strip().rstrip('.')}.")
    if not groups:
        lines.append("Kế hoạch chưa có nhiệm vụ nào.")
    lines.append("3. Nhiệm vụ chậm, quá hạn và nguyên nhân")
    late = [t for t in facts.tasks if t.bucket == TaskGroup.OVERDUE]
    if not late:
        lines.append("Không có nhiệm vụ quá hạn.")
    else:
        lines.append(f"Có {len(late)} nhiệm vụ quá hạn:")
        lines += [_task_line(t, with_status=True) for t in late]
    asked = [t for t in facts.tasks if t.explanations and t.bucket != TaskGroup.OVERDUE]
    if asked:
        lines.append("Các nhiệm vụ khác đơn vị được yêu cầu giải trình:")
        lines += [_task_line(t, with_status=True) for t in asked]
    if late:
        late_units = {t.unit_pk for t in late}
        said = [u for u in facts.units if u.pk in late_units and u.difficulties.strip()]
        if said:
            lines.append("Khó khăn, vướng mắc các đơn vị nêu:")
            lines += [f"- {u.name}: {u.difficulties.strip().rstrip('.')}." for u in said]
    return "\n".join(lines)


def _indicator_counts(indicators: list[IndicatorRow]) -> dict[str, int]:
    counts = defaultdict(int)
    for i in indicators:
        counts[i.status or "none"] += 1
        counts["trajectory:" + (i.trajectory or "none")] += 1
    return counts


def _assessment(facts: PeriodFacts) -> str:
    inds = facts.indicators
    c = _indicator_counts(inds)
    year = facts.year
    lines = ["1. Kết quả đạt được"]
    c_tasks = bucket_counts(facts.tasks)
    done = c_tasks[TaskGroup.DONE_ON_TIME] + c_tasks[TaskGroup.DONE_LATE]
    lines.append(
        f"Đã hoàn thành {done}/{len(facts.tasks)} nhiệm vụ, trong đó "
        f"{c_tasks[TaskGroup.DONE_ON_TIME]} nhiệm vụ hoàn thành đúng hạn."
    )
    if inds:
        with_value = sum(1 for i in inds if i.value_shown)
        judged = sum(c[s] for s in ("met", "exceeded", "not_met", "no_data"))
        figures = (
            f"Kế hoạch có {len(inds)} chỉ tiêu; kỳ này có số liệu {with_value}/{len(inds)} "
            "chỉ tiêu."
        )
        if judged:
            figures += (
                f" Có {judged} chỉ tiêu có mục tiêu năm {year}, trong đó "
                f"{c['met'] + c['exceeded']} chỉ tiêu đạt hoặc vượt ({c['exceeded']} vượt), "
                f"{c['not_met']} chỉ tiêu chưa đạt, {c['no_data']} chỉ tiêu chưa có số liệu."
            )
        else:
            figures += (
                f" Kế hoạch không đặt mục tiêu riêng cho năm {year}; các chỉ tiêu được đánh "
                "giá theo lộ trình đến mốc."
            )
        lines.append(figures)
        lines.append(
            f"So với lộ trình đến mốc: {c['trajectory:on_track']} chỉ tiêu đúng lộ trình, "
            f"{c['trajectory:at_risk']} chỉ tiêu cần đẩy nhanh, "
            f"{c['trajectory:off_track']} chỉ tiêu trì trệ hoặc đi lùi, "
            f"{c['trajectory:' + INSUFFICIENT]} chỉ tiêu chưa đủ dữ liệu để đánh giá."
        )
        for i in inds:
            if i.status in MET:
                lines.append(
                    f"- {i.name.rstrip('.;')}: đạt {_value(i)} "
                    f"(chỉ tiêu năm {year}: {i.target_year})."
                )
    else:
        lines.append("Kế hoạch không có chỉ tiêu định lượng.")
    if facts.feedback and facts.feedback.received:
        lines.append(feedback_line(facts.feedback))
    lines.append("2. Tồn tại, hạn chế và nguyên nhân")
    weak = [i for i in inds if i.status == "not_met" or i.trajectory in BEHIND or i.explanations]
    for i in weak:
        line = f"- {i.name.rstrip('.;')}: {_value(i)}"
        if i.status == "not_met":
            line += f", chưa đạt chỉ tiêu năm {year} ({i.target_year})"
        if i.trajectory in BEHIND:
            expected = format_decimal_vi(i.expected, places=1, grouped=True)
            line += f"; {i.trajectory_label.lower()}"
            if expected:
                line += f" (theo lộ trình cần đạt {expected} để đạt mốc {i.milestone})"
        lines.append(line + _explained(i) + ".")
    overdue = c_tasks[TaskGroup.OVERDUE]
    if overdue:
        lines.append(f"Còn {overdue} nhiệm vụ quá hạn (chi tiết tại Phụ lục II).")
    silent = [u.name for u in facts.units if u.submitted_on is None]
    if silent:
        lines.append(f"Còn {len(silent)} đơn vị chưa gửi báo cáo: {', '.join(silent)}.")
    for u in facts.units:
        lines += [f"- Về báo cáo của {u.name}: {e.said}." for e in u.explanations]
    causes = grouped_notes([(u.name, u.difficulties) for u in facts.units])
    if causes:
        lines.append("Nguyên nhân, khó khăn các đơn vị nêu:")
        lines += causes
    if not (weak or overdue or silent or causes):
        lines.append("Chưa ghi nhận tồn tại, hạn chế.")
    return "\n".join(lines)


def feedback_line(f: FeedbackFigures) -> str:
    """ "Người dân, doanh nghiệp gửi 12 góp ý …; mức hài lòng bình quân 3,9/5." """
    line = (
        f"Người dân, doanh nghiệp gửi {f.received} góp ý qua trang công khai của xã: "
        f"{f.approved} góp ý đã duyệt và công khai, {f.pending} góp ý đang chờ duyệt, "
        f"{f.rejected} góp ý không công khai (tin rác, không đúng nội dung)"
    )
    if f.average is not None:
        line += f"; mức hài lòng bình quân {format_decimal_vi(f.average, places=1)}/5"
    return line + "."


def _next_tasks(facts: PeriodFacts) -> str:
    lines = ["1. Tập trung hoàn thành các nhiệm vụ quá hạn"]
    late = [t for t in facts.tasks if t.bucket == TaskGroup.OVERDUE]
    lines += [_task_line(t) for t in late] or ["Không có nhiệm vụ quá hạn."]
    phrase = rules.period_phrase(facts.next.label)
    lines.append(f"2. Các nhiệm vụ đến hạn trong {phrase}")
    due = [
        t
        for t in facts.tasks
        if not t.done and t.due and facts.next.start <= t.due <= facts.next.end
    ]
    lines += [_task_line(t) for t in due] or [f"Không có nhiệm vụ đến hạn trong {phrase}."]
    recurring = sum(1 for t in facts.tasks if t.kind == "recurring")
    if recurring:
        lines.append("3. Các nhiệm vụ thường xuyên, hằng năm")
        lines.append(
            f"Tiếp tục thực hiện {recurring} nhiệm vụ thường xuyên, hằng năm của Kế hoạch."
        )
    behind = [i for i in facts.indicators if i.status == "not_met" or i.trajectory in BEHIND]
    if behind:
        lines.append(f"{4 if recurring else 3}. Các chỉ tiêu cần đẩy nhanh")
        for i in behind:
            target = i.target_year or i.milestone
            lines.append(f"- {i.name.rstrip('.;')}: hiện {_value(i)}; mục tiêu {target}.")
    return "\n".join(lines)


def _proposals(facts: PeriodFacts) -> str:
    lines = grouped_notes([(u.name, u.proposals) for u in facts.units])
    return "\n".join(lines) if lines else "Không có đề xuất, kiến nghị."


_ITEM_SPLIT = re.compile(r"\n+|;\s+")


def grouped_notes(notes: list[tuple[str, str]]) -> list[str]:
    """The units' proposals (or difficulties) as one bullet per distinct point, with
    the units that raised it: "- Đề nghị tập huấn cho cán bộ đầu mối (Phòng Kinh tế,
    Công an).". Points are split on lines and semicolons (a leading bullet dropped); two
    points alike in words (ignoring diacritics and case) are one."""
    groups: list[tuple[str, str, list[str]]] = []  # (key, first wording, who)
    for who, text in notes:
        for item in _ITEM_SPLIT.split(text or ""):
            item = item.strip(" .;-–•+\t")
            if not item:
                continue
            key = search_key(item)
            for g_key, _, g_who in groups:
                if fuzz.token_set_ratio(key, g_key) >= SAME_PROPOSAL:
                    if who not in g_who:
                        g_who.append(who)
                    break
            else:
                groups.append((key, item[:1].upper() + item[1:], [who]))
    return [f"- {text} ({', '.join(who)})." for _, text, who in groups]


# --- Annex rows -------------------------------------------------------------------------------


def _annex(records: list, row, empty: str) -> list[dict]:
    """Rows of an annex table, `row(record)` each; a row with "nhom" heads each of the
    plan's groups when it has several."""
    rows = []
    groups = _groups(records)
    for group, items in groups:
        if group and len(groups) > 1:
            rows.append({"nhom": True, "ten": rules.sentence_case(group)})
        rows += [{"nhom": False, "stt": r.code, "ten": r.name, **row(r)} for r in items]
    return rows or [{"nhom": True, "ten": empty}]


def indicator_annex(indicators: list[IndicatorRow]) -> list[dict]:
    return _annex(indicators, _indicator_annex_row, "Kế hoạch không có chỉ tiêu.")


def _indicator_annex_row(i: IndicatorRow) -> dict:
    return {
        "dvt": i.unit_of_measure,
        "chi_tieu_nam": i.target_year or "—",
        "moc": i.milestone,
        "ket_qua": i.value_shown or "Chưa có số liệu",
        "danh_gia": i.status_label or "—",
        "lo_trinh": i.trajectory_label or "—",
        "don_vi": i.unit,
    }


def task_annex(tasks: list[TaskRow]) -> list[dict]:
    return _annex(tasks, _task_annex_row, "Kế hoạch không có nhiệm vụ.")


def _task_annex_row(t: TaskRow) -> dict:
    result = t.done_text.strip()
    if t.percent is not None and not t.done:
        result = f"{t.percent}%" + (f"; {result}" if result else "")
    if t.explanations:
        result = "\n".join(filter(None, [result, t.explanation_text]))
    return {
        "don_vi": t.unit,
        "thoi_han": t.deadline or "—",
        "tinh_trang": t.status_label,
        "ket_qua": result,
        "san_pham": t.output,
        "minh_chung": t.evidence_text,
    }


# --- A unit's own report ----------------------------------------------------------------------


def unit_sections(facts: PeriodFacts, unit_pk: int) -> list[dict]:
    """A unit's report from its submission: its tasks, its indicators, its difficulties
    and proposals, in the same four parts."""
    unit = next(u for u in facts.units if u.pk == unit_pk)
    tasks = [t for t in facts.tasks if t.unit_pk == unit_pk]
    inds = [i for i in facts.indicators if i.unit_pk == unit_pk]
    results = [task_figures(tasks, facts.today).replace("Kế hoạch có", "Đơn vị được giao")]
    for t in tasks:
        line = f"- {t.name.rstrip('.;')}: {t.status_label.lower()}"
        if t.percent is not None and not t.done:
            line += f" ({t.percent}%)"
        if t.done_text.strip():
            line += f"; {t.done_text.strip().rstrip('.')}"
        results.append(line + ".")
    values = []
    for i in inds:
        line = f"- {i.name.rstrip('.;')}: {_value(i)}"
        if i.target_year:
            line += f" (chỉ tiêu năm {facts.year}: {i.target_year}; {i.status_label.lower()})"
        values.append(line + ".")
    return [
        {"key": "ket_qua", "title": "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "text": "\n".join(results)},
        {
            "key": "chi_tieu",
            "title": "II. KẾT QUẢ THỰC HIỆN CHỈ TIÊU",
            "text": "\n".join(values) or "Đơn vị không được giao chỉ tiêu.",
        },
        {
            "key": "kho_khan",
            "title": "III. KHÓ KHĂN, VƯỚNG MẮC",
            "text": unit.difficulties.strip() or "Không có.",
        },
        {
            "key": "de_xuat",
            "title": "IV. ĐỀ XUẤT, KIẾN NGHỊ",
            "text": unit.proposals.strip() or "Không có.",
        },
    ]


def unit_opening(facts: PeriodFacts, unit_name: str) -> str:
    return (
        f"Thực hiện {plan_reference(facts)} của {commune_body(facts)}, {unit_name} báo cáo "
        f"kết quả thực hiện các nhiệm vụ, chỉ tiêu được giao "
        f"{rules.period_phrase(facts.period_label)} như sau:"
    )


def unit_closing(facts: PeriodFacts, unit_name: str) -> str:
    return (
        f"Trên đây là báo cáo kết quả thực hiện {rules.period_phrase(facts.period_label)} "
        f"của {unit_name}./."
    )
