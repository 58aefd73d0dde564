from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    assert path.is_dir(), f"the seed plans are expected beside the repository, at {path}"
    return path


def seed(stem: str, ext: str) -> Path:
    return next((SHARED / "seeds").glob(f"{stem}_*.{ext}"))
