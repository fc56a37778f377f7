import datetime
from decimal import Decimal as D

from site_gen.render.formatting import cell_text, date_text, figure_text, milestone_date, money_text


def test_money_in_running_text_is_written_the_gov_uk_way():
    assert money_text(D("299.8"), "£m") == "£299.8 million"
    assert money_text(D("0.47"), "£m") == "£0.47 million"
    assert money_text(15100, "£000") == "£15.1 million"
    assert money_text(767, "£000") == "£767,000"
    assert money_text(D("5268.40"), "£") == "£5,268.40"
    assert money_text(D("-8.6"), "£m") == "\u2212£8.6 million"
    assert money_text(D("2500"), "£m") == "£2.5 billion"


def test_other_units():
    assert figure_text(D("95.2"), "%") == "95.2%"
    assert figure_text(264630, "count") == "264,630"
    assert figure_text(D("12.5"), "rate-per-100000") == "12.5 per 100,000"


def test_table_cells_follow_the_tables_sign_convention():
    assert cell_text(D("-3.6"), 1, "minus") == "\u22123.6"
    assert cell_text(D("-3.6"), 1, "brackets") == "(3.6)"
    assert cell_text(15100, None, "minus") == "15,100"
    assert cell_text(D("0.2"), 2, "minus") == "0.20"
    assert cell_text(None, 1, "minus") == ""


def test_dates():
    assert date_text(datetime.date(2013, 4, 1)) == "1 April 2013"
    assert milestone_date("2013-10") == "October 2013"
    assert milestone_date("2013-10-05") == "5 October 2013"
    assert milestone_date("2013 Q3") == "July to September 2013"
