"""The extractor against the hand-made gold files of the seed plans, in every format.

score.py is the shared yardstick (../shared/extraction); the goal is an overall score of
0.95 or more for every seed in each of its three formats.
"""

import json

import pytest

from theodoi.ingest import extract_plan
from theodoi.ingest.tests.conftest import score_module, seed, shared

SEEDS = ["000", "001", "003"]


def test_every_seed_has_a_gold_file():
    assert sorted(g.stem for g in shared("extraction", "gold").glob("*.json")) == SEEDS


@pytest.mark.parametrize("ext", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("stem", SEEDS)
def test_extraction_scores_at_least_095(stem, ext):
    plan = extract_plan(seed(stem, ext))
    # The JSON must survive a round trip: it is what the web application stores.
    plan = json.loads(json.dumps(plan, ensure_ascii=False))
    gold = json.loads(shared("extraction", "gold", f"{stem}.json").read_text(encoding="utf-8"))
    rows = score_module().score(plan, gold)
    overall = rows["overall"][2]
    assert overall >= 0.95, {k: v for k, v in rows.items() if k != "overall"}
