"""Generate, write, extract and score variants: what the tests and the command line share."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from theodoi.ingest import ExtractionError, extract_plan
from theodoi.ingest.bench import pdf_plain_text
from theodoi.ingest.tests.conftest import score_module
from theodoi.ingest.tests.layouts.model import Variant
from theodoi.ingest.tests.layouts.plan import generate
from theodoi.ingest.tests.layouts.render import to_cell_lines, to_docx, to_pdf, to_txt

# Text that lost its layout: from the .pdf by PDFium, or every cell a line written straight
# from the plan; both are read as .txt
PDF_TEXT, CELL_LINES = "pdf.txt", "cells.txt"
FORMATS = ["txt", "docx", "pdf", PDF_TEXT, CELL_LINES]


@dataclass
class Result:
    variant: Variant
    fmt: str
    path: Path
    plan: dict | None
    score: float
    rows: dict
    error: str = ""

    def explain(self) -> str:
        """Where the score was lost, for a failure message."""
        lost = {
            k: v
            for k, v in self.rows.items()
            if k != "overall" and min(x for x in v if x is not None) < 1
        }
        return (
            f"seed {self.variant.seed} ({self.fmt}): {self.score:.3f} {self.error}\n"
            f"  replay: python -m theodoi.ingest.tests.layouts {self.variant.seed} --out /tmp/plans\n"
            f"  traits: {', '.join(sorted(self.variant.traits))}\n"
            + "\n".join(
                f"  {k}: {tuple(round(x, 3) if x is not None else None for x in v)}"
                for k, v in lost.items()
            )
        )


def write(
    variants: list[Variant], formats: list[str], directory: Path
) -> dict[tuple[int, str], Path]:
    """Each variant in each format under `directory`; the .pdf files in one LibreOffice call."""
    paths: dict[tuple[int, str], Path] = {}
    needs_pdf = "pdf" in formats or PDF_TEXT in formats
    for v in variants:
        if "txt" in formats:
            (directory / f"{v.name}.txt").write_text(to_txt(v), encoding="utf-8")
        if CELL_LINES in formats:
            (directory / f"{v.name}.{CELL_LINES}").write_text(to_cell_lines(v), encoding="utf-8")
        if "docx" in formats or needs_pdf:
            (directory / f"{v.name}.docx").write_bytes(to_docx(v))
        for fmt in formats:
            paths[v.seed, fmt] = directory / f"{v.name}.{fmt}"
    if needs_pdf:
        to_pdf([directory / f"{v.name}.docx" for v in variants], directory)
    if PDF_TEXT in formats:
        for v in variants:
            text = pdf_plain_text(directory / f"{v.name}.pdf")
            (directory / f"{v.name}.{PDF_TEXT}").write_text(text, encoding="utf-8")
    return paths


def evaluate(variant: Variant, fmt: str, path: Path) -> Result:
    try:
        plan = extract_plan(path)
    except ExtractionError as err:
        return Result(variant, fmt, path, None, 0.0, {}, error=str(err))
    plan = json.loads(json.dumps(plan, ensure_ascii=False))
    rows = score_module().score(plan, variant.gold)
    return Result(variant, fmt, path, plan, rows["overall"][2], rows)


def run(seeds: list[int], formats: list[str], directory: Path) -> list[Result]:
    variants = [generate(s) for s in seeds]
    paths = write(variants, formats, directory)
    return [evaluate(v, fmt, paths[v.seed, fmt]) for v in variants for fmt in formats]
