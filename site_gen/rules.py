"""Every finding code the tool can produce, defined once.

The docs list of check codes is generated from this table, so a rule and its documentation can
never drift apart.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, replace

from site_gen.findings import Finding, Location, Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    family: str
    summary: str
    example: str
    fix: str
    why: str = ""  # why it matters, for someone who is not a developer; filled from WHY below

    def __call__(self, location: Location, message: str, hint: str | None = None,
                 also: tuple[Location, ...] = ()) -> Finding:
        return Finding(self.code, self.severity, message, hint or self.fix, location, self.why, also)

    def with_severity(self, severity: Severity, location: Location, message: str, hint: str | None = None) -> Finding:
        return Finding(self.code, severity, message, hint or self.fix, location, self.why)


FAMILIES = (
    "structure",
    "references",
    "arithmetic",
    "consistency",
    "completeness",
    "accessibility",
    "readability",
    "safety",
    "lifecycle",
    "site",
    "tool",
)

_RULES = [
    # structure
    Rule("file-unreadable", E, "structure", "A file cannot be read as UTF-8 text, or is too large.",
         "This file is not UTF-8 text (byte 0xa3 here cannot be read).",
         "Save the file as UTF-8 (in most editors: Save As, Encoding, UTF-8)."),
    Rule("missing-file", E, "structure", "A file the plan needs is missing.",
         "There is no data/plan.yml, so the plan has no title, period or version.",
         "Create the file; the authoring guide shows a complete example of each one."),
    Rule("unknown-data-file", W, "structure", "A file in data/ is not one the tool knows, so it is ignored.",
         "data/finace.yml is not a data file the plan uses, so it is ignored. Did you mean finance.yml?",
         "Rename the file to one of the data files listed in the authoring guide, or move it out of data/."),
    Rule("duplicate-file", E, "structure", "The same data file is there twice, as .yml and .yaml.",
         "There are two finance files in data/; only data/finance.yaml is read.",
         "Keep one of them: .yml and .yaml are the same file to the plan."),
    Rule("folder-not-empty", E, "structure", "site-gen new was given a folder that already holds files.",
         "The folder plans/2014-15 already holds files, so no new plan was made there.",
         "Give the name of a new folder, or of an empty one."),
    Rule("yaml-syntax", E, "structure", "YAML that cannot be read.",
         "The YAML here cannot be read: a tab character is used where only spaces may be.",
         "Indent with spaces, not tabs, and check colons, dashes and quotes on this line and the one above."),
    Rule("yaml-anchor", E, "structure", "YAML anchors, aliases, merge keys and tags are refused.",
         "This YAML uses an alias (*defaults); the plan format does not allow anchors or aliases.",
         "Write the values out in full where they are needed."),
    Rule("yaml-duplicate-key", E, "structure", "The same key appears twice in one block.",
         "The key 'title' appears twice in this block (first on line 3); only one can be kept.",
         "Delete or rename one of the two."),
    Rule("front-matter", E, "structure", "A page's front matter is missing its closing line or is not a block of keys.",
         "The front matter opened with --- on line 1 is never closed.",
         "End the front matter with a line holding only ---."),
    Rule("missing-field", E, "structure", "A required field is missing.",
         "The required field 'title' is missing from this schemes entry.",
         "Add the field; the authoring guide shows an example of each data file."),
    Rule("unknown-field", E, "structure", "A field the format does not have (often a typing slip).",
         "'lable' is not a field here. Did you mean 'label'?",
         "Correct the name, or remove the field."),
    Rule("wrong-type", E, "structure", "A value of the wrong kind: text where a number is needed, a list where one item is.",
         "'values' must be a list (lines starting with -), but here it is 'abc'.",
         "Write the value in the form the authoring guide shows."),
    Rule("invalid-value", E, "structure", "A value outside what the field allows.",
         "'amber-ish' is not allowed for 'confidence'. Use one of: 'red', 'red-amber', 'amber' or 'green'.",
         "Correct the value as the message says; the authoring guide shows what each field takes."),
    Rule("invalid-date", E, "structure", "A date that does not exist or is not written as YYYY-MM-DD.",
         "'2027-13-01' in 'date' is not a real date.",
         "Write dates as YYYY-MM-DD, for example 2027-01-13."),
    Rule("invalid-id", E, "structure", "An id that is not lower-case letters, digits and dashes.",
         "'Planned Care' cannot be an id: use lower-case letters, digits and dashes.",
         "Use lower-case letters, digits and dashes only, for example planned-care."),
    Rule("row-length", E, "structure", "A table row has more or fewer values than the table has columns.",
         "The row 'paediatrics' has 5 values but the table has 6 columns.",
         "Give one value per column, in column order; write null for an empty cell."),
    Rule("year-normalised", I, "structure", "A financial year written another way was read as the standard form.",
         "'2013-14' is read as the financial year 2013/14.",
         "Nothing to do; write 2013/14 to silence this note."),
    # references
    Rule("duplicate-id", E, "references", "Two items of the same kind share an id.",
         "The id 'planned-care' is used twice among the rows of 'qipp-summary' (first on line 12).",
         "Give each item its own id."),
    Rule("unknown-reference", E, "references", "A reference, in data or in a macro on a page, names an id that does not exist.",
         "There is no finance table 'summary-modle'. Did you mean 'summary-model'?",
         "Correct the reference; valid ids are suggested where one is close."),
    Rule("macro-error", E, "references", "A macro on a page cannot run: unknown macro, bad arguments or broken braces.",
         "'tabel' is not a macro. Did you mean 'table'?",
         "Check the macro's name and arguments against the authoring guide."),
    Rule("broken-link", E, "references", "A link on a page points at a page that does not exist.",
         "The link to 'finanse.md' goes nowhere. Did you mean 'finance.md'?",
         "Link to pages by their file name, as [Finance](finance.md); generated pages are listed in the authoring guide."),
    Rule("external-resource", E, "references", "A page shows an image, script or frame from another website.",
         "This image is loaded from maps.example.com, which would learn who reads the plan.",
         "Save the file in content/ and link to it there, as ![A map of our localities](map.png)."),
    # arithmetic
    Rule("total-mismatch", E, "arithmetic", "A total or subtotal in a finance table, or a population statistic "
         "with sums, is not the sum of its parts, beyond rounding.",
         "MEHT, Total savings and contract reductions is 0.4 but its parts add up to 0.47 (allowed rounding difference 0.065).",
         "Correct the total or the parts; the sum shown is what the parts add up to."),
    Rule("percentage-mismatch", E, "arithmetic", "A percentage does not match the figures it is a share of.",
         "Mental health, Percentage of budget is 5.0% but 1.48 of 28.0 is 5.3%.",
         "Correct the percentage or the figures it is worked out from."),
    Rule("risk-score-mismatch", E, "arithmetic", "A risk score is not likelihood times impact, or sits in the wrong band.",
         "The residual score is 12, but likelihood 3 x impact 3 is 9.",
         "Correct the score, likelihood or impact; the band follows from the score."),
    Rule("savings-rollup-mismatch", E, "arithmetic", "Scheme savings do not add up to the figure they roll up to.",
         "The schemes under 'hypertension' save £181,480 in 2013/14, but finance.qipp-summary.medicines-management.identified is £896,000.",
         "Correct the scheme savings or the figure they roll up to."),
    Rule("growth-rate-mismatch", E, "arithmetic", "A stated growth rate does not match its series (compound annual rate).",
         "The growth rate is 2.5% a year, but 264,630 growing to 280,000 over 4 years is 1.4% a year.",
         "Correct the rate or the series; the rate shown is worked out from the first and last points."),
    Rule("activity-rollup-mismatch", E, "arithmetic", "A change in activity stated for a priority or the whole plan "
         "does not match the sum of its schemes' activity changes in that unit.",
         "The schemes under 'planned-care' give 1,500 fewer appointments in 2013/14, but the total stated is "
         "1,200 fewer appointments.",
         "Correct the schemes' activity changes or the stated total; a total counts only schemes' changes in "
         "its unit (and its period and activity, when it gives them)."),
    Rule("relation-mismatch", E, "arithmetic", "A figure declared under relations as a share, an uplift or an "
         "amount per head does not follow from the figures and rate it names, beyond rounding.",
         "Local contingency, 2013/14 likely, £1.4 million, should be 0.5% of Recurrent allocation, 2013/14 likely, "
         "£299.8 million, which is £1,499,000: it differs by more than rounding allows.",
         "Correct the figure, the rate or the figures it is worked out from. A rate the plan applies is exact; "
         "a rate it only reports is allowed the rounding of its last typed place."),
    # consistency
    Rule("figure-disagrees", E, "consistency", "The same figure is given differently in two places.",
         "'Contract reductions 2013/14' is stated as £3.9 million but the 3 figures it sums come to £3.8 million.",
         "Make both places agree; better still, take the figure from the data with a macro."),
    Rule("count-mismatch", W, "consistency", "A sentence announces a number of items, but the list below it has "
         "another number.",
         "The text says 6 domains, but the list below it has 5.",
         "Make the number in the sentence and the number of items in the list the same."),
    Rule("qualifier-contradicts", W, "consistency", "A word such as 'at least', 'over' or 'nearly' in front of a "
         "figure typed into a page puts the true figure on one side of it, but the data figure it matches is on "
         "the other side.",
         "The text says 'at least £14.4m', but Total, CCG funding (finance.bcf-investment.total.ccg-funding) is "
         "£14,370,000, which is less than £14,400,000.",
         "Change the words to fit the data's figure, such as 'nearly' for a figure just below, or take the figure "
         "from the data with {{ value(\"...\") }}."),
    Rule("hand-typed-money", W, "consistency", "An amount of money is typed into the narrative instead of taken from the data.",
         "'£15.1m' is typed by hand; if the data changes, this text will not.",
         "Use {{ value(\"...\") }} to take the figure from the data."),
    Rule("money-unit-missing", E, "consistency", "An amount of money has no unit, so it could mean pounds, thousands or millions.",
         "'£0.03' has no unit: is it £0.03 million, £0.03 thousand or £0.03 in pounds? A plain number here would be read in £m.",
         "Write the number alone (it then takes the unit declared for the file), or add m or k, as in £0.03m."),
    Rule("status-contradicts", E, "consistency", "A status or rating typed in contradicts the numbers it is based on.",
         "Planned care is rated Green, but its figures give 50%, which is Red-Amber.",
         "Leave the rating out and let it be worked out, or correct the figures."),
    Rule("risk-rating-unknown", E, "consistency", "A risk's rating, likelihood or impact is not a level of the "
         "plan's own scoring scheme.",
         "The residual rating is 'Severe', which is not one of the scheme's ratings (High, Medium, Low).",
         "Use one of the scheme's levels, or add the level to the scoring scheme if the plan has it."),
    Rule("risk-bands", W, "consistency", "The risk scoring scheme does not hang together: score bands that overlap, "
         "leave possible scores out or have no limits, or one scale without the other.",
         "The bands 'low' (1 to 4) and 'moderate' (4 to 6) overlap: a score of 4 falls in both.",
         "Make each possible score fall in exactly one band, as the plan means them."),
    Rule("risk-band-open", I, "consistency", "The highest score band has no upper limit (or the lowest no lower "
         "limit), so it is read as open-ended.",
         "The band 'extreme' has no highest score, so it is read as 15 and above (to 25, the highest score the "
         "scales allow).",
         "Nothing to do if the plan states the band that way; give max: if it states a highest score."),
    Rule("stated-growth-mismatch", E, "consistency", "A growth rate the plan states over part of a series does "
         "not match the series over that span (compound annual rate).",
         "The plan states growth of 1.2% a year from 2013 to 2016, but 160,000 growing to 168,000 over 3 years "
         "is 1.6% a year.",
         "Correct the rate, its span or the figures; the rate shown is worked out from the series' points at "
         "the start and end of the span."),
    Rule("conversion-missing", E, "consistency", "A figure is said to be the same as one in another unit, but "
         "no conversion between the two units is declared, so the two cannot be compared.",
         "Total, 2013/14 is in sessions and finance.clinic-days.total.2013/14 is in days, but no conversion "
         "between sessions and days is declared.",
         "Declare the conversion the plan uses under conversions:, such as {from: session, to: day, factor: 0.5}, "
         "on the table or once for the file."),
    Rule("stated-growth-span", W, "consistency", "A growth rate is stated over a span the series does not cover, "
         "or that runs backwards, so it cannot be checked.",
         "The plan states growth of 1.2% a year from 2013 to 2016, but the series has no figure for 2016.",
         "Check the span against the plan: give from and to as the series names its periods, or add the "
         "figures the rate is worked out from."),
    # completeness
    Rule("placeholder", W, "completeness", "A placeholder such as TBC, XXXX, 'Appendix x', '£x', '(add hyperlink)' or "
         "'dd/mm/yyyy' is left in, or a template's prompt ('Please provide a summary of ...') or a drafting note "
         "('this section needs condensing'), even when it is wrapped across two lines. An error once the plan is "
         "approved, and even in a draft where it stands for a figure or a date.",
         "'tbc' is a placeholder, left in a draft.",
         "Replace it with the real text before the plan is approved; take a prompt or a note out."),
    Rule("no-target", W, "completeness", "A measure has no target and does not say why.",
         "The measure 'a-and-e-4-hours' has no target and does not say why.",
         "Add a target, or write no_target: with the reason there is none."),
    Rule("acronym-undefined", W, "completeness", "An acronym is used but not explained in the glossary.",
         "'JSNA' is not in the glossary.",
         "Add it to data/glossary.yml with its expansion and a plain-English definition."),
    Rule("risk-unrated", W, "completeness", "A risk has no rating or score and does not say why, or gives a "
         "likelihood without an impact.",
         "The risk 'estates-backlog' has no rating or score, and does not say why.",
         "Give the rating or the likelihood and impact the plan gives. If the plan rates none, write not_rated: "
         "with a few words saying so, on the risk or once for the whole register."),
    Rule("check-skipped", I, "completeness", "A check did not run: an entry it needs could not be read (and is "
         "left out, while the rest of its file is still checked), or a figure it needs is not stated in the plan.",
         "The total 'Total' of the table 'summary' is not checked, because its row 'acute' could not be read.",
         "Mend the entry as its own finding says; the check then runs again."),
    Rule("chart-data", E, "references", "A chart's definition does not fit the data it points at.",
         "The chart 'savings' cannot be drawn: A bar chart draws one column of the table; name it with columns: [ID].",
         "Change the chart's kind, rows or columns as the message says."),
    Rule("acronym-two-expansions", W, "consistency", "One acronym is spelt out in different words in different "
         "places of the text.",
         "'SPOR' is spelt out 2 ways: 'Single Point of Response' (content/care.md:12) and 'Single Point of Referral' "
         "(content/access.md:30).",
         "Use one name for one thing. If the plan really means two things, give one of them another acronym."),
    Rule("acronym-two-names", W, "consistency", "One thing is given two different acronyms, in the text or the "
         "glossary.",
         "'NHS Commissioning Board' is given 2 acronyms: 'NHSCB' (content/about.md:4) and 'NCB' "
         "(data/glossary.yml:12).",
         "Use one acronym for one thing all through the plan, and explain it once in the glossary."),
    Rule("text-gap", W, "completeness", "The text has something missing: a unit with no figure, a number cut off, "
         "a month with no year before a full stop, a heading or a lead-in colon with nothing after it, "
         "'overleaf' on a web page, 'the table below' or 'see diagram' with no table or picture there, or an "
         "appendix the plan does not have.",
         "'£ million' has something missing: the figure before its unit.",
         "Type what the plan really says. If the plan itself prints the gap, leave it: the warning records it, "
         "so it can be raised with the plan's owner."),
    Rule("content-lost", W, "completeness", "The published plan shows a picture, chart, diagram or table that has "
         "not survived; a note says so in its place.",
         "The plan as published has lost 'the corporate governance structure chart'; readers see a note in its place.",
         "Ask the plan's owner for the original. When you have it, put it in place of the {{ lost(...) }} macro: "
         "a chart from the data, or a picture with its text alternative."),
    Rule("not-stated", W, "completeness", "A value is recorded as not stated in the plan; it is shown as 'Not "
         "stated in the plan', and checks that need it say they were skipped.",
         "The plan does not state the figure for 'Community services' in the column '2013/14' (it prints '171,').",
         "If the plan gives the value somewhere else, type it here. If it does not, leave it: the warning records "
         "that the plan is silent, so it can be raised with the plan's owner."),
    Rule("date-imprecise", W, "completeness", "A date gives a day, month or season but no year; it is shown as "
         "written and listed after the dated ones.",
         "The date 'May' does not say which year, so it is listed after every milestone with a year.",
         "Add the year the plan means, such as May 2013. If the plan does not say, leave it: the warning records "
         "that the plan gives no year."),
    Rule("date-unreadable", W, "completeness", "A date is in no form site_gen can read, or names a day that does "
         "not exist; it is shown as written and listed last.",
         "'early 2013' is not a date site_gen can read, so it cannot be put in time order.",
         "Write it in one of the forms in the authoring guide, such as 1 October 2013, October 2013, 2013 Q3, "
         "Q2 2014/15, Autumn 2012, 2013/14 or by March 2014."),
    Rule("sign-off-incomplete", W, "completeness", "A line of the plan's sign-off does not give the organisation, "
         "role, name or date; it is shown as not stated in the plan.",
         "The sign-off for 'Mid Essex Clinical Commissioning Group' does not give the date it was signed.",
         "Type what the plan's sign-off block gives. If the plan leaves it out or blank, leave it out: the "
         "warning records that the plan does not state it."),
    Rule("requirement-unanswered", W, "completeness", "A national requirement listed in requirements.yml has no "
         "response saying how the plan meets it.",
         "The requirement 'seven-day-services' has no response, so readers cannot see how the plan meets it.",
         "Give the plan's response under response:, naming the priorities or schemes that meet it. If the plan "
         "gives none, leave it out: the page says the plan does not answer it."),
    Rule("column-empty", W, "completeness", "Every cell of a table's column is empty, or the table has no rows.",
         "Every cell of the column 'Vacancies' in the table 'workforce' is empty.",
         "Type the figures the plan gives. If the plan prints the column blank, leave it: the warning records "
         "that it does."),
    # accessibility
    Rule("chart-too-many", W, "accessibility", "A chart draws more bars, lines or series than it can label clearly.",
         "The chart 'budget' draws 22 items; more than 15 cannot each be labelled clearly.",
         "Choose what to draw with rows: or columns:, or split the chart in two."),
    Rule("chart-title", W, "accessibility", "A chart's title names its subject but does not say its message.",
         "The title 'Savings by area' names what the chart shows but not what it tells the reader.",
         "Write the title as the sentence a reader should take away, such as 'Most savings come from hospitals'."),
    Rule("brand-contrast", E, "accessibility", "The accent colour is too pale to read against the page, "
         "or for white text on it.",
         "The accent colour #41b6e6 has a contrast of 2.3:1 against the white page; it needs at least 4.5:1.",
         "Choose a darker shade of the colour; the message suggests one that passes."),
    Rule("logo-alt-missing", E, "accessibility", "The logo has no alternative text for people who cannot see it.",
         "The logo content/logo.svg has no alternative text.",
         "Add logo_alt: under branding: with what the logo says, usually the organisation's name."),
    Rule("image-alt-missing", E, "accessibility", "An image has no alternative text.",
         "The image images/clinic-map.png has no alternative text.",
         "Write what the image shows between the square brackets: ![Map of our 12 clinics](images/clinic-map.png). "
         "Only a purely decorative image written as HTML may have alt=\"\"."),
    Rule("heading-skip", W, "accessibility", "A heading skips a level, such as a level 4 heading under a level 2.",
         "This heading is level 4 (####) but the heading before it is level 2; level 3 is skipped.",
         "Use the next level down (one more # than the heading above), or make it a level-2 section."),
    Rule("link-text-unclear", W, "accessibility", "A link's words do not say where it goes.",
         "The link text 'click here' does not say where the link goes.",
         "Make the link's words name what it leads to, such as [our quality strategy](quality.md)."),
    # readability
    Rule("sentence-long", W, "readability", "A sentence is longer than 25 words.",
         "This sentence has 31 words: 'We will work with our partners across health and social care ...'.",
         "Split it into two or more sentences, each with one idea."),
    Rule("numbers-dense", W, "readability", "A paragraph holds so many figures that readers will struggle to follow it.",
         "This paragraph has 7 figures in 40 words.",
         "Keep the one or two figures that carry the point, and put the rest in a table."),
    Rule("reading-age-high", I, "readability", "A page's text needs a high reading age to follow.",
         "This page needs a reading age of about 17; aim for 14 or under.",
         "Use shorter sentences and everyday words; site-gen check --report shows each page's estimate."),
    # safety
    Rule("unsafe-content", E, "safety", "A page holds something that could run code or bring in another website: "
         "a script, an embedded frame, an event attribute such as onclick, or a javascript: or data: link.",
         "The page has a <script> element, which could run code or bring another website into the page.",
         "Remove it. To show something from another website, link to it with words that say what it is."),
    Rule("page-name", E, "safety", "A page's file name has characters that cannot go into a web address as they are.",
         "The page name 'Our plan (draft)' cannot be part of a web address as it is.",
         "Rename the file using letters, digits and dashes only, such as content/our-plan-draft.md."),
    Rule("attachment-refused", E, "safety", "A file a page links to or shows, or the logo, is not a kind of file "
         "the website publishes, is not what its name says, or is an SVG picture that could run code.",
         "content/annex.html cannot be published: the website publishes only these kinds of file: PDF document, ...",
         "Turn an HTML file into a page in content/, save other files as PDF, CSV, Excel, Word, OpenDocument, "
         "PNG, JPEG, WebP, GIF or SVG, and take any script or link to another file out of an SVG picture."),
    Rule("archive-changed", E, "safety", "A file of an earlier version kept in archive/ is not as site-gen archive "
         "kept it.",
         "archive/1.0/index.html is not as site-gen archive kept it: it was changed or added by hand.",
         "Put the kept version back as it was (from version control), or delete its folder and keep it again "
         "from its published build with site-gen archive."),
    Rule("shortcut-outside", E, "safety", "A shortcut (symbolic link) in the plan's folders leads to a file or "
         "folder outside the plan.",
         "templates/assets/notes.txt is a shortcut to a file outside the plan's folder. It is never followed.",
         "Copy the file itself into the plan's folder in place of the shortcut, or delete the shortcut."),
    Rule("html-removed", W, "safety", "HTML typed into a page uses an element or attribute the website does not "
         "keep, so it will not appear.",
         "The style attribute of this <p> is not kept on the website.",
         "Use Markdown for formatting (**bold**, lists, tables); the website's own styles do the rest."),
    # lifecycle
    Rule("lifecycle-incomplete", E, "lifecycle", "The plan's status needs information that is missing.",
         "The plan is approved but data/plan.yml records no approval.",
         "Add what the message names to data/plan.yml, or set the status back to draft."),
    Rule("changed-since-approval", E, "lifecycle", "The plan's content has changed since it was approved.",
         "The plan has changed since the governing body approved build 3f9a2c1 on 27 March 2014 (minute GB/14/031); "
         "it is now build 8d41e07. Changed since: 1 figure: Planned care, Target (finance.qipp.planned-care.target), "
         "£2,574,000 to £2,600,000 (+£26,000).",
         "Undo the changes, or take the plan back for approval as a new version: give it a higher version number, "
         "set status: draft, and run site-gen approve after the decision."),
    Rule("approval-unverified", W, "lifecycle", "An approval does not record which build of the plan was approved.",
         "The approval of 27 March 2014 does not record which build of the plan was approved.",
         "Record approvals with site-gen approve, which writes the fingerprint and an approval record."),
    Rule("version-note-missing", W, "lifecycle", "The version number has moved but the version history does not "
         "say what changed.",
         "The plan is version 3.1, but the version history has no entry for 3.1.",
         "Add a version_history: entry for the new version, with its date, who changed it and what changed."),
    Rule("nothing-built", E, "lifecycle", "site-gen archive was run where no site has been built.",
         "There is no built site to keep: build/manifest.json is missing.",
         "Build the published plan with site-gen build, then run site-gen archive."),
    Rule("version-already-kept", E, "lifecycle", "site-gen archive was asked to keep a version that is kept already.",
         "Version 3.1 is already kept in archive/3.1.",
         "A kept version is never replaced: give the next version a new number, build and approve it, then keep that."),
    Rule("version-backwards", E, "lifecycle", "A version number is lower than one before it.",
         "Version 2.4 comes after version 3 in the version history.",
         "Give each new version a higher number than the last; correct the one named."),
    Rule("version-unreadable", E, "lifecycle", "site-gen diff was given a version of the plan it cannot read.",
         "'papers-10' is not a plan folder, an approval record or a git revision of the plan in plan.",
         "Give site-gen diff a plan folder, an approval record (a .json file in approvals/) or a git revision, "
         "such as site-gen diff papers-3."),
    # site
    Rule("template-error", E, "site", "A page template cannot be rendered.",
         "The template pages/home.md.j2 failed: 'plan' is undefined.",
         "Check the template override in your project's templates/ folder."),
    Rule("mkdocs-warning", W, "site", "MkDocs reported a problem while building the website.",
         "MkDocs: Doc file 'about.md' contains a link 'finance.md#totals', but the doc 'finance.md' does not contain an anchor '#totals'.",
         "Correct the link or page named in the message."),
    Rule("page-overflow", E, "site", "The plan on a page would not fit on one page.",
         "The plan on a page does not fit on one A3 page, even with its smallest text and only each priority's "
         "aim: the priority \"Better care at home\" needs 251 mm but has 227 mm, 24 mm too much.",
         "Shorten the aims named, choose fewer priorities with plan_on_a_page: priorities:, or show fewer blocks "
         "with plan_on_a_page: show: in data/plan.yml."),
    Rule("approval-refused", E, "lifecycle", "A decision was not recorded, because the plan does not pass "
         "every check.",
         "The decision was not recorded, because the plan has the problems above.",
         "Fix the problems listed, check again with site-gen check --strict, then record the decision."),
    Rule("approval-build-differs", E, "lifecycle", "The build the minute quotes is not the plan as it is now, so "
         "the decision was not recorded.",
         "The minute quotes build e380ec9, but the plan is now build 36cefc2. Changed since: 1 figure: Running cost "
         "funding, 2015/16 (finance.funding-allocations.running-costs.2015/16), £8,753,000 to £8,653,000 (−£100,000).",
         "Put the plan back as it was in the papers and record the decision again, or take the changed plan back "
         "to the governing body as a new version. If the governing body approved the plan with changes, and these "
         "are the changes, record it with --decision approved-with-changes."),
    Rule("approval-build-unconfirmed", W, "lifecycle", "A decision was recorded for a build other than the last "
         "one made in the plan's folder, which may be the papers.",
         "The plan is build 36cefc2, but the last build made here was build e380ec9 (the papers?). Check that the "
         "minute quotes 36cefc2.",
         "If the minute quotes the other build, take the decision back with site-gen approve --undo."),
    Rule("nothing-to-undo", E, "lifecycle", "site-gen approve --undo found no decision it can take back.",
         "data/plan.yml records no decision, so there is nothing to take back.",
         "Only the last decision recorded by site-gen approve can be taken back; change anything else in "
         "data/plan.yml by hand."),
    Rule("build-failed", E, "site", "The website could not be built; the last good site is kept.",
         "The website was not built because the plan has errors. build/site still holds the last good site.",
         "Fix the errors listed above and build again."),
    Rule("nothing-to-verify", E, "site", "site-gen verify has no manifest to compare the copy with, or no copy "
         "to compare.",
         "There is no build/manifest.json to compare with.",
         "Build the plan first, or name the manifest kept with the published build: --manifest FILE, or "
         "--version X for a version kept with site-gen archive."),
    Rule("output-unwritable", E, "site", "A file the tool makes, such as the board pack, cannot be written where it "
         "was asked to go.",
         "The board pack cannot be written to /media/usb/pack.zip: Permission denied.",
         "Give --output a folder you may write to, with room on its disk, or the name of a new file in one."),
    # the tool itself
    Rule("internal-error", E, "tool", "The tool itself failed. This is a fault in site-gen, not in your plan.",
         "Internal error while processing data/finance.yml: KeyError: 'rows' (check_cells, line 40 of structure.py).",
         "Please report this with the file named; meanwhile the last good site is kept."),
]

# Why each problem matters, said once per code: shown under every finding and in the guide.
WHY = {
    "file-unreadable": "A file the tool cannot read is left out of the plan, so its content would be missing.",
    "missing-file": "Something the plan needs or points to is not there, so it would be missing from the site.",
    "unknown-data-file": "The tool ignores this file, so what you put in it will not appear anywhere.",
    "duplicate-file": "Only one copy is read, so edits to the other would be silently lost.",
    "folder-not-empty": "site-gen new writes only into a new or empty folder, so nothing already there is "
                        "changed or mixed in.",
    "yaml-syntax": "The tool cannot tell what this file says until the layout is right, so none of it is used.",
    "yaml-anchor": "Copies made with anchors hide where a figure really comes from, so a change in one place "
                   "can quietly change another.",
    "yaml-duplicate-key": "Only one of the two values can be kept, and the other would vanish without a word.",
    "front-matter": "The page's title and place in the menu are in its front matter; without it the page "
                    "cannot be placed.",
    "missing-field": "The plan cannot be published without this information.",
    "unknown-field": "The tool cannot use this field or heading here, so what it holds would not appear as "
                     "you meant.",
    "wrong-type": "The tool cannot use a value of the wrong kind; a figure typed as text, for one, cannot be "
                  "added up.",
    "invalid-value": "The site cannot use this value as it is, so it would be wrong or missing on the page.",
    "invalid-date": "A date that does not exist would mislead readers about when things happen.",
    "invalid-id": "Ids become parts of web addresses and references, which must be simple to work.",
    "row-length": "A missing or extra value shifts figures into the wrong columns.",
    "year-normalised": "The site writes every financial year the same way, so readers are never unsure which "
                       "year is meant.",
    "duplicate-id": "References would not know which of the two items they mean.",
    "unknown-reference": "A figure, table or link that points at nothing would leave a gap or an error on the page.",
    "macro-error": "A macro that cannot run leaves the page without the figure or table it should show.",
    "broken-link": "Readers who follow the link would find no page.",
    "external-resource": "Loading from another website tells that website who reads the plan, and the page "
                         "breaks if it goes away.",
    "total-mismatch": "A total that does not add up undermines trust in every figure in the plan.",
    "percentage-mismatch": "A percentage that does not match its figures tells readers two different stories.",
    "risk-score-mismatch": "A wrong score or band makes a risk look more or less serious than it is.",
    "savings-rollup-mismatch": "If scheme savings do not add up to the plan's figure, nobody can tell which is right.",
    "growth-rate-mismatch": "A growth rate that does not match its figures misleads readers about the trend.",
    "relation-mismatch": "A reserve, uplift or amount per head that does not follow from its figures leaves "
                         "readers unsure which figure the plan is built on.",
    "activity-rollup-mismatch": "If the schemes' changes in activity do not add up to the plan's figure, nobody "
                                "can tell how much care will really move.",
    "figure-disagrees": "When the same figure differs in two places, readers cannot tell which one is right.",
    "count-mismatch": "Readers who count the list and find a different number will doubt the rest of the plan.",
    "qualifier-contradicts": "Words like 'at least' and 'over' promise readers something about a figure; "
                             "rounding does not make them true when the data shows the figure on the other side.",
    "hand-typed-money": "A figure typed by hand is easily left out of date when the data changes.",
    "money-unit-missing": "Without a unit, the amount could be read a thousand or a million times too big or small.",
    "status-contradicts": "A status that does not match its figures misleads the governing body and the public.",
    "placeholder": "A placeholder in a published plan tells readers the plan is unfinished.",
    "conversion-missing": "Two figures said to be the same fact cannot be checked against each other until "
                          "the plan says how one unit turns into the other.",
    "column-empty": "A column with nothing in it tells the reader nothing, and is often a sign that figures were "
                    "lost when the plan was typed up.",
    "no-target": "Readers cannot judge progress on a measure unless they know its target, or why it has none.",
    "acronym-undefined": "Many readers will not know what an unexplained acronym means.",
    "check-skipped": "A check that did not run has not passed: a figure it would have caught can still be wrong, "
                     "so it is named until the entry is mended.",
    "risk-unrated": "A risk shown without a rating leaves readers to guess how serious it is; saying that the "
                    "plan gives none tells them it was not overlooked.",
    "risk-rating-unknown": "A rating the plan's own scheme does not define cannot be compared with the others, "
                           "so readers cannot tell how serious the risk is.",
    "risk-bands": "If bands overlap or leave scores out, the same score can be called two things, or nothing, "
                  "and a risk looks more or less serious than it is.",
    "risk-band-open": "An open-ended band is a common way to write the top band; the note says how it was read, "
                      "so you can check that is what the plan means.",
    "stated-growth-mismatch": "A growth rate that does not match the figures beside it tells readers two "
                              "different stories about the trend.",
    "stated-growth-span": "A rate over years the figures do not cover cannot be checked, and readers cannot "
                          "see where it comes from.",
    "chart-data": "A chart that cannot be drawn would leave a gap where readers expect the figures.",
    "acronym-two-expansions": "Readers cannot tell which body or service an acronym names, or whether there are "
                              "two, when it is spelt out two ways.",
    "acronym-two-names": "Readers who meet two acronyms take them for two things, and look in vain for the "
                         "second in the glossary.",
    "text-gap": "A sentence with a hole in it leaves readers guessing at the figure, the year or the list it "
                "meant to give.",
    "content-lost": "Readers of the text are pointed at something they cannot see; the note tells them it is "
                    "missing, and the warning keeps the gap in view until it is filled.",
    "not-stated": "A gap recorded as a gap is honest, and readers see it; an invented value, or a blank with no "
                  "word, would mislead them. The warning keeps each gap in view until the plan's owner fills it.",
    "date-imprecise": "Without its year, readers cannot tell when something happens, and it cannot be put in "
                      "time order with the others.",
    "date-unreadable": "A date the tool cannot read cannot be put in time order, and may not be clear to readers "
                       "either.",
    "sign-off-incomplete": "A sign-off tells readers who stands behind the plan and when; a gap in it may be "
                           "a signature still to be collected before the plan is published.",
    "requirement-unanswered": "National bodies and the public read the plan to see how each requirement is "
                              "met; one listed without an answer looks overlooked.",
    "chart-too-many": "Readers cannot match labels or colours to marks that are too many to tell apart.",
    "chart-title": "A title that states the message tells every reader, including those who cannot see the "
                   "chart, what the figures show.",
    "brand-contrast": "Public bodies must meet the accessibility standard (WCAG 2.2 AA); pale colours "
                      "shut out people with low vision.",
    "logo-alt-missing": "Public bodies must meet the accessibility standard (WCAG 2.2 AA); an image "
                        "without alternative text means nothing to a screen reader.",
    "image-alt-missing": "Public bodies must meet the accessibility standard (WCAG 2.2 AA); an image without "
                         "alternative text tells a screen reader user nothing.",
    "heading-skip": "Screen reader users move around a page by its headings; a skipped level makes them think "
                    "part of the page is missing.",
    "link-text-unclear": "Many screen reader users list a page's links on their own, where 'click here' says "
                         "nothing about where each one goes.",
    "sentence-long": "Long sentences are hard to follow, most of all for people reading in a second language "
                     "or with a learning disability.",
    "numbers-dense": "More than 6 in 10 adults find health information with numbers hard to understand; "
                     "a paragraph full of figures loses them.",
    "reading-age-high": "The plan is for the public; text that needs a high reading age shuts many people out.",
    "unsafe-content": "Anything that runs code on a public NHS website could be used to attack its readers, and "
                      "an embedded site learns who reads the plan.",
    "page-name": "Spaces and symbols in a web address break links, and some mean something else to a browser.",
    "attachment-refused": "A file published on the plan's own website runs with the website's authority: a page or "
                          "picture carrying a script could attack everyone who opens it.",
    "archive-changed": "An earlier version is published as it was approved; a file changed by hand would go live "
                       "under that approval, unchecked.",
    "nothing-built": "site-gen archive keeps exactly what site-gen build made, so with no build there is nothing "
                     "to keep.",
    "version-already-kept": "A version once published is kept exactly as it was, so that its address always shows "
                            "what readers saw then.",
    "shortcut-outside": "A plan folder can come from anywhere; a shortcut could publish a private file from the "
                        "computer that builds the site, or change an approved plan without changing the plan.",
    "html-removed": "What you typed would silently disappear from the page, which may change its meaning.",
    "lifecycle-incomplete": "The site must say truthfully where the plan is in its approval, so readers "
                            "know how far to rely on it.",
    "changed-since-approval": "What goes live must be exactly what the governing body approved; anything else "
                              "is a plan nobody has agreed to.",
    "approval-unverified": "Without the fingerprint of what was approved, nobody can show that the published plan "
                           "is the one the governing body saw.",
    "version-note-missing": "Readers and the governing body need to know what changed from one version to the "
                            "next.",
    "version-backwards": "Versions that go backwards make it impossible to tell which version is the latest.",
    "version-unreadable": "site-gen diff compares only versions it can read, so nothing was compared and nothing "
                          "is said about what changed.",
    "template-error": "A broken template stops the page being made.",
    "mkdocs-warning": "The website builder found something on a page that readers would see as broken.",
    "page-overflow": "A plan on a page that spills onto a second sheet, or shrinks its text, stops being "
                     "a plan on a page.",
    "approval-refused": "An approved plan is published as it stands; a plan that fails its checks cannot be "
                        "published, so it cannot be recorded as approved.",
    "approval-build-differs": "The minute records the build the governing body saw; a decision recorded for any "
                              "other build would approve a plan nobody has agreed to.",
    "approval-build-unconfirmed": "The papers usually come from the last build made; a decision recorded for "
                                  "another build may approve a plan the governing body never saw.",
    "nothing-to-undo": "Only a decision site-gen approve recorded is taken back, so that nothing else in "
                       "data/plan.yml is changed by mistake.",
    "build-failed": "The new site was not published, so readers still see the last good version.",
    "nothing-to-verify": "site-gen verify shows that a copy is exactly what was built only by comparing it with "
                         "that build's manifest; without both, nothing has been checked.",
    "output-unwritable": "Nothing was written, so there is no new file to hand out; any file already there is "
                         "unchanged.",
    "internal-error": "The tool stopped partway, so the check is incomplete.",
}

RULES: dict[str, Rule] = {r.code: replace(r, why=WHY[r.code]) for r in _RULES}


def rule(code: str) -> Rule:
    return RULES[code]


def internal_error(file: str, err: BaseException) -> Finding:
    """A fault of the tool, reported as a finding naming what it was working on, never a bare traceback."""
    frame = traceback.extract_tb(err.__traceback__)[-1] if err.__traceback__ else None
    where = f" ({frame.name}, line {frame.lineno} of {frame.filename.rsplit('/', 1)[-1]})" if frame else ""
    return RULES["internal-error"](Location(file), f"Internal error while processing {file or 'the plan'}: "
                                   f"{type(err).__name__}: {err}{where}.")
