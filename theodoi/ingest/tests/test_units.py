"""Units as the seed plans write them: splitting a cell into unit names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.ingest.units import split_units


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # commas never split: each of these is one unit
        ("Các phòng, ban, ngành, đơn vị thuộc xã", ["Các phòng, ban, ngành, đơn vị thuộc xã"]),
        ("Các phòng, đơn vị thuộc phường", ["Các phòng, đơn vị thuộc phường"]),
        (
            "Các phòng, ban, ngành, đơn vị đơn vị liên quan",
            ["Các phòng, ban, ngành, đơn vị đơn vị liên quan"],
        ),
        (
            "Sở Khoa học và Công nghệ, các đơn vị liên quan",
            ["Sở Khoa học và Công nghệ, các đơn vị liên quan"],
        ),
        (
            "Các phòng chuyên môn, Trung tâm hành chính công xã",
            ["Các phòng chuyên môn, Trung tâm hành chính công xã"],
        ),
        # ";" splits; a trailing "." stays as written, a trailing ";" goes
        (
            "Sở Khoa học và Công nghệ; Các cơ quan chuyên môn, đơn vị liên quan.",
            ["Sở Khoa học và Công nghệ", "Các cơ quan chuyên môn, đơn vị liên quan."],
        ),
        ("Sở Y tế; Các đơn vị liên quan", ["Sở Y tế", "Các đơn vị liên quan"]),
        (
            "Sở Giáo dục và Đào tạo; đơn vị liên quan.",
            ["Sở Giáo dục và Đào tạo", "đơn vị liên quan."],
        ),
        (
            "Sở Khoa học - Công nghệ; Đơn vị liên quan",
            ["Sở Khoa học - Công nghệ", "Đơn vị liên quan"],
        ),
        (
            "Công an thành phố; Các cơ quan chuyên môn, đơn vị liên quan.",
            ["Công an thành phố", "Các cơ quan chuyên môn, đơn vị liên quan."],
        ),
        (
            "Các cơ quan chuyên môn, đơn vị thuộc xã; Công an xã",
            ["Các cơ quan chuyên môn, đơn vị thuộc xã", "Công an xã"],
        ),
        ("Công an xã;", ["Công an xã"]),
        ("Công an xã ; ", ["Công an xã"]),
        ("Phòng Văn hoá – Xã hội", ["Phòng Văn hoá – Xã hội"]),
        ("  Phòng   Kinh tế\t", ["Phòng Kinh tế"]),
        ("**Phòng Kinh tế**", ["Phòng Kinh tế"]),
        ("Phòng Kinh tế;;Công an xã", ["Phòng Kinh tế", "Công an xã"]),
        # line breaks: a new item when the next line starts one
        (
            "Sở Giáo dục và Đào tạo\nCác trường học trên địa bàn xã",
            ["Sở Giáo dục và Đào tạo", "Các trường học trên địa bàn xã"],
        ),
        ("- Phòng Kinh tế\n- Công an xã", ["Phòng Kinh tế", "Công an xã"]),
        ("+ Phòng Kinh tế\r\n+ Công an xã", ["Phòng Kinh tế", "Công an xã"]),
        ("1. Phòng Kinh tế\n2. Công an xã", ["Phòng Kinh tế", "Công an xã"]),
        # ... and not when the line was only wrapped
        ("Trung tâm phục vụ hành\nchính công", ["Trung tâm phục vụ hành chính công"]),
        ("Phòng Văn hóa - Xã hội\nxã", ["Phòng Văn hóa - Xã hội xã"]),
        ("Sở Khoa học và\nCông nghệ", ["Sở Khoa học và Công nghệ"]),
        ("Phòng Văn hóa -\nXã hội", ["Phòng Văn hóa - Xã hội"]),
        ("Các phòng, ban,\nĐơn vị liên quan", ["Các phòng, ban, Đơn vị liên quan"]),
        (
            "Sở Nội vụ thành phố;\nCác cơ quan chuyên môn",
            ["Sở Nội vụ thành phố", "Các cơ quan chuyên môn"],
        ),
        # nothing
        ("", []),
        (None, []),
        ("   ", []),
        (";", []),
        (" ; ; ", []),
        ("-", []),
    ],
)
def test_split_units(raw, expected):
    assert split_units(raw) == expected


# Any cell text, however odd, splits without raising.
_CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("PhòngVănhoá–XãộiCông an;,.\n-&()UBNDHĐ ")), max_size=50
) | st.text(max_size=50)


@given(_CELL_TEXT)
def test_any_text_splits_into_clean_items(raw):
    items = split_units(raw)
    for item in items:
        assert item == item.strip()
        assert ";" not in item
        assert "\n" not in item
        assert item


@pytest.mark.parametrize("name", ["VP UBND tỉnh", "VP HĐND-UBND", "BCH Quân sự xã"])
def test_units_abbreviated_in_narrow_columns_are_units(name):
    from theodoi.ingest.units import looks_like_unit

    assert looks_like_unit(name)
