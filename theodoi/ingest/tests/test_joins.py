"""Pieces of a text cut by a page or column edge, joined."""

import pytest

from theodoi.ingest.joins import join_continued


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("Phòn", "g Kinh tế", "Phòng Kinh tế"),
        ("phươ", "ng thức giáo dục", "phương thức giáo dục"),
        ("Tỉ l", "ệ chi cho", "Tỉ lệ chi cho"),
        ("Tỷ lệ chi cho KHCN", ", ĐMST, CDS", "Tỷ lệ chi cho KHCN, ĐMST, CDS"),
        (
            "Cơ quan chủ trì thực hiện, theo dõi, đánh",
            "giá",
            "Cơ quan chủ trì thực hiện, theo dõi, đánh giá",
        ),
        (
            "Triển khai ứng dụng AI trợ lý ảo cho cán bộ, công",
            "chức và người dân",
            "Triển khai ứng dụng AI trợ lý ảo cho cán bộ, công chức và người dân",
        ),
        ("Tỷ lệ chi cho KHCN", "ĐMST", "Tỷ lệ chi cho KHCN ĐMST"),
        ("", "giá", "giá"),
    ],
)
def test_join_continued_glues_only_broken_words(left, right, joined):
    assert join_continued(left, right) == joined
