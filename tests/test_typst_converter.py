"""The one converter from page HTML to Typst, exercised through the real engine: every element the sanitiser
allows comes out as the site shows it, and no text a plan can type becomes Typst code, however hostile."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_gen.pdf.full_document import content_typst
from site_gen.pdf.fullplan import FullPlan
from site_gen.pdf.html_typst import Converter, Pictures, parse
from site_gen.pdf.printable import PrintPage
from site_gen.pdf.typeset import TypesetFailed, compile_pdf
from site_gen.site.sanitise import ALLOWED_TAGS, sanitise

PREAMBLE = ('#set document(title: "Converter test")\n#set text(font: "Liberation Sans", lang: "en")\n'
            '#include "content.typ"\n')


def _typeset(html: str, work: Path, pictures: dict[str, bytes] | None = None) -> str:
    """The text of the PDF made from one page of (sanitised) HTML, as pdftotext reads it."""
    page = PrintPage("page-test", "test.md", "Test", None, sanitise(html))
    plan = FullPlan("T", "O", "P", "1", "draft", "", None, None, None, [page])
    made = Pictures()
    (content,) = content_typst(plan, made)
    files = {"main.typ": PREAMBLE.encode(), "content.typ": content.encode()} | made.made | (pictures or {})
    pdf = work / "out.pdf"
    pdf.write_bytes(compile_pdf(files, "main.typ", work / "stage", 0))
    return " ".join(subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


# One piece of HTML for each element the sanitiser lets through, with the words it must print.
ELEMENTS = {
    "a": ('<p><a href="https://example.org/x">a web link</a></p>', "a web link"),
    "abbr": ('<p><abbr title="Clinical commissioning group">CCG</abbr> plans</p>', "CCG plans"),
    "b": ("<p><b>bold words</b></p>", "bold words"),
    "blockquote": ("<blockquote><p>quoted words</p></blockquote>", "quoted words"),
    "br": ("<p>first line<br>second line</p>", "first line second line"),
    "caption": ("<table><caption>The caption</caption><tr><td>cell</td></tr></table>", "The caption cell"),
    "cite": ("<p><cite>The NHS Plan</cite></p>", "The NHS Plan"),
    "code": ("<p><code>a*b_c</code></p>", "a*b_c"),
    "col": ('<table><colgroup><col span="2"></colgroup><tr><td>one</td><td>two</td></tr></table>', "one two"),
    "colgroup": ("<table><colgroup></colgroup><tr><td>grouped</td></tr></table>", "grouped"),
    "dd": ("<dl><dt>Term</dt><dd>its meaning</dd></dl>", "Term its meaning"),
    "del": ("<p><del>taken out</del></p>", "taken out"),
    "details": ("<details><p>hidden words</p></details>", "hidden words"),
    "dfn": ("<p><dfn>defined</dfn> word</p>", "defined word"),
    "div": ("<div><p>in a division</p></div>", "in a division"),
    "dl": ("<dl><dt>A</dt><dd>alpha</dd><dt>B</dt><dd>beta</dd></dl>", "A alpha B beta"),
    "dt": ("<dl><dt>Only a term</dt></dl>", "Only a term"),
    "em": ("<p><em>stressed</em></p>", "stressed"),
    "figcaption": ("<figure><p>figure body</p><figcaption>figure words</figcaption></figure>", "figure words"),
    "figure": ("<figure><p>in a figure</p></figure>", "in a figure"),
    "h1": ("<h1>Page title</h1>", "Page title"),
    "h2": ("<h2>Second level</h2>", "Second level"),
    # A heading that skips levels (h1 then h3) is printed one level below the last, as PDF/UA-1 asks.
    "h3": ("<h3>Third level</h3>", "Third level"),
    "h4": ("<h2>Two</h2><h3>Three</h3><h4>Fourth level</h4>", "Fourth level"),
    "h5": ("<h5>Fifth level</h5>", "Fifth level"),
    "h6": ("<h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Sixth level</h6>", "Sixth level"),
    "hr": ("<p>above</p><hr><p>below</p>", "above below"),
    "i": ("<p><i>italic</i></p>", "italic"),
    "img": ('<p><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk'
            '+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" alt="A dot"> after</p>', "after"),
    "ins": ("<p><ins>put in</ins></p>", "put in"),
    "kbd": ("<p><kbd>Ctrl</kbd></p>", "Ctrl"),
    "li": ("<ul><li>one item</li></ul>", "one item"),
    "mark": ("<p><mark>marked</mark></p>", "marked"),
    "ol": ('<ol start="3"><li>third</li><li>fourth</li></ol>', "3. third 4. fourth"),
    "p": ("<p>a paragraph</p>", "a paragraph"),
    "pre": ("<pre>  kept   as typed</pre>", "kept as typed"),
    "q": ("<p><q>said</q></p>", "said"),
    "s": ("<p><s>no longer</s></p>", "no longer"),
    "samp": ("<p><samp>output</samp></p>", "output"),
    "small": ("<p><small>small print</small></p>", "small print"),
    "span": ("<p><span>spanned</span></p>", "spanned"),
    "strong": ("<p><strong>strong words</strong></p>", "strong words"),
    "sub": ("<p>H<sub>2</sub>O</p>", "H2O"),
    # A disclosure's button is for the screen: the PDF prints what it hides, open, without the button.
    "summary": ("<details><summary>Show these</summary><p>shown open</p></details>", "Test shown open"),
    "sup": ("<p>x<sup>2</sup></p>", "x2"),
    "table": ("<table><thead><tr><th>Head</th></tr></thead><tbody><tr><td>body</td></tr></tbody></table>",
              "Head body"),
    "tbody": ("<table><tbody><tr><td>in the body</td></tr></tbody></table>", "in the body"),
    "td": ('<table><tr><td class="num">12.5</td><td colspan="2">spread</td></tr></table>', "12.5 spread"),
    "tfoot": ("<table><tbody><tr><td>1</td></tr></tbody><tfoot><tr><td>total</td></tr></tfoot></table>",
              "1 total"),
    "th": ('<table><tr><th scope="row">Row head</th><td>value</td></tr></table>', "Row head value"),
    "thead": ("<table><thead><tr><th>Column</th></tr></thead></table>", "Column"),
    "time": ('<p><time datetime="2013-04-01">1 April 2013</time></p>', "1 April 2013"),
    "tr": ("<table><tr><td>a row</td></tr></table>", "a row"),
    "u": ("<p><u>underlined</u></p>", "underlined"),
    "ul": ("<ul><li>first</li><li>second</li></ul>", "• first • second"),
    "var": ("<p><var>n</var> people</p>", "n people"),
    "wbr": ("<p>long<wbr>word</p>", "longword"),
}


def test_every_element_the_sanitiser_allows_has_a_case_here():
    assert set(ELEMENTS) == set(ALLOWED_TAGS)


@pytest.mark.parametrize("tag", sorted(ELEMENTS))
def test_each_allowed_element_prints_its_words(tag: str, tmp_path: Path):
    html, words = ELEMENTS[tag]
    assert words in _typeset(html, tmp_path)


# Text that would be code, markup or an escape if it reached Typst as written.
HOSTILE = [
    '#import "@preview/cetz:0.3.0": *',
    '#read("/etc/passwd")',
    '"); #panic("x"); ("',
    "#let x = 1; #x",
    "*not bold* _not emph_ `not raw` $x^2$",
    "= not a heading",
    "- not a list",
    "<label> @reference",
    "// not a comment /* nor this */",
    "back\\slash \\u{41} \\#",
    "] closed [ opened",
    "#{ 1 + 1 }",
    "#eval(\"1\")",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_looks_like_typst_is_printed_as_written(text: str, tmp_path: Path):
    from html import escape

    printed = _typeset(f"<p>{escape(text)}</p><h2>{escape(text)}</h2><table><tr><td>{escape(text)}</td></tr>"
                       f"</table>", tmp_path)
    assert printed.count(" ".join(text.split())) == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF, exclude_categories=["Cs"]),
               min_size=1, max_size=80))
def test_any_text_typesets_and_nothing_in_it_runs(tmp_path_factory, text: str):
    from html import escape

    work = tmp_path_factory.mktemp("fuzz")
    converted = Converter({}, Pictures()).page(parse(f"<p>{escape(text)}</p>"))
    # The text is only ever inside one string literal: everything outside it is the converter's own.
    assert re.fullmatch(r'(#par\[#"(?:[^"\\]|\\.)*";\]\n\n)?', converted), converted
    _typeset(f"<p>{escape(text)}</p>", work)  # and the engine accepts it


def test_a_template_cannot_import_a_package_or_read_outside_its_folder(tmp_path: Path):
    for source in ('#import "@preview/cetz:0.3.0": *\nx', '#read("/etc/passwd")', '#read("../../secret.txt")'):
        (tmp_path / "secret.txt").write_text("TOP-SECRET-WORDS")
        with pytest.raises(TypesetFailed) as refused:
            compile_pdf({"main.typ": ('#set document(title: "T")\n#set text(lang: "en")\n' + source).encode()},
                        "main.typ", tmp_path / "stage", 0)
        assert "TOP-SECRET-WORDS" not in refused.value.message


def test_a_page_with_no_heading_gets_its_title_as_one_and_a_skip_from_it_is_closed(tmp_path: Path):
    printed = _typeset("<h3>Straight to a third level</h3><p>words</p>", tmp_path)
    assert printed.startswith("Test Straight to a third level words")


def test_links_between_pages_land_inside_the_document_and_links_to_files_go_to_the_site():
    pages = [PrintPage("page-a", "a.md", "A", None, '<h1 id="a">A</h1><p><a href="b.md#later">to B</a> '
                       '<a href="#a">to the top</a> <a href="data/table.csv">the figures</a> '
                       '<a href="b.md#nowhere">gone</a></p>'),
             PrintPage("page-b", "b.md", "B", None, '<h1 id="b">B</h1><h2 id="later">Later</h2>')]
    plan = FullPlan("T", "O", "P", "1", "draft", "", "https://plan.example.nhs.uk/", None, None, pages)
    (typst,) = content_typst(plan, Pictures())
    later = re.search(r'#heading\(level: 2[^\n]*\[#"Later";\] <(l\d+)>', typst).group(1)
    assert f'#link(<{later}>)[#"to B";]' in typst
    assert '#link(<page-a>)[#"to the top";]' in typst
    assert '#link("https://plan.example.nhs.uk/data/table.csv")[#"the figures";]' in typst
    assert '#"gone";' in typst and "#link(<nowhere" not in typst  # a place that is not there: words only


def test_a_table_of_words_shares_the_width_by_its_words_and_one_with_spans_is_left_to_typst():
    def columns(html: str) -> str:
        converted = Converter({}, Pictures()).page(parse(sanitise(html)))
        return re.search(r"#table\(columns: (\([^)]*\)|\d+)", converted).group(1)

    words = ('<table><tr><th>Risk</th><th>Status</th><th>What we are doing about it</th></tr>'
             '<tr><td>Staff</td><td>No data yet</td><td>' + "We are recruiting nurses and doctors " * 4
             + '</td></tr></table>')
    shares = [int(share.removesuffix("fr")) for share in columns(words).strip("(,)").split(", ")]
    assert len(shares) == 3 and shares[2] > shares[0]
    assert shares[1] >= len("No data yet")  # a short phrase keeps its line
    spanned = '<table><tr><th colspan="2">Both</th></tr><tr><td>a</td><td>b</td></tr></table>'
    assert columns(spanned) == "2"


def test_a_table_of_figures_gives_each_figure_column_the_width_of_its_widest_cell():
    def columns(html: str) -> str:
        converted = Converter({}, Pictures()).page(parse(sanitise(html)))
        return re.search(r"#table\(columns: (\([^)]*\))", converted).group(1)

    figures = ('<table><thead><tr><th>Item</th><th>2013/14</th><th>2014/15</th></tr></thead><tbody>'
               '<tr><th>Acute care</th><td class="num">105,728</td><td class="num">1</td></tr></tbody></table>')
    widths = re.findall(r"([\d.]+)em \+ 3mm", columns(figures))
    assert columns(figures).startswith("(1fr, ") and len(widths) == 2
    assert 3.5 < float(widths[0]) < 5.5  # "105,728" in bold at about 0.55 em a figure, and a little room
    many = figures.replace("<td class=\"num\">1</td>", "<td class=\"num\">" + "1" * 60 + "</td>")
    assert "auto" in columns(many)  # figures that would crowd out the names: Typst shares the width
