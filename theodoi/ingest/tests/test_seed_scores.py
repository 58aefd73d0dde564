"""The extractor against the hand-made gold files of the seed plans, in every format.

score.py is the shared yardstick (../shared/extraction); the goal is an overall score of
0.95 or more for every seed in each of its three formats.
"""

import json

import pytest

from theodoi.ingest import extract_plan
from theodoi.ingest.bench import pdf_plain_text
from theodoi.ingest.tests.conftest import score_module, seed, shared

SEEDS = ["000", "001", "003"]


def test_every_seed_has_a_gold_file():
    assert sorted(g.stem for g in shared("extraction", "gold").glob("*.json")) == SEEDS


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("stem", SEEDS)
def test_extraction_scores_at_least_095(stem, ext):
    _assert_scores(extract_plan(seed(stem, ext)), stem, 0.95)


# The seed PDFs' plain text as PDFium gives it (every cell on lines of its own, a form
# feed between pages), what a PDF-to-text tool or a copy-paste from a PDF viewer uploads.
# The goal is 0.95 as for the other formats; until the reader gets there, each seed keeps
# at least the level it reaches now.
PDF_TEXT_FLOOR = {"000": 0.92, "001": 0.99, "003": 0.90}


@pytest.mark.parametrize("stem", SEEDS)
def test_the_pdf_as_plain_text_keeps_its_level(stem, tmp_path):
    path = tmp_path / f"{stem}.pdf.txt"
    path.write_text(pdf_plain_text(seed(stem, "pdf")), encoding="utf-8")
    _assert_scores(extract_plan(path), stem, PDF_TEXT_FLOOR[stem])


def _assert_scores(plan: dict, stem: str, floor: float) -> None:
    # The JSON must survive a round trip: it is what the web application stores.
    plan = json.loads(json.dumps(plan, ensure_ascii=False))
    gold = json.loads(shared("extraction", "gold", f"{stem}.json").read_text(encoding="utf-8"))
    rows = score_module().score(plan, gold)
    overall = rows["overall"][2]
    assert overall >= floor, {k: v for k, v in rows.items() if k != "overall"}
