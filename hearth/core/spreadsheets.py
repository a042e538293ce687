"""Every workbook Hearth writes is made here, so that what a user typed can never become a live
formula or link in Excel (formula injection: "=HYPERLINK(...)" in a commentary or a name)."""

import xlsxwriter

# XlsxWriter turns a string starting with "=" into a formula and one that looks like a URL into a
# link unless told not to; every value Hearth writes is data, so both are off.
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(buffer) -> xlsxwriter.Workbook:
    """A workbook writing into `buffer` that writes every string as a string."""
    return xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)


def new_streamed_workbook(buffer) -> xlsxwriter.Workbook:
    """A workbook for hundreds of thousands of rows: each row goes to a temporary file as it is
    written (XlsxWriter's constant-memory mode) instead of staying in memory as cell objects until the
    end (272 MB of Python for a large council's month in memory). Rows must be written in order, a
    sheet at a time."""
    return xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "in_memory": False, "constant_memory": True})
