"""The report files: the commune's report from its draft, a unit's own report, a province's
consolidated report, each through its template (`documents`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from theodoi.accounts.models import AdminUnit, Unit
from theodoi.lib.vntext import strip_diacritics
from theodoi.reports import consolidation, documents, drafting, rules, selectors
from theodoi.reports.facts import PeriodFacts
from theodoi.reports.models import ReportDraft
from theodoi.tracking.models import ReportingPeriod


def template_for(commune: AdminUnit, kind: str) -> bytes:
    """The commune's own template of this kind if it uploaded one, else the shipped one."""
    own = selectors.commune_templates(commune).get(kind)
    if own is not None:
        with own.file.open("rb") as f:
            return f.read()
    return documents.default_template(kind)


def _slug(text: str) -> str:
    return "-".join(strip_diacritics(text).lower().replace("/", " ").split())


def commune_filename(period: ReportingPeriod) -> str:
    return f"bao-cao-{_slug(period.plan.commune.name)}-{_slug(period.label)}.docx"


def _annex_line(symbol: str, number: str, day: dt.date | None, year: int, body: str) -> str:
    day_text = rules.date_line("", day, year=year).removeprefix(", ")
    number_text = rules.number_line(number, symbol).removeprefix("Số: ")
    return f"(Kèm theo Báo cáo số {number_text} {day_text} của {body})"


def commune_context(draft: ReportDraft) -> dict:
    facts = draft.facts
    year = facts["nam"]
    body = f"Ủy ban nhân dân {draft.period.plan.commune.division_type} {facts['dia_danh']}"
    sections = {s["key"]: s for s in draft.sections}
    return {
        "ten_co_quan": f"ỦY BAN NHÂN DÂN\n{facts['co_quan']}",
        "so_ky_hieu": rules.number_line(draft.number, "BC-UBND"),
        "dia_danh_ngay": rules.date_line(facts["dia_danh"], draft.issued_on, year=year),
        "trich_yeu": draft.title,
        "mo_dau": sections["mo_dau"]["text"],
        "muc": documents.sections_context(draft.sections),
        "ket_thuc": sections["ket_thuc"]["text"],
        "noi_nhan": documents.recipient_lines(draft.recipients),
        **documents.signature_context(
            authority=draft.signer_authority,
            deputy=draft.signer_deputy,
            title=draft.signer_title,
            name=draft.signer_name,
        ),
        "kem_theo": _annex_line("BC-UBND", draft.number, draft.issued_on, year, body),
        "nam": year,
        "ky_viet_hoa": rules.period_phrase(facts["ky"]).upper(),
        "phu_luc_chi_tieu": facts["phu_luc_chi_tieu"],
        "phu_luc_nhiem_vu": facts["phu_luc_nhiem_vu"],
    }


def commune_docx(draft: ReportDraft) -> bytes:
    template = template_for(draft.period.plan.commune, "commune")
    return documents.render(template, commune_context(draft))


def unit_context(facts: PeriodFacts, unit: Unit) -> dict:
    """A unit's report, issued by the unit under the commune's People's Committee."""
    symbol = "BC-" + rules.unit_symbol(unit.name)
    head = unit.name.split(" ")[0].lower()
    title = "TRƯỞNG PHÒNG" if head == "phòng" else "THỦ TRƯỞNG ĐƠN VỊ"
    phrase = rules.period_phrase(facts.period_label)
    return {
        "co_quan_cap_tren": f"UBND {facts.division_type.upper()} {facts.place.upper()}",
        "ten_co_quan": unit.name.upper(),
        "so_ky_hieu": rules.number_line("", symbol),
        "dia_danh_ngay": rules.date_line(facts.place, facts.today),
        "trich_yeu": f"Kết quả thực hiện {drafting.plan_reference(facts)} {phrase}",
        "mo_dau": drafting.unit_opening(facts, unit.name),
        "muc": documents.sections_context(drafting.unit_sections(facts, unit.pk)),
        "ket_thuc": drafting.unit_closing(facts, unit.name),
        "noi_nhan": documents.recipient_lines(
            f"{drafting.commune_body(facts)}"
            + (f" (qua {facts.standing_unit})" if facts.standing_unit else "")
            + "\nLưu: VT"
        ),
        **documents.signature_context(authority="", deputy="", title=title, name=""),
        "kem_theo": _annex_line(symbol, "", facts.today, facts.year, unit.name),
        "nam": facts.year,
        "ky_viet_hoa": phrase.upper(),
        "phu_luc_chi_tieu": drafting.indicator_annex(
            [i for i in facts.indicators if i.unit_pk == unit.pk]
        ),
        "phu_luc_nhiem_vu": drafting.task_annex([t for t in facts.tasks if t.unit_pk == unit.pk]),
    }


