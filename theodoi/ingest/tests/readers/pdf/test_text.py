"""How PDFs spell text: hyphen marks, soft hyphens, ligatures, bullet glyphs."""

import pytest

from theodoi.ingest.readers.pdf.text import clean_text, join_wrapped


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Thực hiện Nghị quyết", "số 57-NQ/TW"], "Thực hiện Nghị quyết số 57-NQ/TW"),
        (["Chương trình số 89-", "CTr/TU"], "Chương trình số 89-CTr/TU"),
        (["chuyển đổi\u00ad", "số"], "chuyển đổisố"),
        (["KH\ufffe", "UBND"], "KH-UBND"),
        (["", "  một dòng  ", ""], "một dòng"),
    ],
)
def test_join_wrapped(lines, joined):
    assert join_wrapped(lines) == joined


def test_clean_text_resolves_marks_ligatures_and_bullets():
    assert clean_text("\uf0b7  hiệu\ufb01le  \u200bmới") == "- hiệufile mới"
    assert clean_text("Tỷ le\u0302\u0323") == "Tỷ lệ"  # NFC
