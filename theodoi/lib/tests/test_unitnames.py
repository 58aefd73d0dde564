"""Spellings of one unit share a key; similar names are suggested, best first."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.lib.unitnames import best_matches, name_parts, unit_key


@pytest.mark.parametrize(
    "names",
    [
        [
            "Phòng Văn hoá – Xã hội",
            "Phòng Văn hóa - Xã hội",
            "Phòng Văn hoá - Xã hội",
            "phòng Văn hoá - Xã hội xã",
            "Phòng Văn hóa - Xã hội xã",
            "Phòng Văn hóa - Xã hội phường",
            "PHÒNG VĂN HÓA - XÃ HỘI",
            "Phòng Văn hóa Xã hội",
            "Phòng Văn hóa và Xã hội",
            "Phòng VH-XH",
            "Phòng VH - XH",
            "Phòng VHXH",
            "P.VH-XH",
            "P. VH-XH",
            "phong van hoa xa hoi",
            "Phòng Văn hoá – Xã hội (cơ quan thường trực)",
            "Phòng Văn hoá – Xã hội.",
        ],
        [
            "Văn phòng HĐND & UBND phường",
            "Văn phòng HĐND và UBND",
            "Văn phòng HĐND và UBND xã",
            "VP HĐND-UBND",
            "VP HĐND&UBND",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
            "Văn phòng Hội đồng nhân dân và Uỷ ban nhân dân xã",
        ],
        [
            "Trung tâm Phục vụ Hành chính công",
            "Trung tâm phục vụ hành chính công",
            "Trung tâm phục vụ hành chính công xã",
            "Trung tâm hành chính công xã",
            "TTPVHCC",
            "TT PVHCC",
            "Trung tâm PVHCC",
            "Trung tâm HCC",
        ],
        ["Trung tâm Dịch vụ sự nghiệp công", "TT DVSNC", "TTDVSNC", "Trung tâm DVSNC xã"],
        ["Phòng Kinh tế", "Phòng Kinh tế xã", "Phòng KT", "P.KT", "phòng kinh tế phường"],
        [
            "Phòng Kinh tế, Hạ tầng và Đô thị",
            "Phòng Kinh tế - Hạ tầng - Đô thị",
            "Phòng KT-HT-ĐT",
            "Phòng KT, HT và ĐT",
            "Phòng Kinh tế, Hạ tầng và Đô thị phường",
        ],
        ["Công an xã", "Công an phường", "công an xã", "CA xã", "Công an"],
        ["Sở Khoa học và Công nghệ", "Sở Khoa học - Công nghệ", "Sở KH&CN", "Sở KHCN"],
        ["Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Sở GDĐT"],
        ["Trung tâm VH TT - TT", "Trung tâm Văn hoá- Thông tin – Truyền thông"],
        ["UBND xã", "Ủy ban nhân dân xã", "Uỷ ban nhân dân phường", "UBND"],
        ["UBMTTQVN", "Ủy ban MTTQ Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"],
        [
            "Các phòng, ban, ngành, đơn vị thuộc xã",
            "Các phòng, ban, ngành, đơn vị thuộc phường",
            "các phòng ban ngành đơn vị",
        ],
    ],
)
def test_spellings_of_one_unit_share_a_key(names):
    keys = {name: unit_key(name) for name in names}
    assert len(set(keys.values())) == 1, keys
    assert all(keys.values())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Kinh tế"),
        ("Công an xã", "Công an thành phố"),
        ("Công an xã", "Công an Thành phố"),
        ("Phòng Văn hóa - Xã hội", "Phòng Kinh tế"),
        ("Văn phòng HĐND và UBND", "UBND xã"),
        ("Trung tâm phục vụ hành chính công", "Trung tâm Dịch vụ sự nghiệp công"),
        ("Sở Nội vụ thành phố", "Sở Khoa học và Công nghệ"),
        ("Các đơn vị liên quan", "Các phòng, đơn vị thuộc phường"),
        ("TT HĐND xã", "Trung tâm HĐND"),
        ("Phòng Văn hóa - Xã hội", ""),
        ("", ""),
        (None, None),
    ],
)
def test_different_units(a, b):
    # Two names are one unit only when their keys are equal and not empty.
    assert not unit_key(a) or unit_key(a) != unit_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Phòng Văn hoá – Xã hội", "phong van hoa xa hoi"),
        ("Công an xã", "cong an"),
        ("Công an thành phố", "cong an thanh pho"),
        ("Văn phòng HĐND & UBND phường", "van phong hdnd ubnd"),
        ("Trung tâm phục vụ hành chính công xã", "trung tam phuc vu hanh chinh cong"),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "phong kinh te ha tang do thi"),
        ("Sở Khoa học và Công nghệ", "so khoa hoc cong nghe"),
        ("Các cơ quan chuyên môn, đơn vị liên quan.", "cac co quan chuyen mon don vi lien quan"),
        ("Các phòng, đơn vị thuộc phường", "cac phong don vi"),
        ("Các trường học trên địa bàn xã", "cac truong hoc"),
        ("Xã", "xa"),
        ("", ""),
        (None, ""),
    ],
)
def test_unit_key(name, key):
    assert unit_key(name) == key


def test_unit_key_ignores_unicode_form():
    nfd = unicodedata.normalize("NFD", "Phòng Văn hoá – Xã hội")
    assert unit_key(nfd) == unit_key("Phòng Văn hóa - Xã hội")


UNITS = [
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế",
    "Văn phòng HĐND và UBND",
    "Trung tâm phục vụ hành chính công",
    "Công an xã",
    "Trung tâm Dịch vụ sự nghiệp công",
]


@pytest.mark.parametrize(
    ("written", "best"),
    [
        ("Phòng VH-XH", "Phòng Văn hóa - Xã hội"),
        ("phòng Văn hoá - Xã hội xã", "Phòng Văn hóa - Xã hội"),
        ("P.VH-XH", "Phòng Văn hóa - Xã hội"),
        ("VP HĐND-UBND", "Văn phòng HĐND và UBND"),
        ("Văn phòng HĐND & UBND phường", "Văn phòng HĐND và UBND"),
        ("Trung tâm Phục vụ Hành chính công", "Trung tâm phục vụ hành chính công"),
        ("TT DVSNC", "Trung tâm Dịch vụ sự nghiệp công"),
        ("Công an phường", "Công an xã"),
        ("Phòng Kinh tế xã", "Phòng Kinh tế"),
    ],
)
def test_best_match_is_the_same_unit_with_full_score(written, best):
    matches = best_matches(written, UNITS)
    assert matches[0] == (best, 100.0)
    assert len(matches) == 3
    assert all(score < 100 for _, score in matches[1:])


def test_best_matches_near_spellings_rank_first():
    # a slip ("Văn hóa - Xả hội"), a missing word, a different order
    assert best_matches("Phòng Văn hóa - Xả hội", UNITS)[0][0] == "Phòng Văn hóa - Xã hội"
    assert best_matches("Văn phòng UBND", UNITS)[0][0] == "Văn phòng HĐND và UBND"
    assert best_matches("Trung tâm hành chính công", UNITS)[0] == (
        "Trung tâm phục vụ hành chính công",
        100.0,
    )
    top, score = best_matches("Phòng Kinh tế, Hạ tầng và Đô thị", UNITS)[0]
    assert top == "Phòng Kinh tế"
    assert 50 < score < 90  # a suggestion, not a match


def test_best_matches_scores_are_sorted_and_bounded():
    matches = best_matches("Phòng Văn hóa", UNITS, limit=10)
    scores = [s for _, s in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert len(matches) == len(UNITS)


def test_best_matches_limit_cutoff_and_empty_inputs():
    assert len(best_matches("Phòng Văn hóa - Xã hội", UNITS, limit=1)) == 1
    assert best_matches("Phòng Văn hóa - Xã hội", UNITS, limit=0) == []
    assert best_matches("", UNITS) == []
    assert best_matches(None, UNITS) == []
    assert best_matches("Phòng Văn hóa - Xã hội", []) == []
    assert best_matches("Phòng Văn hóa - Xã hội", ["", "  "]) == []
    assert best_matches("Phòng Văn hóa - Xã hội", UNITS, score_cutoff=99) == [
        ("Phòng Văn hóa - Xã hội", 100.0)
    ]


def test_best_matches_ties_keep_candidate_order_and_duplicates_once():
    candidates = ["Phòng Văn hoá – Xã hội", "Phòng Văn hóa - Xã hội", "Phòng Văn hoá – Xã hội"]
    assert best_matches("Phòng VH-XH", candidates) == [
        ("Phòng Văn hoá – Xã hội", 100.0),
        ("Phòng Văn hóa - Xã hội", 100.0),
    ]


def test_the_communes_own_name_does_not_spoil_a_match():
    assert unit_key("Công an xã Thái Tân", locality="Thái Tân") == unit_key("Công an")
    assert unit_key("Phòng Văn hoá - Xã hội xã Thái Tân", locality="Thái Tân") == unit_key(
        "Phòng VH-XH"
    )
    assert unit_key("Công an xã Thái Tân") != unit_key("Công an")


_NAME = st.text(
    alphabet=st.sampled_from(list("PhòngVănhoá–XãộiCông an;,.\n-&()UBNDHĐ ")), max_size=50
) | st.text(max_size=50)


@given(_NAME, st.lists(_NAME, max_size=5))
def test_any_text_matches_with_bounded_scores(name, candidates):
    for candidate, score in best_matches(name, candidates):
        assert candidate in candidates
        assert 0 <= score <= 100


def test_name_parts_cuts_a_cell_listing_several_units():
    assert name_parts("Phòng Văn hoá – Xã hội, Công an xã") == [
        "Phòng Văn hoá – Xã hội",
        "Công an xã",
    ]
    assert name_parts("Phòng Kinh tế; Trạm y tế và Công an") == [
        "Phòng Kinh tế",
        "Trạm y tế",
        "Công an",
    ]
    assert name_parts("Phòng Kinh tế") == ["Phòng Kinh tế"]
    assert name_parts("") == []
