"""Word's styles and automatic list numbers, as the .docx reader needs them: the bold a
paragraph inherits from its style, and the labels ("1.", "1.2.", "a)", "-") Word draws
before list paragraphs, which are not in the text but carry the items' codes."""

from __future__ import annotations

import contextlib
import functools
from typing import Any

from docx.oxml.ns import qn

from theodoi.ingest.numerals import to_roman

# Tag names are built once; qn() parses its argument on every call.
_qn = functools.cache(qn)
_W_VAL = _qn("w:val")
_W_PPR = _qn("w:pPr")
_W_RPR = _qn("w:rPr")

_FALSE = {"0", "false", "off", "none"}


def on(el) -> bool | None:
    """Value of a Word toggle property element (w:b, w:tblHeader ...), None when absent."""
    if el is None:
        return None
    return el.get(_W_VAL, "1").lower() not in _FALSE


class Styles:
    """Bold and list numbering inherited from paragraph and character styles."""

    def __init__(self, document) -> None:
        self._by_id: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_bold = False
        try:
            root = document.styles.element
        except Exception:  # a package without styles.xml is still readable
            return
        for st in root.iterchildren(_qn("w:style")):
            sid = st.get(_qn("w:styleId"))
            if sid:
                self._by_id[sid] = st
                if st.get(_qn("w:type")) == "paragraph" and on(st.find(_qn("w:default"))):
                    self.default_para = sid
        b = root.find(f"{_qn('w:docDefaults')}/{_qn('w:rPrDefault')}/{_W_RPR}/{_qn('w:b')}")
        self.default_bold = bool(on(b))
        self._bold: dict[str, bool | None] = {}
        self._num: dict[str, tuple[str, int] | None] = {}

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen and sid in self._by_id:
            seen.add(sid)
            st = self._by_id[sid]
            yield st
            based = st.find(_qn("w:basedOn"))
            sid = based.get(_W_VAL) if based is not None else None

    def bold(self, sid: str | None) -> bool | None:
        if not sid:
            return None
        if sid not in self._bold:
            value = None
            for st in self._chain(sid):
                value = on(st.find(f"{_W_RPR}/{_qn('w:b')}"))
                if value is not None:
                    break
            self._bold[sid] = value
        return self._bold[sid]

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        if not sid:
            return None
        if sid not in self._num:
            value = None
            for st in self._chain(sid):
                found = st.find(f"{_W_PPR}/{_qn('w:numPr')}")
                if found is not None:
                    value = num_pr(found)
                    break
            self._num[sid] = value
        return self._num[sid]


def num_pr(element) -> tuple[str, int] | None:
    """(list id, level) of a w:numPr element; None where it switches numbering off."""
    num_id = element.find(_qn("w:numId"))
    ilvl = element.find(_qn("w:ilvl"))
    if num_id is None:
        return None
    nid = num_id.get(_W_VAL, "0")
    if nid == "0":  # numId 0 switches numbering off
        return None
    try:
        level = int(ilvl.get(_W_VAL, "0")) if ilvl is not None else 0
    except ValueError:
        level = 0
    return nid, min(max(level, 0), 8)  # Word has nine list levels, 0-8


def _letter(n: int) -> str:
    # Word's letter numbering repeats the letter past z: a..z, aa..zz
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _fmt(n: int, fmt: str) -> str:
    if not 0 < n < 4000:  # a hostile start value must not build a megabyte label
        return str(n)
    if fmt == "upperRoman":
        return to_roman(n)
    if fmt == "lowerRoman":
        return to_roman(n).lower()
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


class ListLabels:
    """Word's automatic list labels ("1.", "1.2.", "a)", "-"), which are not in the
    paragraph text but carry the item codes the analyser reads."""

    def __init__(self, document) -> None:
        self._levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> level -> def
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract, starts)
        self._counters: dict[str, list[int]] = {}
        self._used: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering.xml: no automatic labels
            return
        for an in root.iterchildren(_qn("w:abstractNum")):
            aid = an.get(_qn("w:abstractNumId"))
            levels = {}
            for lvl in an.iterchildren(_qn("w:lvl")):
                try:
                    ilvl = int(lvl.get(_qn("w:ilvl"), "0"))
                    start_el = lvl.find(_qn("w:start"))
                    start = int(start_el.get(_W_VAL, "1")) if start_el is not None else 1
                except ValueError:
                    continue
                fmt_el = lvl.find(_qn("w:numFmt"))
                text_el = lvl.find(_qn("w:lvlText"))
                levels[ilvl] = {
                    "start": start,
                    "fmt": fmt_el.get(_W_VAL, "decimal") if fmt_el is not None else "decimal",
                    "text": text_el.get(_W_VAL, "") if text_el is not None else "",
                }
            self._levels[aid] = levels
        for num in root.iterchildren(_qn("w:num")):
            nid = num.get(_qn("w:numId"))
            an = num.find(_qn("w:abstractNumId"))
            if nid is None or an is None:
                continue
            starts = {}
            for ov in num.iterchildren(_qn("w:lvlOverride")):
                so = ov.find(_qn("w:startOverride"))
                if so is not None:
                    with contextlib.suppress(ValueError):
                        starts[int(ov.get(_qn("w:ilvl"), "0"))] = int(so.get(_W_VAL, "1"))
            self._nums[nid] = (an.get(_W_VAL), starts)

    def label(self, nid: str, level: int) -> str:
        if nid not in self._nums:
            return ""
        aid, starts = self._nums[nid]
        levels = self._levels.get(aid, {})
        lvl = levels.get(level)
        if lvl is None:
            return ""
        if lvl["fmt"] == "bullet":
            # Bullets are symbol-font glyphs; "-" is how the plans write bullets in text.
            return "-"
        if lvl["fmt"] == "none":
            return lvl["text"]
        # Lists sharing an abstract definition continue one another in Word unless the
        # num restarts it, so the counters belong to the abstract list.
        counters = self._counters.setdefault(aid, [])
        if nid not in self._used:
            self._used.add(nid)
            if starts:  # a num with a start override restarts the shared list there
                del counters[min(starts) :]
        while len(counters) <= level:
            d = len(counters)
            base = levels.get(d, {}).get("start", 1)
            counters.append(starts.get(d, base) - 1)
        counters[level] += 1
        del counters[level + 1 :]
        text = lvl["text"]
        for d in range(level, -1, -1):
            n = counters[d] if d < len(counters) else levels.get(d, {}).get("start", 1)
            fmt = levels.get(d, {}).get("fmt", "decimal")
            text = text.replace(f"%{d + 1}", _fmt(n, fmt))
        return text
