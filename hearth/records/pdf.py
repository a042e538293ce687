"""PDF from HTML with WeasyPrint (pango from the operating system lays out the text).

The chronology's PDF is rendered from the same list template as the page, with the print
stylesheet the browser uses when the page is printed, so the paper, the PDF and the screen agree.
No resource is fetched over the network: the document carries its stylesheet inline and links
nothing else.
"""

from pathlib import Path

from django.contrib.staticfiles import finders

PRINT_STYLESHEET = "hearth/records-print.css"


def print_stylesheet() -> str:
    return Path(finders.find(PRINT_STYLESHEET)).read_text()


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"The PDF fetches nothing: {url}")


def chronology_pdf_bytes(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading pango costs a fraction of a second

    return HTML(string=html, url_fetcher=_no_fetching).write_pdf()
