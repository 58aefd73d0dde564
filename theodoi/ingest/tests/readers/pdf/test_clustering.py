"""The one clustering helper every stage calls."""

from theodoi.ingest.readers.pdf.clustering import cluster, cluster_values


def test_values_within_tolerance_of_the_first_are_one_cluster():
    assert cluster_values([10.0, 13.0, 100.0, 11.0, 101.5], 4.0) == [11.333333333333334, 100.75]


def test_a_slow_drift_does_not_chain_far_values_together():
    # each value is within 3 of the previous one, but 0 and 9 are not the same line
    assert [len(g) for g in cluster([0, 3, 6, 9], float, lambda a, b: b - a <= 3)] == [2, 2]


def test_members_keep_key_order_and_ties_keep_input_order():
    items = [("b", 1), ("a", 1), ("c", 0)]
    groups = cluster(items, lambda it: it[1], lambda a, b: b[1] - a[1] < 0.5)
    assert groups == [[("c", 0)], [("b", 1), ("a", 1)]]
