"""A synthetic plan of the genre from a random seed, with its gold in FORMAT.md's shape.

`generate(seed)` decides everything with one `random.Random(seed)`: who issues the plan
(a commune, a ward, a special zone, a province or a centrally-run city), how its header,
objectives, body, organisation and signature are written, and which appendices it has
(`appendix.py`). The gold is written beside each choice, by FORMAT.md's rules, never
read back from a rendering.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from theodoi.ingest.tests.layouts import vocabulary as V
from theodoi.ingest.tests.layouts.appendix import Appendices
from theodoi.ingest.tests.layouts.model import Cell, Grid, Para, Variant

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = "abcdđeghik"


@dataclass
class Issuer:
    level: str  # "commune" | "province"
    kind: str  # "xã", "phường", "đặc khu", "tỉnh", "thành phố"
    name: str

    @property
    def committee(self) -> str:
        return f"Ủy ban nhân dân {self.kind} {self.name}"

    @property
    def short(self) -> str:
        return f"UBND {self.kind} {self.name}"

    def units(self) -> list[str]:
        units = V.PROVINCE_UNITS if self.level == "province" else V.COMMUNE_UNITS
        return [_local(u, self.kind) for u in units]

    def coordinators(self) -> list[str]:
        if self.level == "province":
            return V.PROVINCE_COORDINATORS
        return [_local(c, self.kind) for c in V.COMMUNE_COORDINATORS]


def generate(seed: int) -> Variant:
    return _Plan(seed).build()


class _Plan:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        # draws for the variations added later, so that adding one leaves every other
        # choice of a seed's plan as it was
        self.more = random.Random(f"more-{seed}")
        self._draws: dict[str, random.Random] = {}
        self.variant = Variant(seed=seed)
        self.gold: dict = {
            "meta": {},
            "objectives": [],
            "body_items": [],
            "indicators": [],
            "tasks": [],
        }
        self.variant.gold = self.gold
        rng = self.rng
        if rng.random() < 0.3:
            kind, name = rng.choice(V.PROVINCES)
            self.issuer = Issuer("province", kind, name)
        else:
            kind, name = rng.choice(V.COMMUNES)
            self.issuer = Issuer("commune", kind, name)
        self.trait(f"issuer-{self.issuer.level}")
        self.number = f"{rng.randint(1, 350)}/KH-UBND"
        self.year = rng.choice([2025, 2025, 2026])
        self.month = rng.randint(1, 12) if self.year == 2026 else rng.randint(4, 12)
        self.day = rng.randint(1, 28)

    # -- helpers ------------------------------------------------------------------------

    def trait(self, name: str) -> None:
        self.variant.traits.add(name)

    def draws(self, variation: str) -> random.Random:
        """A generator of its own for a variation added later, so that adding one
        leaves every other choice of a seed's plan as it was."""
        if variation not in self._draws:
            self._draws[variation] = random.Random(f"{variation}-{self.variant.seed}")
        return self._draws[variation]

    def add(self, *blocks) -> None:
        self.variant.blocks.extend(blocks)

    def para(self, text: str, **kw) -> None:
        self.add(Para(text, **kw))

    def person(self) -> str:
        rng = self.rng
        return f"{rng.choice(V.SURNAMES)} {rng.choice(V.MIDDLE)} {rng.choice(V.GIVEN)}"

    def pick(self, items: list, k: int) -> list:
        return self.rng.sample(items, min(k, len(items)))

    # -- the plan -------------------------------------------------------------------------

    def build(self) -> Variant:
        number_shown, date_shown = self.header()
        self.preamble()
        parts = self.parts()
        for code, part in zip(ROMAN, parts, strict=False):
            part(code)
        self.closing()
        appendices = Appendices(self, number_shown, date_shown)
        appendices.build()
        meta = self.gold["meta"]
        meta.update(
            doc_number=self.number if number_shown or appendices.number_in_caption else None,
            issue_date=(
                f"{self.year}-{self.month:02d}-{self.day:02d}"
                if date_shown or appendices.date_in_caption
                else None
            ),
        )
        return self.variant

    def header(self) -> tuple[bool, bool]:
        rng, issuer = self.rng, self.issuer
        number_shown = rng.random() < 0.6
        date_shown = number_shown or rng.random() < 0.3
        if issuer.level == "province":
            agency = f"ỦY BAN NHÂN DÂN\n{issuer.kind.upper()} {issuer.name.upper()}"
        else:
            agency = rng.choice(
                [
                    f"ỦY BAN NHÂN DÂN\n{issuer.kind.upper()} {issuer.name.upper()}",
                    f"UBND {issuer.kind.upper()} {issuer.name.upper()}",
                ]
            )
        motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        number = f"Số: {self.number}" if number_shown else "Số:      /KH-UBND"
        day = str(self.day) if date_shown else "     "
        place = f"{issuer.name}, ngày {day} tháng {self.month} năm {self.year}"
        if rng.random() < 0.75:
            self.trait("header-table")
            self.add(
                Grid(
                    rows=[
                        [Cell(agency, bold=True), Cell(motto, bold=True)],
                        [Cell(number), Cell(place)],
                    ],
                    widths=[2, 3],
                    ruled=False,
                )
            )
        else:
            for text in agency.split("\n") + motto.split("\n"):
                self.para(text, bold=True, center=True)
            self.para(number)
            self.para(place)
        meta = self.gold["meta"]
        meta.update(locality=issuer.name, locality_type=issuer.kind)
        self.para("KẾ HOẠCH", bold=True, center=True)
        title = rng.choice(
            [
                "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
                "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
                f"Triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị trên địa bàn "
                f"{issuer.kind} {issuer.name} năm {self.year + 1}",
                "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số giai đoạn "
                "2026 - 2030",
            ]
        )
        self.para(title, bold=True, center=True)
        return number_shown, date_shown

    def preamble(self) -> None:
        rng = self.rng
        bases = self.pick(V.LEGAL_BASES, rng.randint(2, 4))
        if rng.random() < 0.5:
            for base in bases:
                self.para(f"Căn cứ {base};")
        else:
            self.para("Thực hiện " + "; ".join(bases) + ";")
        self.para(
            f"{self.issuer.committee} ban hành Kế hoạch thực hiện với các nội dung cụ thể như sau:"
        )

    def parts(self) -> list:
        parts = [self.purpose, self.objectives, self.body, self.organisation]
        if self.rng.random() < 0.4:
            parts.insert(3, self.budget)
        return parts

    def heading(self, code: str, title: str) -> None:
        self.para(f"{code}. {title}", bold=True)

    def purpose(self, code: str) -> None:
        self.heading(code, "MỤC ĐÍCH, YÊU CẦU")
        self.para("1. Mục đích", bold=True)
        for text in self.pick(V.PURPOSES, 2):
            self.para(f"- {text}")
        self.para("2. Yêu cầu", bold=True)
        for text in self.pick(V.PURPOSES, 2):
            self.para(f"- {text}")

    # -- objectives -----------------------------------------------------------------------

    def objectives(self, code: str) -> None:
        rng = self.rng
        self.heading(code, rng.choice(["MỤC TIÊU", "MỤC TIÊU CHỦ YẾU", "MỤC TIÊU, CHỈ TIÊU"]))
        general = self.pick(V.GENERAL_OBJECTIVES, rng.randint(1, 2))
        specific = self.pick(V.SPECIFIC_OBJECTIVES, rng.randint(3, 6))
        out = self.gold["objectives"]
        style = rng.choice(["numbered", "upper", "plain", "bullets"])
        self.trait(f"objectives-{style}")
        if style == "plain":
            # one objective a paragraph, under short sub-labels that only title them
            labels = self.pick(V.OBJECTIVE_LABELS, 2)
            cut = len(specific) // 2
            for label, group in (
                (labels[0], general + specific[:cut]),
                (labels[1], specific[cut:]),
            ):
                self.para(label, italic=True)
                for text in group:
                    self.para(text)
                    out.append({"text": text})
            return
        general_head = "Mục tiêu tổng quát" if style != "upper" else "MỤC TIÊU TỔNG QUÁT"
        specific_head = "Mục tiêu cụ thể" if style != "upper" else "MỤC TIÊU CỤ THỂ"
        self.para(f"1. {general_head}", bold=True)
        for n, text in enumerate(general, 1):
            self.para(f"({n}) {text}" if style != "bullets" else text)
            out.append({"text": text})
        self.para(f"2. {specific_head}", bold=True)
        for n, text in enumerate(specific, 1):
            self.para({"bullets": f"- {text}"}.get(style, f"({n}) {text}"))
            out.append({"text": text})
        if rng.random() < 0.3:
            self.para("(Chi tiết các chỉ tiêu tại Phụ lục kèm theo Kế hoạch này).", italic=True)

    # -- the body: tasks and solutions ----------------------------------------------------

    def body(self, code: str) -> None:
        rng = self.rng
        self.heading(
            code,
            rng.choice(
                [
                    "NHIỆM VỤ, GIẢI PHÁP",
                    "NHIỆM VỤ VÀ GIẢI PHÁP",
                    "NỘI DUNG, NHIỆM VỤ",
                    "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM",
                    "NỘI DUNG",
                ]
            ),
        )
        titles = self.pick(V.SECTION_TITLES, rng.randint(3, 6))
        for s, title in enumerate(titles, 1):
            style = rng.choice(
                ["numbered", "numbered", "bullets", "letters", "paragraph", "subsections",
                 "lettered-heads", "intro"]
            )  # fmt: skip
            self.trait(f"body-{style}")
            self.para(f"{s}. {title}", bold=True)
            getattr(self, f"_body_{style.replace('-', '_')}")(str(s), title)

    def _item(self, code: str, section: str, title: str, text: str) -> None:
        self.gold["body_items"].append(
            {"code": code, "section_code": section, "section_title": title, "text": text}
        )

    def _sentences(self, k: int) -> list[str]:
        """Sentences no other item of the body uses."""
        if not hasattr(self, "_deck"):
            made = [
                f"{verb} {obj}{tail}."
                for verb, obj, tail in zip(
                    self.rng.sample(V.TASK_VERBS, 20),
                    self.rng.sample(V.TASK_OBJECTS, 20),
                    [self.rng.choice(V.TASK_TAILS) for _ in range(20)],
                    strict=True,
                )
            ]
            self._deck = V.BODY_SENTENCES + made
            self.rng.shuffle(self._deck)
        return [self._deck.pop() for _ in range(min(k, len(self._deck)))]

    def _body_numbered(self, s: str, title: str) -> None:
        for i, text in enumerate(self._sentences(self.rng.randint(2, 4)), 1):
            more = self._sentences(1)[0] if self.rng.random() < 0.2 else None
            self.para(f"{s}.{i}. {text}")
            if more:
                self.para(more)  # a paragraph that goes on with the item
            self._item(f"{s}.{i}", s, title, f"{text} {more}" if more else text)

    def _body_bullets(self, s: str, title: str) -> None:
        for i, text in enumerate(self._sentences(self.rng.randint(2, 4)), 1):
            self.para(f"- {text}")
            self._item(f"{s}.{i}", s, title, text)

    def _body_letters(self, s: str, title: str) -> None:
        for letter, text in zip(LETTERS, self._sentences(self.rng.randint(2, 6)), strict=False):
            self.para(f"{letter}) {text}")
            self._item(f"{s}.{letter}", s, title, text)

    def _body_paragraph(self, s: str, title: str) -> None:
        texts = self._sentences(self.rng.randint(1, 2))
        for text in texts:
            self.para(text)
        self._item(s, s, title, " ".join(texts))

    def _body_subsections(self, s: str, title: str) -> None:
        for j, sub in enumerate(self.pick(V.SUB_TITLES, self.rng.randint(2, 3)), 1):
            code = f"{s}.{j}"
            self.para(f"{code}. {sub}", italic=True)
            if self.rng.random() < 0.3:
                text = self._sentences(1)[0]
                self.para(text)
                self._item(code, code, sub, text)
                continue
            for k, text in enumerate(self._sentences(self.rng.randint(2, 3)), 1):
                self.para(f"- {text}")
                self._item(f"{code}.{k}", code, sub, text)

    def _body_lettered_heads(self, s: str, title: str) -> None:
        for letter, sub in zip(LETTERS, self.pick(V.SUB_TITLES, 2), strict=False):
            code = f"{s}.{letter}"
            self.para(f"{letter}) {sub}:", italic=True)
            for k, text in enumerate(self._sentences(self.rng.randint(2, 3)), 1):
                self.para(f"- {text}")
                self._item(f"{code}.{k}", code, sub, text)

    def _body_intro(self, s: str, title: str) -> None:
        self.para(
            self.rng.choice(
                [
                    "Tập trung triển khai đồng bộ các nhiệm vụ trọng tâm như:",
                    "Các cơ quan, đơn vị chủ động thực hiện một số nội dung sau:",
                ]
            )
        )
        for i, text in enumerate(self._sentences(self.rng.randint(2, 4)), 1):
            self.para(f"- {text}")
            self._item(f"{s}.{i}", s, title, text)

    def budget(self, code: str) -> None:
        self.heading(code, "KINH PHÍ THỰC HIỆN")
        self.para(
            "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà nước theo phân cấp "
            "hiện hành và các nguồn huy động hợp pháp khác."
        )

    # -- organisation: the standing unit and the yearly report date -----------------------

    def organisation(self, code: str) -> None:
        rng, issuer = self.rng, self.issuer
        self.heading(code, "TỔ CHỨC THỰC HIỆN")
        units = issuer.units()
        standing = units[0] if issuer.level == "commune" else rng.choice(units[:2] + units[6:7])
        boss = issuer.short if issuer.level == "commune" else f"UBND {issuer.kind}"
        day, month = rng.choice([(10, 12), (30, 11), (15, 12), (25, 11), (5, 12)])
        deadline = rng.choice(["numeric", "words", "parenthesis", "two", "none"])
        style = rng.choice(["giao", "thuong-truc", "verb", "reports-to", "qua"])
        self.trait(f"standing-{style}")
        self.trait(f"report-date-{deadline}")
        when = {
            "numeric": f"trước ngày {day}/{month} hằng năm",
            "words": f"trước ngày {day} tháng {month} hằng năm",
            "parenthesis": f"hằng năm (trước ngày {day} tháng {month})",
            "two": f"định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày {day}/{month})",
            "none": "định kỳ hằng năm",
        }[deadline]
        others = "Các sở, ban, ngành" if issuer.level == "province" else "Các phòng, ban, đơn vị"
        if style == "reports-to":
            self.para(
                f"1. {others} căn cứ chức năng, nhiệm vụ chủ động triển khai thực hiện Kế hoạch; "
                f"báo cáo kết quả thực hiện {when} về {standing} để tổng hợp, báo cáo {boss}."
            )
        else:
            lead = {
                "giao": f"1. Giao {standing} chủ trì, phối hợp với các cơ quan, đơn vị liên quan "
                f"theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp, báo cáo {boss}.",
                "thuong-truc": f"1. {standing} là cơ quan thường trực, theo dõi, tổng hợp tình "
                f"hình thực hiện Kế hoạch; định kỳ báo cáo {boss}.",
                "verb": f"1. {standing} tổng hợp, theo dõi, đôn đốc các cơ quan, đơn vị triển "
                f"khai Kế hoạch; tham mưu {boss} sơ kết, tổng kết.",
                "qua": f"1. Các cơ quan, đơn vị kịp thời phản ánh khó khăn, vướng mắc về {boss} "
                f"(qua {standing}) để tổng hợp, báo cáo.",
            }[style]
            self.para(lead)
            self.para(
                f"2. {others} căn cứ nhiệm vụ được giao xây dựng kế hoạch cụ thể; báo cáo kết "
                f"quả thực hiện {when}."
            )
        self.para(
            "3. Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị "
            "kịp thời báo cáo để xem xét, điều chỉnh cho phù hợp./."
        )
        self.gold["meta"]["standing_unit"] = standing
        self.gold["meta"]["report_deadline"] = (
            None if deadline == "none" else {"day": day, "month": month}
        )

    # -- signature ------------------------------------------------------------------------

    def closing(self) -> None:
        rng = self.rng
        signer = self.person()
        self.gold["meta"]["signer"] = signer
        titles = rng.choice(
            [
                ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
                ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            ]
        )
        recipients = [
            "Nơi nhận:",
            f"- Thường trực {self.issuer.short};",
            "- Như mục III;",
            "- Lưu: VT.",
        ]
        sign = [*titles, "(Đã ký)" if rng.random() < 0.2 else "", signer]
        sign = [s for s in sign if s] if rng.random() < 0.5 else sign
        if rng.random() < 0.7:
            self.trait("signature-table")
            self.add(
                Grid(
                    rows=[[Cell("\n".join(recipients)), Cell("\n".join(sign), bold=True)]],
                    widths=[1, 1],
                    ruled=False,
                )
            )
        else:
            for text in recipients:
                self.para(text, italic=text.endswith(":"))
            for text in sign:
                if text:
                    self.para(text, bold=text != signer, center=True)


def _local(unit: str, kind: str) -> str:
    """ "Công an xã" of a ward is "Công an phường" ("chính trị - xã hội" stays)."""
    return unit[: -len(" xã")] + f" {kind}" if unit.endswith(" xã") else unit
