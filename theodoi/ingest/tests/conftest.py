import functools
import importlib.util
from pathlib import Path

import pytest

# The seed plans, gold files and score.py live beside the repository, in ../shared.
SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def shared(*parts: str) -> Path:
    """A file of ../shared; the test fails (never skips) with one clear line when the
    folder is not there, since every score and seed check depends on it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(
            f"{path} is missing: the seed plans, gold files and score.py are expected in "
            "../shared, beside the repository",
            pytrace=False,
        )
    return path


def seed(stem: str, ext: str) -> Path:
    """A seed plan by its number ("000") or full stem, in one format."""
    directory = shared("seeds")
    found = sorted(directory.glob(f"{stem}*.{ext}"))
    if not found:
        pytest.fail(f"no seed plan {stem}*.{ext} in {directory}", pytrace=False)
    return found[0]


@functools.cache
def score_module():
    """../shared/extraction/score.py, the yardstick every extraction is measured with."""
    spec = importlib.util.spec_from_file_location("score", shared("extraction", "score.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
