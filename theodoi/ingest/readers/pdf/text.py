"""Text as PDFs spell it: hyphen marks, ligatures, bullet glyphs, invisible characters."""

from __future__ import annotations

import re
import unicodedata

# List bullets from Symbol/Wingdings fonts come out as private-use characters or as
# assorted dingbats; the plans (and the Word reader) write a bullet as "-"
BULLET_GLYPH = re.compile(r"^[\uf000-\uf0ff•●▪■◦○♦❖➢➤►▸‣⁃∙·]\s*")

# pdfium's mark for a hyphen it saw at the end of a line
HYPHEN_MARK = "\ufffe"
# soft hyphens: the word was only broken for the line
_SOFT_HYPHENS = ("\u00ad", "\x02")

# Ligatures a font may map to single code points, and invisible characters that would
# split words for the analyser's searches
_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
        "\x00": "",
    }
)


def clean_text(text: str) -> str:
    """The text of a paragraph or cell: marks resolved, white space folded, NFC."""
    text = text.replace("\x02", "-").replace(HYPHEN_MARK, "-").replace("\u00ad", "")
    text = text.translate(_TRANSLATE)
    text = re.sub(r"\s+", " ", text).strip()
    text = BULLET_GLYPH.sub("- ", text)
    return unicodedata.normalize("NFC", text)


def join_wrapped(lines: list[str]) -> str:
    """Lines a paragraph or cell was wrapped into, as one text: a space between lines,
    none where a word or a hyphenated token was broken at the line's end."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out.endswith(HYPHEN_MARK):
            out = out[:-1] + "-"
        if not out:
            out = line
        elif out.endswith(_SOFT_HYPHENS):
            out = out[:-1] + line
        elif re.search(r"\w-$", out) and line[:1].isalnum():
            out += line  # "89-" "CTr/TU": a hyphenated token broke after its hyphen
        else:
            out += " " + line
    return out
