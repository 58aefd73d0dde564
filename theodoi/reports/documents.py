"""Reports as .docx: a template (the one shipped, or a commune's own) filled by docxtpl.

Why docxtpl: the layout lives in an ordinary Word file that a commune's clerk can open,
restyle and upload back, with Jinja tags where the figures go; python-docx alone would
put the layout in our code, out of the clerk's reach. Templates are user input, so they
run in Jinja's sandbox (no attribute tricks reaching Python internals) with escaping on
(an "&" or "<" typed by a unit cannot break the document's XML).

Context names are Vietnamese without diacritics, as a clerk reads them in Word."""

from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate, RichText
from jinja2 import TemplateError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from theodoi.lib.zipguard import ZipLimits, zip_problem
from theodoi.reports import docx_form as form
from theodoi.reports import rules
from theodoi.reports.docx_build import FILES

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
# Judged from the zip's directory before docxtpl inflates anything (theodoi/lib/zipguard).
TEMPLATE_ZIP_LIMITS = ZipLimits(max_total=50 * 1024 * 1024, max_members=2000)

COMMON_TAGS = {
    "ten_co_quan": "tên cơ quan ban hành",
    "so_ky_hieu": "số, ký hiệu văn bản",
    "dia_danh_ngay": "địa danh và ngày tháng",
    "trich_yeu": "trích yếu",
    "muc": "các mục I–IV của báo cáo",
    "noi_nhan": "nơi nhận",
    "chuc_vu": "chức vụ người ký",
    "nguoi_ky": "họ tên người ký",
}
REQUIRED_TAGS = {
    "commune": {
        **COMMON_TAGS,
        "phu_luc_chi_tieu": "bảng chỉ tiêu (Phụ lục I)",
        "phu_luc_nhiem_vu": "bảng nhiệm vụ (Phụ lục II)",
    },
    "unit": {
        **COMMON_TAGS,
        "phu_luc_chi_tieu": "bảng chỉ tiêu (Phụ lục I)",
        "phu_luc_nhiem_vu": "bảng nhiệm vụ (Phụ lục II)",
    },
    "province": {**COMMON_TAGS, "phu_luc_xa": "bảng các xã (Phụ lục I)"},
}
OPTIONAL_TAGS = {
    "co_quan_cap_tren": "cơ quan cấp trên",
    "mo_dau": "đoạn mở đầu",
    "ket_thuc": "đoạn kết thúc",
    "quyen_han": "thẩm quyền ký (TM., KT.)",
    "kem_theo": "dòng “Kèm theo Báo cáo số …” của phụ lục",
    "nam": "năm của kỳ báo cáo",
    "ky_viet_hoa": "kỳ báo cáo, chữ in hoa",
    "xa": "các bảng chỉ tiêu của từng xã (Phụ lục II)",
}


class ReportError(Exception):
    """A report that could not be made, with a Vietnamese message saying why."""


def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(autoescape=True)


def default_template(kind: str) -> bytes:
    return Path(FILES[kind]).read_bytes()


def _open(content: bytes) -> DocxTemplate:
    return DocxTemplate(io.BytesIO(content))


def template_problems(content: bytes, kind: str) -> list[str]:
    """Everything wrong with an uploaded template, in Vietnamese; [] when usable."""
    if len(content) > MAX_TEMPLATE_BYTES:
        return ["Tệp mẫu lớn hơn 10 MB; mẫu báo cáo thường chỉ vài chục KB."]
    if content[:4] == b"\xd0\xcf\x11\xe0":
        return ["Tệp là .doc (Word 97-2003): hãy mở trong Word và lưu lại dạng .docx."]
    if not zipfile.is_zipfile(io.BytesIO(content)):
        return ["Tệp không phải văn bản Word .docx."]
    bomb = zip_problem(content, TEMPLATE_ZIP_LIMITS)
    if bomb:
        return [f"Tệp mẫu bị từ chối: {bomb}"]
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            if "word/document.xml" not in z.namelist():
                return ["Tệp không phải văn bản Word .docx (không có nội dung văn bản)."]
        used = _open(content).get_undeclared_template_variables(jinja_env=_env())
    except TemplateError as err:
        return [f"Mẫu có thẻ viết sai cú pháp: {err.message or err}."]
    except Exception:  # a broken zip or XML: say so rather than fail
        return ["Không đọc được tệp mẫu: tệp .docx bị hỏng?"]
    required = REQUIRED_TAGS[kind]
    problems = rules.template_problems(
        used=used, required=required, known={*required, *OPTIONAL_TAGS}
    )
    if not problems:
        # Filling it once with sample values finds what reading the tags cannot: a loop
        # over the wrong thing, a filter that does not exist, a sandbox violation.
        try:
            render(content, sample_context(kind), kind)
        except ReportError as err:
            problems.append(str(err))
    return problems


