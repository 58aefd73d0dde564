"""The extractor against the hand-made gold files of the seed plans, in every format.

score.py is the shared yardstick (../shared/extraction); the goal is an overall score of
0.95 or more for every seed in each of its three formats.
"""

import importlib.util
import json

import pytest

from theodoi.ingest import extract_plan
from theodoi.ingest.tests.conftest import SHARED, seed

GOLD = sorted((SHARED / "extraction" / "gold").glob("*.json"))


def _score_module():
    spec = importlib.util.spec_from_file_location("score", SHARED / "extraction" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCORE = _score_module()


def test_every_seed_has_a_gold_file():
    assert [g.stem for g in GOLD] == ["000", "001", "003"]


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("gold", GOLD, ids=lambda g: g.stem)
def test_extraction_scores_at_least_095(gold, ext):
    plan = extract_plan(seed(gold.stem, ext))
    # The JSON must survive a round trip: it is what the web application stores.
    plan = json.loads(json.dumps(plan, ensure_ascii=False))
    rows = SCORE.score(plan, json.loads(gold.read_text(encoding="utf-8")))
    overall = rows["overall"][2]
    assert overall >= 0.95, {k: v for k, v in rows.items() if k != "overall"}