def unit_docx(period: ReportingPeriod, unit: Unit, today: dt.date | None = None) -> bytes:
    facts = selectors.period_facts(period, today)
    template = template_for(period.plan.commune, "unit")
    return documents.render(template, unit_context(facts, unit), "unit")


def unit_filename(period: ReportingPeriod, unit: Unit) -> str:
    return f"bao-cao-{_slug(unit.name)}-{_slug(period.label)}.docx"


def province_context(province: AdminUnit, year: int, today: dt.date) -> dict:
    periods = selectors.province_periods(province, year)
    all_facts = list(selectors.periods_facts(periods, today).values())
    lines = consolidation.commune_lines(all_facts)
    place = rules.province_place(province.name)
    where = province.name[:1].lower() + province.name[1:]
    symbol = "BC-SKHCN"
    return {
        "co_quan_cap_tren": f"UBND {province.name.upper()}",
        "ten_co_quan": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "so_ky_hieu": rules.number_line("", symbol),
        "dia_danh_ngay": rules.date_line(place, today),
        "trich_yeu": (
            f"Tổng hợp kết quả thực hiện kế hoạch triển khai Nghị quyết số 57-NQ/TW của các "
            f"xã, phường trên địa bàn {where} năm {year}"
        ),
        "mo_dau": (
            "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
            "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Sở "
            f"Khoa học và Công nghệ tổng hợp kết quả thực hiện kế hoạch của các xã, phường "
            f"trên địa bàn {where} năm {year} như sau:"
        ),
        "muc": documents.sections_context(
            consolidation.province_sections(province.name, year, all_facts, today)
        ),
        "ket_thuc": (
            f"Trên đây là báo cáo tổng hợp kết quả thực hiện năm {year} của các xã, phường "
            f"trên địa bàn {where}./."
        ),
        "noi_nhan": documents.recipient_lines(
            f"UBND {where}\nBộ Khoa học và Công nghệ\nUBND các xã, phường\nLưu: VT"
        ),
        **documents.signature_context(
            authority="KT. GIÁM ĐỐC", deputy="", title="PHÓ GIÁM ĐỐC", name=""
        ),
        "kem_theo": _annex_line(symbol, "", today, year, "Sở Khoa học và Công nghệ"),
        "nam": year,
        "ky_viet_hoa": f"NĂM {year}",
        "phu_luc_xa": consolidation.commune_annex(lines),
        "xa": [
            {
                "stt": str(n),
                "ten": f.commune,
                "chi_tieu": drafting.indicator_annex(f.indicators),
            }
            for n, f in enumerate(all_facts, start=1)
        ],
    }


def province_docx(province: AdminUnit, year: int, today: dt.date | None = None) -> bytes:
    context = province_context(province, year, today or timezone.localdate())
    return documents.render(documents.default_template("province"), context, "province")


def province_filename(province: AdminUnit, year: int) -> str:
    return f"bao-cao-tong-hop-{_slug(province.name)}-nam-{year}.docx"