def sample_context(kind: str) -> dict:
    """Values of the right shape for every tag, to try a template with."""
    row = {"nhom": False, "stt": "1", "ten": "Mẫu"}
    context = {name: "Mẫu" for name in {*REQUIRED_TAGS[kind], *OPTIONAL_TAGS}}
    context.update(
        muc=[{"tieu_de": "I. MẪU", "doan": rich_paragraphs("1. Mẫu\nMẫu.")}],
        noi_nhan=["- Mẫu;", "- Lưu: VT."],
        phu_luc_chi_tieu=[row],
        phu_luc_nhiem_vu=[row],
        phu_luc_xa=[row],
        xa=[{"stt": "1", "ten": "Mẫu", "chi_tieu": [row]}],
        nam=2026,
    )
    return context


def render(template: bytes, context: dict, kind: str = "commune") -> bytes:
    """The filled document; `ReportError` when the template cannot be filled."""
    doc = _open(template)
    try:
        doc.render(context, jinja_env=_env(), autoescape=True)
    except SecurityError as err:
        raise ReportError("Mẫu báo cáo dùng thẻ không được phép (vì lý do an toàn).") from err
    except TemplateError as err:
        raise ReportError(f"Không điền được mẫu báo cáo: {err.message or err}.") from err
    _fit_lines(doc.docx, context, form.HEADINGS[kind])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _set_line(body, name: str, width_pt: float, drop_emu: int) -> None:
    cx = str(form.emu(width_pt))
    for doc_pr in body.iter(qn("wp:docPr")):
        if doc_pr.get("name") != name:
            continue
        anchor = doc_pr.getparent()
        anchor.find(qn("wp:extent")).set("cx", cx)
        for ext in anchor.iter(qn("a:ext")):
            ext.set("cx", cx)
        anchor.find(qn("wp:positionV")).find(qn("wp:posOffset")).text = str(drop_emu)
    for line in body.iter("{urn:schemas-microsoft-com:vml}line"):
        if line.get("id") == name:
            line.set("to", f"{width_pt:.1f}pt,0")


def _lines(width_pt: float, room_pt: float) -> int:
    # Words wrap before the edge: a line holds a little less than the room it has.
    return max(1, math.ceil(width_pt / (room_pt * 0.99)))


def _fit_lines(document, context: dict, heading: form.Heading) -> None:
    """The decree sizes two lines by the text above them: 1/3 to 1/2 of the issuing
    body's name and of the trích yếu. We take 2/5 of the longer line of each, and draw
    each under the text's last line however many lines the text runs to."""
    body = document.element.body
    issuer = str(context.get("ten_co_quan", ""))
    if issuer:
        room = Cm(heading.left_cm - form.CELL_PADDING_CM).pt
        widths = [form.bold_width(line, heading.issuer_pt) for line in issuer.split("\n")]
        lines = sum(_lines(w, room) for w in widths)
        drop = form.line_drop(heading.issuer_pt, lines)
        _set_line(body, form.LINE_ISSUER, 0.4 * min(max(widths), room), drop)
    title = str(context.get("trich_yeu", ""))
    if title:
        room = form.TEXT_WIDTH.pt
        width = form.bold_width(title, form.BODY_PT)
        drop = form.line_drop(form.BODY_PT, _lines(width, room))
        _set_line(body, form.LINE_TITLE, 0.4 * min(width, room), drop)


# --- Contexts ---------------------------------------------------------------------------------


def rich_paragraphs(text: str) -> list[RichText]:
    """A section's text as the paragraphs of the document; headings in bold."""
    out = []
    for p in rules.paragraphs(text):
        rt = RichText()
        rt.add(p.text, bold=p.bold)
        out.append(rt)
    return out


def sections_context(sections: list[dict]) -> list[dict]:
    return [
        {"tieu_de": s["title"], "doan": rich_paragraphs(s["text"])}
        for s in sections
        if s.get("title")
    ]


def recipient_lines(text: str) -> list[str]:
    """ "- Sở Khoa học và Công nghệ;" … "- Lưu: VT, VHXH.": the decree's list, each line
    opened by a dash, closed by a semicolon, the last by a full stop."""
    items = [line.strip(" -;.\t") for line in (text or "").splitlines()]
    items = [i for i in items if i]
    return [f"- {item}{'.' if n == len(items) - 1 else ';'}" for n, item in enumerate(items)]


def signature_context(*, authority: str, deputy: str, title: str, name: str) -> dict:
    return {
        "quyen_han": "\n".join(x.strip().upper() for x in (authority, deputy) if x.strip()),
        "chuc_vu": title.strip().upper(),
        "nguoi_ky": name.strip(),
    }
