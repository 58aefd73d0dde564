"""python -m theodoi.ingest.tests.layouts [SEED ...] [--count N] [--formats txt,docx,pdf] [--out DIR]

Writes the variants (and their gold) to DIR, extracts and scores each, and prints the
score distribution per format with the worst variants explained.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from theodoi.ingest.tests.layouts.run import run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("seeds", nargs="*", type=int)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--formats", default="txt,docx,pdf")
    parser.add_argument("--out")
    parser.add_argument("--worst", type=int, default=5)
    args = parser.parse_args()
    seeds = args.seeds + list(range(args.start, args.start + args.count))
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(args.out or tmp)
        directory.mkdir(parents=True, exist_ok=True)
        results = run(seeds, formats, directory)
        if args.out:
            for r in results:
                (directory / f"{r.variant.name}.gold.json").write_text(
                    json.dumps(r.variant.gold, ensure_ascii=False, indent=1), encoding="utf-8"
                )
                if r.plan is not None:
                    (directory / f"{r.variant.name}.{r.fmt}.json").write_text(
                        json.dumps(r.plan, ensure_ascii=False, indent=1), encoding="utf-8"
                    )
    for fmt in formats:
        scores = sorted(r.score for r in results if r.fmt == fmt)
        if not scores:
            continue
        below = sum(1 for s in scores if s < 0.95)
        print(
            f"{fmt}: {len(scores)} variants, min {scores[0]:.3f}, median "
            f"{statistics.median(scores):.3f}, mean {statistics.mean(scores):.3f}, "
            f"< 0.95: {below}"
        )
    for r in sorted(results, key=lambda r: r.score)[: args.worst]:
        if r.score < 1:
            print(r.explain())


if __name__ == "__main__":
    main()
