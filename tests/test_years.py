import pytest

from site_gen.years import normalise_id, normalise_year


@pytest.mark.parametrize("typed", ["2013/14", "2013-14", "13/14", "FY13/14", "FY 2013-14", "2013/2014", "fy13-14"])
def test_every_way_of_writing_a_year_becomes_the_standard_form(typed):
    assert normalise_year(typed) == "2013/14"


@pytest.mark.parametrize("typed", ["2013-15", "2013", "Q3 2013", "13/15", "2099/00x"])
def test_things_that_are_not_one_financial_year(typed):
    assert normalise_year(typed) is None


def test_century_boundary():
    assert normalise_year("1999/00") == "1999/00"


def test_column_ids_keep_their_suffix():
    assert normalise_id("2013-14-likely") == "2013/14-likely"
    assert normalise_id("FY13/14-upside") == "2013/14-upside"
    assert normalise_id("budget") == "budget"
