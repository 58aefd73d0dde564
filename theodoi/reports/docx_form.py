"""The administrative form of Nghị định 30/2020/NĐ-CP, Phụ lục I, as Word XML pieces: the
page, the type sizes, the drawn lines, the page-number field. Used by `docx_build` (which
writes the templates shipped with the project) and by `docx` (which fits the drawn lines
to the text after rendering).

Sizes chosen inside the decree's ranges: body 14 pt; Quốc hiệu 13 pt and Tiêu ngữ 14 pt
(one step apart, as the decree pairs them); the issuing body 13 pt; "Số:" 13 pt; the
place and date 14 pt italic; "Nơi nhận:" 12 pt bold italic, its list 11 pt; tables 12 pt.
Margins: top and bottom 20 mm, left 30 mm, right 15 mm; A4."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from docx.oxml import parse_xml
from docx.shared import Cm, Emu, Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
NATION_PT = 13  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
MOTTO_PT = 14  # Độc lập - Tự do - Hạnh phúc
ISSUER_PT = 13


class Heading(NamedTuple):
    """The two columns at the top of page 1 (cm) and their type sizes (pt)."""

    left_cm: float
    right_cm: float
    issuer_pt: int
    nation_pt: int
    motto_pt: int


# A commune's People's Committee fits its name at 13 pt. A unit or a Sở is issued under
# the body above it, two long lines ("UBND THÀNH PHỐ HẢI PHÒNG", "SỞ KHOA HỌC VÀ CÔNG
# NGHỆ"): the left column is wider and every size one step down, still inside the decree.
HEADINGS = {
    "commune": Heading(6.0, 10.5, ISSUER_PT, NATION_PT, MOTTO_PT),
    "unit": Heading(7.0, 9.5, 12, 12, 13),
    "province": Heading(7.0, 9.5, 12, 12, 13),
}
CELL_PADDING_CM = 0.38
NUMBER_PT = 13
RECIPIENTS_TITLE_PT = 12
RECIPIENTS_PT = 11
TABLE_PT = 12
PAGE_NUMBER_PT = 14

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP = MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT, MARGIN_RIGHT = Mm(30), Mm(15)
HEADER_DISTANCE = Mm(10)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)  # 165 mm
LANDSCAPE_TEXT_WIDTH = Emu(PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT)  # 252 mm
FIRST_LINE_INDENT = Cm(1)
PARAGRAPH_SPACING = Pt(6)

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# The drawn lines, found again by name after rendering.
LINE_MOTTO = "theodoi-duong-ke-tieu-ngu"
LINE_ISSUER = "theodoi-duong-ke-co-quan"
LINE_TITLE = "theodoi-duong-ke-trich-yeu"
LINE_ANNEX = "theodoi-duong-ke-phu-luc"

# Times New Roman Bold advance widths, thousandths of an em (Adobe's AFM; Liberation
# Serif, LibreOffice's stand-in, has the same metrics). Diacritics do not change a width.
_BOLD = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        [
            *(722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944),
            *(722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667),
            *(500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833),
            *(556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444),
            *([500] * 10),
        ],
        strict=True,
    )
)
_BOLD.update({" ": 250, "-": 333, "/": 278, ".": 250, ",": 250, ":": 333, "&": 833})
_BOLD.update({"(": 333, ")": 333, "Đ": 722, "đ": 556})


def bold_width(text: str, size_pt: float) -> float:
    """The width in points of `text` set in Times New Roman Bold at `size_pt`."""
    total = 0
    for ch in text:
        base = ch if ch in _BOLD else unicodedata.normalize("NFD", ch)[:1]
        total += _BOLD.get(base, 556)
    return total * size_pt / 1000


def emu(points: float) -> int:
    return int(points * 12700)


# Times New Roman's line, ascent and descent, in ems (single line spacing).
LINE_HEIGHT_EM = 1.107
LINE_GAP_PT = 5


def line_drop(size_pt: float, lines: int = 1) -> int:
    """How far below the top of a paragraph of `lines` lines of `size_pt` text its line is
    drawn: just under the last line's descenders."""
    return emu(lines * LINE_HEIGHT_EM * size_pt + LINE_GAP_PT)


def line_xml(name: str, width_emu: int, shape_id: int, drop_emu: int) -> str:
    """A horizontal line drawn as a shape (the decree: "sử dụng lệnh Draw, không dùng lệnh
    Underline"), centred on its column, `drop_emu` below the top of the paragraph holding
    it. Word reads the DrawingML shape; older readers the VML fallback."""
    pt = width_emu / 12700
    return f"""
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
 <w:rPr><w:noProof/></w:rPr>
 <mc:AlternateContent>
  <mc:Choice Requires="wps">
   <w:drawing>
    <wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0"
        relativeHeight="{251659264 + shape_id}" behindDoc="0" locked="0" layoutInCell="1"
        allowOverlap="1">
     <wp:simplePos x="0" y="0"/>
     <wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH>
     <wp:positionV relativeFrom="paragraph"><wp:posOffset>{drop_emu}</wp:posOffset></wp:positionV>
     <wp:extent cx="{width_emu}" cy="0"/>
     <wp:effectExtent l="0" t="0" r="0" b="0"/>
     <wp:wrapNone/>
     <wp:docPr id="{shape_id}" name="{name}"/>
     <wp:cNvGraphicFramePr/>
     <a:graphic>
      <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
       <wps:wsp>
        <wps:cNvCnPr/>
        <wps:spPr>
         <a:xfrm><a:off x="0" y="0"/><a:ext cx="{width_emu}" cy="0"/></a:xfrm>
         <a:prstGeom prst="line"><a:avLst/></a:prstGeom>
         <a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>
        </wps:spPr>
        <wps:bodyPr/>
       </wps:wsp>
      </a:graphicData>
     </a:graphic>
    </wp:anchor>
   </w:drawing>
  </mc:Choice>
  <mc:Fallback>
   <w:pict>
    <v:line id="{name}" from="0,0" to="{pt:.1f}pt,0" strokeweight=".75pt"
        style="position:absolute;mso-position-horizontal:center;mso-position-horizontal-relative:text;z-index:{shape_id}"/>
   </w:pict>
  </mc:Fallback>
 </mc:AlternateContent>
</w:r>"""


def add_line(paragraph, name, width_emu: int, shape_id: int, size_pt: float, lines=1) -> None:
    """Draw the line under the paragraph's text (`lines` lines set in `size_pt`)."""
    drop = line_drop(size_pt, lines)
    paragraph._p.append(parse_xml(line_xml(name, width_emu, shape_id, drop)))


def page_field_runs(paragraph) -> None:
    """PAGE as a field (begin, instruction, separate, shown value, end), so Word and
    LibreOffice print each page's own number."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {w}><w:t>2</w:t></w:r>",
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        paragraph._p.append(parse_xml(xml))
