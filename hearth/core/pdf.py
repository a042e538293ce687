"""PDF from HTML with WeasyPrint (pango from the operating system lays out the text).

Every PDF Hearth makes (a child's chronology, a performance report, a subject access export) is
rendered from the same templates as its page, with a print stylesheet carried inline. Nothing is
fetched over the network or from disk while rendering: the document links nothing.
"""

from pathlib import Path

from django.contrib.staticfiles import finders


def stylesheet(static_path: str) -> str:
    """A stylesheet from the static files, to carry inline in a PDF's HTML."""
    return Path(finders.find(static_path)).read_text()


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"The PDF fetches nothing: {url}")


def html_to_pdf(html: str, *, laid_out=None) -> bytes:
    """The PDF of the HTML. `laid_out(pages)`, if given, is called between WeasyPrint's two steps
    (laying out the pages, then writing the file), for a background task's progress."""
    from weasyprint import HTML  # imported here: loading pango costs a fraction of a second

    document = HTML(string=html, url_fetcher=_no_fetching).render()
    if laid_out is not None:
        laid_out(len(document.pages))
    return document.write_pdf()
