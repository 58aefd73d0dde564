"""Joining the pieces of a text that a page or column edge cut in two.

Word and LibreOffice break a word wider than a narrow table column wherever the column
ends, and a cell running over a page break continues on the next page; the pieces are
glued only when they cannot be whole Vietnamese syllables.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_VOWELS = set("aeiouyAEIOUY")


@lru_cache(maxsize=16384)
def is_voiceless(token: str) -> bool:
    """A letter chunk without any vowel: no Vietnamese syllable looks like that."""
    letters = [ch for ch in unicodedata.normalize("NFD", token) if ch.isalpha()]
    return bool(letters) and not any(ch in _VOWELS for ch in letters)


def closes_math(before: str, line: str) -> bool:
    """A "$" opening a line closes a LaTeX span left open ("$\\geq 95\\%" / "$"); the
    plans carry such text literally and the analyser reads it whole."""
    return line.startswith("$") and before.count("$") % 2 == 1


def join_continued(left: str, right: str) -> str:
    """Joins the two pieces of a cell cut by a page break (text at the bottom of one page,
    text in the continuation row on the next). A narrow column can break a word there
    too ("Phòn" / "g Kinh tế", "KHCN" / ", ĐMST"); without the geometry only pieces that
    cannot be whole syllables, or punctuation that never opens a line, are glued."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left or right
    head = right.split(" ", 1)[0]
    tail = re.split(r"[^\w]", left.rsplit(" ", 1)[-1])[-1]
    glue = (
        right[0] in ",.;:!?)]%…"
        or closes_math(left, right)
        or (
            left[-1].isalpha()
            and right[0].isalpha()
            and (
                (head.islower() and is_voiceless(head.rstrip(",.;:)")))
                or (tail.islower() and is_voiceless(tail))
            )
        )
    )
    return left + right if glue else f"{left} {right}"
