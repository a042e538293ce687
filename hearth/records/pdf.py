"""The chronology's PDF is rendered from the same list template as the page, with the print
stylesheet the browser uses when the page is printed, so the paper, the PDF and the screen agree
(hearth/core/pdf.py does the rendering)."""

from hearth.core.pdf import html_to_pdf, stylesheet

PRINT_STYLESHEET = "hearth/records-print.css"


def print_stylesheet() -> str:
    return stylesheet(PRINT_STYLESHEET)


def chronology_pdf_bytes(html: str) -> bytes:
    return html_to_pdf(html)
