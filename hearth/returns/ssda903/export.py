"""The SSDA903 return for a collection year, as the DfE's CSV files, every value read from the
record by the builders listed in files.RETURN_903_FILES for the year (docs/returns-903.md)."""

import csv
import io
from collections.abc import Callable

from django.utils.module_loading import import_string

from hearth.core.shared_reads import shared_reads
from hearth.returns.ssda903.common import collection_bounds
from hearth.returns.ssda903.files import files_for_year


def to_csv(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    """A CSV file with the DfE's column names as its first row, UTF-8, CRLF line ends."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def export_903(collection_year: int, progress: Callable[[int, int], None] | None = None) -> dict[str, bytes]:
    """The return for the year ending 31 March `collection_year` (2026: 1 April 2025 to 31 March
    2026): file name ("Header.csv", ...) -> CSV bytes. `progress(done, total)` is called as each
    file is made. The files share their reads (the year's episodes and looked-after children are
    read once for the return, not once for each file: hearth/core/shared_reads.py)."""
    year_start, year_end = collection_bounds(collection_year)
    return_files = files_for_year(collection_year)
    total = len(return_files)
    files = {}
    if progress:
        progress(0, total)
    with shared_reads():
        for done, (name, columns, builder) in enumerate(return_files, start=1):
            files[f"{name}.csv"] = to_csv(columns, import_string(builder)(year_start, year_end))
            if progress:
                progress(done, total)
    return files
