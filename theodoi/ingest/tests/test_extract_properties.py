"""Whatever the input, extract_plan gives a dict or an ExtractionError, nothing else."""

import itertools
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theodoi.ingest import ExtractionError, extract_plan
from theodoi.ingest.tests.conftest import seed

_counter = itertools.count()


def _seed_lines() -> list[bytes]:
    return seed("003", "txt").read_bytes().splitlines(keepends=True)


def _check(data: bytes, directory: Path, suffix: str = ".txt") -> None:
    # One fresh file per example: hypothesis reuses the function-scoped tmp directory.
    path = directory / f"ex{next(_counter)}{suffix}"
    path.write_bytes(data)
    try:
        plan = extract_plan(path)
    except ExtractionError as exc:
        message = str(exc)
        assert message and "\n" not in message
        # extract_plan wraps every crash as an ExtractionError "lỗi nội bộ ...", so a
        # bare "no other exception" would hold trivially: a wrapped crash is the bug.
        assert "lỗi nội bộ" not in message, message
        return
    finally:
        path.unlink(missing_ok=True)
    assert isinstance(plan, dict)
    assert plan["source"]["format"] in {"txt", "docx", "pdf"}
    assert isinstance(plan.get("warnings"), list)
    json.dumps(plan, ensure_ascii=False)  # the plan JSON must be JSON


# A mutation is (kind, position, position, junk); positions are fractions of the length
# so one strategy fits any text.
_mutation = st.tuples(
    st.sampled_from(["delete", "duplicate", "swap", "junk", "truncate"]),
    st.floats(0, 1),
    st.floats(0, 1),
    st.binary(min_size=1, max_size=16),
)


def _mutate(lines: list[bytes], mutations) -> bytes:
    lines = list(lines)
    for kind, a, b, junk in mutations:
        if not lines:
            break
        i = min(int(a * len(lines)), len(lines) - 1)
        j = min(int(b * len(lines)), len(lines) - 1)
        if kind == "delete":
            del lines[i : max(i + 1, j)]
        elif kind == "duplicate":
            lines[j:j] = lines[i : max(i + 1, j)][:50]
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "junk":
            line = lines[i]
            k = min(int(b * len(line)), len(line))
            lines[i] = line[:k] + junk + line[k:]
        else:
            data = b"".join(lines)
            cut = int(a * len(data))
            lines = data[:cut].splitlines(keepends=True)
    return b"".join(lines)


_settings = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@_settings
@given(mutations=st.lists(_mutation, min_size=1, max_size=8))
def test_mutated_seed_text(tmp_path, mutations):
    _check(_mutate(_seed_lines(), mutations), tmp_path)


@_settings
@given(text=st.text(max_size=2000))
def test_random_text(tmp_path, text):
    _check(text.encode("utf-8", errors="surrogatepass"), tmp_path)


@_settings
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "KẾ HOẠCH",
                    "Số: 18/KH-UBND",
                    "Thái Tân, ngày 18 tháng 8 năm 2025",
                    "II. NỘI DUNG",
                    "III. NHIỆM VỤ VÀ GIẢI PHÁP",
                    "1. Nâng cao nhận thức",
                    "1.1. Các phòng chuyên môn",
                    "- Tuyên truyền",
                    "PHỤ LỤC I",
                    "| TT | Chỉ tiêu | Năm 2025 | Năm 2030 |",
                    "| --- | --- | --- | --- |",
                    "| 1 | Tỷ lệ phủ sóng 5G | ≥60% | 100% |",
                    "| I | Đến năm 2030 | | |",
                    "TM. ỦY BAN NHÂN DÂN",
                    "CHỦ TỊCH",
                    "",
                ]
            ),
            st.text(max_size=80),
        ),
        max_size=60,
    )
)
def test_plan_shaped_random_text(tmp_path, lines):
    text = "\n".join(lines)
    _check(text.encode("utf-8", errors="surrogatepass"), tmp_path)


@_settings
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".docx", ".pdf", ""]))
def test_random_bytes(tmp_path, data, suffix):
    _check(data, tmp_path, suffix)
