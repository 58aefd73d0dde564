"""Pictures of the rows records were read from."""

import struct
import zlib

import pytest

from theodoi.ingest import extract_plan
from theodoi.ingest.errors import ExtractionError
from theodoi.ingest.regions import render_regions
from theodoi.ingest.tests.conftest import seed


def _size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    idat = data.index(b"IDAT")
    length = struct.unpack(">I", data[idat - 4 : idat])[0]
    return width, height, zlib.decompress(data[idat + 4 : idat + 4 + length])


def test_a_rows_region_is_a_picture_of_that_row():
    path = seed("000", "pdf")
    plan = extract_plan(path)
    indicator = next(i for i in plan["indicators"] if i["code"] == "1")
    source = indicator["source"]
    assert source["page"] == 9 and source["text"].startswith("1 | Tỷ lệ phủ sóng 5G")
    left, top, right, bottom = source["box"]
    assert right - left > 400 and 20 < bottom - top < 150  # one row across the table
    width, height, pixels = _size_and_pixels(
        render_regions(path.read_bytes(), [(9, source["box"])])
    )
    assert width == round((right - left + 8) * 2) and height == round((bottom - top + 8) * 2)
    rows = [pixels[y * (width * 3 + 1) + 1 : (y + 1) * (width * 3 + 1)] for y in range(height)]
    dark = sum(1 for row in rows for i in range(0, len(row), 3) if row[i] < 100)
    assert dark > 200  # the row's text and rules are drawn, not a blank strip


def test_a_row_continued_on_the_next_page_stacks_both_pieces():
    path = seed("000", "pdf")
    box = (50.0, 100.0, 300.0, 130.0)
    one = _size_and_pixels(render_regions(path.read_bytes(), [(8, box)]))
    two = _size_and_pixels(render_regions(path.read_bytes(), [(8, box), (9, box)]))
    assert two[0] == one[0] and two[1] == 2 * one[1] + 2


def test_a_page_the_file_does_not_have_is_a_clear_error():
    with pytest.raises(ExtractionError, match="không có trang 99"):
        render_regions(seed("000", "pdf").read_bytes(), [(99, (0, 0, 10, 10))])
    with pytest.raises(ExtractionError):
        render_regions(b"not a pdf", [(1, (0, 0, 10, 10))])
