"""Runs → lines: runs sharing a baseline, cut at the wide gaps of tab stops and of
borderless two-column layouts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from theodoi.ingest.readers.pdf.chars import Run
from theodoi.ingest.readers.pdf.clustering import cluster


@dataclass
class Line:
    runs: list[Run]
    x0: float = 0.0
    x1: float = 0.0
    base: float = 0.0
    size: float = 0.0
    bold: bool = False
    text: str = ""
    standalone: bool = False  # a fragment of a line cut at a wide gap (tab stops, columns)

    def __post_init__(self) -> None:
        self.runs.sort(key=lambda r: r.x0)
        self.x0 = self.runs[0].x0
        self.x1 = max(r.x1 for r in self.runs)
        self.base = self.runs[0].base
        self.size = max(r.size for r in self.runs)
        chars = sum(len(r.text) for r in self.runs) or 1
        self.bold = sum(len(r.text) for r in self.runs if r.bold) * 2 > chars
        self.text = join_runs(self.runs)

    @property
    def top(self) -> float:
        return self.base + self.size

    @property
    def bottom(self) -> float:
        return self.base - 0.3 * self.size


def _same_baseline(first: Run, run: Run) -> bool:
    # runs come sorted top down (key: -base), so `run` is at or below `first`
    return first.base - run.base < 0.35 * max(run.size, first.size)


def group_lines(runs: list[Run]) -> list[Line]:
    """The runs' lines, top to bottom."""
    return [Line(group) for group in cluster(runs, lambda r: -r.base, _same_baseline)]


def split_at_wide_gaps(lines: list[Line]) -> list[Line]:
    """A wide gap inside a line is a tab stop or a borderless two-column layout (agency
    name | national motto): its parts are separate paragraphs. A justified line
    stretched around a long token has wide gaps too, but all alike."""
    out: list[Line] = []
    for line in lines:
        runs = line.runs
        gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(runs))
        # with real space characters a header line is two runs and one gap, no sample
        typical = gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0
        parts: list[list[Run]] = [[runs[0]]]
        for run in runs[1:]:
            prev = parts[-1][-1]
            gap = run.x0 - prev.x1
            if gap > 3 * max(run.size, prev.size) and gap > 2 * typical:
                parts.append([run])
            else:
                parts[-1].append(run)
        if len(parts) == 1:
            out.append(line)
            continue
        for part in parts:
            piece = Line(part)
            piece.standalone = True
            out.append(piece)
    return out


def join_runs(runs: list[Run]) -> str:
    text = runs[0].text
    for prev, run in itertools.pairwise(runs):
        gap = run.x0 - prev.x1
        if gap > 0.1 * run.size and not text.endswith(" ") and not run.text.startswith(" "):
            text += " "
        text += run.text
    return text
