"""What the public page shows, as plain rules."""

from theodoi.public import rules


def test_only_chosen_plans_in_force_are_shown():
    plans = [(1, True), (2, True), (3, False)]  # 3 was replaced
    assert rules.shown_plans(plans, chosen=[1, 3]) == {1}
    assert rules.shown_plans(plans, chosen=[]) == set()


def test_a_record_is_shown_when_chosen_and_its_plan_is_shown():
    records = [(10, 1), (11, 1), (20, 2)]
    assert rules.shown_records(records, chosen=[10, 20], plans_shown={1}) == {10}
    assert rules.shown_records(records, chosen=[], plans_shown={1, 2}) == set()


def test_the_fingerprint_moves_with_any_part_and_only_then():
    a = rules.fingerprint([1, "2026-11-29", None, 3])
    assert a == rules.fingerprint([1, "2026-11-29", None, 3])
    assert a != rules.fingerprint([1, "2026-11-30", None, 3])
    assert a != rules.fingerprint([1, "2026-11-29", 0, 3])
