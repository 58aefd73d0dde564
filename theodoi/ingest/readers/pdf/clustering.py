"""The one clustering helper of the PDF reader: values close together are one.

Every stage that asks "are these the same line / the same rule / the same column edge?"
calls `cluster`: characters' baselines into lines, rule positions into grid lines.
Members are compared with the first member of their cluster, not with the last one, so
a slow drift (a baseline rising a little with every run) cannot chain far-apart values
into one cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def cluster(
    items: Iterable[T], key: Callable[[T], float], close: Callable[[T, T], bool]
) -> list[list[T]]:
    """`items` sorted by `key`, cut where `close(first_of_cluster, item)` is false.

    Clusters come in ascending key order, their members in key order (ties keep the
    input order: sorting is stable)."""
    out: list[list[T]] = []
    for item in sorted(items, key=key):
        if out and close(out[-1][0], item):
            out[-1].append(item)
        else:
            out.append([item])
    return out


def cluster_values(values: Iterable[float], tolerance: float) -> list[float]:
    """The mean of each cluster of values within `tolerance` of its smallest one."""
    groups = cluster(values, float, lambda first, v: v - first <= tolerance)
    return [sum(g) / len(g) for g in groups]
