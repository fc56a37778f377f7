"""PDFs: the plan on a page, rendered by WeasyPrint as tagged PDF/UA-1."""
