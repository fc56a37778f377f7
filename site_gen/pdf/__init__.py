"""PDFs: the plan on a page, the full plan and the decision sheet, typeset by Typst as tagged PDF/UA-1."""
