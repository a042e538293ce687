"""Annex A as one Excel workbook: a sheet about the workbook (the period, each list's rows, what
was withheld and why, what Hearth cannot fill), then one sheet per list in Ofsted's order, its
headings in Ofsted's words on the first row and one row per record beneath. Written with
XlsxWriter through hearth/core/spreadsheets.py, so no value can become a formula or a link."""

import datetime
import io
from dataclasses import dataclass

from django.utils import timezone

from hearth.core.spreadsheets import new_workbook
from hearth.returns.annex_a.lists import NOT_RECORDED_COLUMN
from hearth.returns.annex_a.rows import BuiltList, Period

ABOUT_SHEET = "About this workbook"
DATE_FORMAT = "dd/mm/yyyy"


@dataclass
class ListForExport:
    """A list as exported to one person: the rows they may see, and how many they may not."""

    built: BuiltList
    shown: list  # Row
    withheld: int  # rows about children whose records are restricted or sealed from the exporter


def _note(item: ListForExport) -> str:
    spec = item.built.spec
    parts = []
    if spec.not_recorded:
        parts.append(spec.not_recorded)
    if spec.window_note:
        parts.append(spec.window_note)
    if item.withheld:
        parts.append(
            f"{item.withheld} row{'s' if item.withheld != 1 else ''} not listed: the "
            f"child{'ren' if item.withheld != 1 else ''}'s record{'s are' if item.withheld != 1 else ' is'} "
            "restricted or sealed from the person who exported this workbook."
        )
    for heading, why in spec.blank.items():
        parts.append(f"{heading}: {why}")
    return " ".join(parts)


def annex_a_workbook(lists: list[ListForExport], period: Period, made_at: datetime.datetime | None = None) -> bytes:
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    dates = workbook.add_format({"num_format": DATE_FORMAT})
    _about_sheet(workbook, lists, period, made_at or timezone.now(), bold, wrap)
    for item in lists:
        _list_sheet(workbook, item, bold, dates)
    workbook.close()
    return buffer.getvalue()


def _about_sheet(workbook, lists, period, made_at, bold, wrap) -> None:
    sheet = workbook.add_worksheet(ABOUT_SHEET)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 2, 14)
    sheet.set_column(3, 3, 100)
    sheet.write(0, 0, "Ofsted Annex A: the lists for an inspection of children's services (ILACS)", bold)
    sheet.write(1, 0, "Period")
    sheet.write(1, 1, f"{period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}")
    sheet.write(2, 0, "Made")
    sheet.write(2, 1, f"{timezone.localtime(made_at):%d/%m/%Y %H:%M}")
    sheet.write_row(4, 0, ["List", "Rows", "Not listed", "Notes"], bold)
    for row, item in enumerate(lists, start=5):
        sheet.write(row, 0, item.built.spec.sheet_name)
        sheet.write_number(row, 1, len(item.shown))
        sheet.write_number(row, 2, item.withheld)
        sheet.write(row, 3, _note(item), wrap)


def _list_sheet(workbook, item: ListForExport, bold, dates) -> None:
    spec = item.built.spec
    sheet = workbook.add_worksheet(spec.sheet_name)
    sheet.write_row(0, 0, spec.headings, bold)
    sheet.set_row(0, 60)
    sheet.set_column(0, len(spec.headings) - 1, 18)
    sheet.freeze_panes(1, 0)
    note = _note(item)
    if note:
        sheet.write_comment(0, 0, note, {"x_scale": 3, "y_scale": 3})
    for column, heading in enumerate(spec.headings):
        if heading in spec.blank and column:
            sheet.write_comment(0, column, spec.blank[heading] or NOT_RECORDED_COLUMN, {"x_scale": 2, "y_scale": 2})
    for row_number, row in enumerate(item.shown, start=1):
        for column, value in enumerate(row.values):
            _write(sheet, row_number, column, value, dates)


def _write(sheet, row: int, column: int, value, dates) -> None:
    if value is None or value == "":
        return
    if isinstance(value, datetime.date):
        sheet.write_datetime(row, column, datetime.datetime.combine(value, datetime.time.min), dates)
    elif isinstance(value, bool):
        sheet.write_string(row, column, str(value))
    elif isinstance(value, int):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, str(value))
