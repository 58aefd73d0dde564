import unicodedata

import pytest

from theodoi.lib.vntext import clean, compare_key, listing, search_key


def test_clean_makes_nfc():
    decomposed = unicodedata.normalize("NFD", "Văn hóa")
    assert clean(decomposed) == "Văn hóa"
    assert unicodedata.is_normalized("NFC", clean(decomposed))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"$\geq 70\%$", "≥ 70%"),
        (r"$\geq 95\%$", "≥ 95%"),
        ("**Giao phòng Văn hoá – Xã hội**", "Giao phòng Văn hoá – Xã hội"),
        ("*qua phòng Văn hoá*", "qua phòng Văn hoá"),
        ("  Phòng \t Kinh tế\n xã ", "Phòng Kinh tế xã"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_removes_artefacts_and_folds_space(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phòng Văn hoá – Xã hội", "Phòng Văn hóa - Xã hội"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("thuỷ lợi", "thủy lợi"),
        ("KHOÁ HỌC", "khóa học"),
        ("hoà bình", "hòa bình"),
        ("Xoè", "xòe"),
    ],
)
def test_compare_key_treats_tone_placements_as_one(a, b):
    assert compare_key(a) == compare_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("quý", "qúy"),  # "qu" is a consonant: the tone stays on y
        ("hoạch", "họach"),  # closed syllable: the tone belongs on a
        ("Văn hóa", "Văn hoa"),
    ],
)
def test_compare_key_keeps_real_differences(a, b):
    assert compare_key(a) != compare_key(b)


def test_search_key_ignores_diacritics():
    assert search_key("Phòng Văn hóa - Xã hội") == "phong van hoa - xa hoi"
    assert search_key("Đổi mới sáng tạo") == "doi moi sang tao"
    assert search_key("van hoa") in search_key("Trung tâm Văn hoá – Thông tin")


def test_listing_names_the_first_items_and_counts_the_rest():
    assert listing(["1", "2"]) == "1, 2"
    assert listing([str(i) for i in range(10)], 3) == "0, 1, 2 và 7 dòng khác"
    assert listing(["a", "b", "c"], 1, more="tên khác") == "a và 2 tên khác"
