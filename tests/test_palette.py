from site_gen.site.palette import AA_NORMAL_TEXT, TEXT_PAIRS, VARIABLES, contrast_ratio, palette_css


def test_contrast_ratio_matches_wcag_reference_values():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48


def test_every_text_and_background_pair_passes_aa():
    failures = [(what, round(contrast_ratio(fg, bg), 2)) for what, fg, bg in TEXT_PAIRS
                if contrast_ratio(fg, bg) < AA_NORMAL_TEXT]
    assert failures == []


def test_the_stylesheet_sets_every_palette_variable():
    css = palette_css()
    for name, value in VARIABLES.items():
        assert f"{name}: {value};" in css


def test_chart_colours_stand_out_from_the_page_and_from_their_neighbours():
    from site_gen.site.palette import BAND_COLOURS, CHART_SERIES, CHART_SINGLE, NHS_WHITE

    non_text = 3.0  # WCAG 1.4.11, graphical objects
    for colour in CHART_SERIES + [CHART_SINGLE]:
        assert contrast_ratio(colour, NHS_WHITE) >= non_text, colour
    for left, right in zip(CHART_SERIES, CHART_SERIES[1:], strict=False):
        assert contrast_ratio(left, right) >= non_text, (left, right)
    for fill, ink in BAND_COLOURS:  # a risk band's name is written on its colour
        assert contrast_ratio(ink, fill) >= AA_NORMAL_TEXT, (fill, ink)
