from decimal import Decimal as D

from site_gen.numbers import percentage_tolerance, places, total_tolerance


def test_places_as_typed():
    assert places(D("0.20")) == 2
    assert places(D("4.0")) == 1
    assert places(6698) == 0


def test_eight_whole_number_parts_allow_four_and_a_half():
    parts = [1745, 1267, 627, 681, 69, 767, 766, 775]
    assert sum(parts) == 6697
    tolerance = total_tolerance(parts, 6698)
    assert tolerance == D("4.5")
    assert abs(6698 - sum(parts)) <= tolerance


def test_finest_place_among_parts_sets_the_tolerance():
    parts = [D("0.2"), D("0.20"), D("0.07")]
    tolerance = total_tolerance(parts, D("0.4"))
    assert tolerance == D("0.065")
    assert abs(D("0.4") - sum(parts)) > tolerance


def test_declared_decimals_count_when_the_spreadsheet_dropped_zeros():
    # Two parts at half of 0.01 each, plus half of 0.01 for the total (0.5 here means 0.50).
    assert total_tolerance([D("0.2"), D("0.3")], D("0.5"), declared_decimals=2) == D("0.015")


def test_amounts_in_different_units_agree_to_the_coarser_precision():
    from site_gen.numbers import money_agrees

    assert money_agrees(15149, "£000", D("15.1"), "£m")  # 15.149 million is 15.1 million to one place
    assert not money_agrees(15251, "£000", D("15.1"), "£m")
    assert money_agrees(D("3.9"), "£m", D("3.85"), "£m")
    assert not money_agrees(D("3.9"), "£m", D("3.8"), "£m")


def test_percentage_tolerance_catches_mental_health():
    tolerance = percentage_tolerance(D("1.48"), D("0.005"), D("28.0"), D("0.05"), D("5.0"))
    assert abs(D("5.0") - D(100) * D("1.48") / D("28.0")) > tolerance
    tolerance = percentage_tolerance(D("3.93"), D("0.015"), D("97.0"), D("0.05"), D("4.1"))
    assert abs(D("4.1") - D(100) * D("3.93") / D("97.0")) <= tolerance
