"""The census file's tables, the same as the DfE tool's own reading makes them, made in one pass.

Run by the validators' Python (runner.py imports it), never by Hearth (whose tests import runner.py
for registry_module; nothing here runs at import): it uses pandas and the DfE's package
(`cin_validator`), never Django or anything of Hearth's.

Why. The tool's reading of the XML (`cin_validator.ingress.XMLtoCSV`, through `convert_data`) builds
a one-row DataFrame for each table a child has rows in and appends it to the table so far with a
pandas concat, for every child: about 5.5 ms of CPU a child even in batches, and a copy of the whole
table each time (docs/performance.md, "The census at 10,000 children in need"). Its rules then run
on the tables, not on the XML. So the runner gives the tool's rules the tables this module makes:
the same walk over the same elements (XMLtoCSV's, method by method: the same find and findall, the
same dicts with their keys in the same order, the same IDs counted within each child and episode),
each table built once at the end. Nothing of the rules is touched: `CinValidator` receives the tables
and runs every rule of the year as before.

"The same tables" is exact, not "alike": the same columns in the same order, the same dtypes, the
same index, and in every cell the same value of the same type. The delicate part is the missing
values. The tool's get_values gives pd.NA for an element that is not there, and its concats turn
some of those into NaN and leave others: pandas 1.5 fills a block that is all missing in the frame
being appended with the result's missing value (NaN for an object column), and which columns form a
block depends on the frame's column order, which comes from a Python set (`list(set(columns)
.difference(set(id_cols)))` in each XMLtoCSV method), so on the process's hash seed, and on whether
it is the table's first concat. Rather than re-state pandas' rule, this module asks pandas: for each
shape of frame it meets (which cells are missing, and how), it appends a stand-in frame of that shape
(the same keys in the same order, values of the same types) to a one-row copy of the table as the
tool's first concat left it, and reads off which cells came out NaN, None or as they were; the real
frame's cells follow. The first frame of each table is appended for real, as the tool does. A file
has a few dozen shapes, so this costs a few dozen small concats, not one a child. The same rule
applies to the table's side of each concat: a block of the table that is all missing so far is
filled too, at the next concat that appends rows (`_fill_missing_blocks`; the blocks are the table's
as its first concat left them, and a stand-in whose concat would change them is not modelled).

Checked cell by cell against the tool's own reading (`differences`), under several hash seeds, on
generated files with every element present, missing, missing throughout or empty at random
(hearth/returns/tests/test_cin_census_reading.py), and, by the failures the tool's rules report,
on a built council's census with deliberate mistakes (test_returns_of_a_built_council.py).

Anything this walk does not model is left to the tool: `tables` returns None (and the runner uses
the tool's own reading) for a file with a child without an LAchildID or a ChildCharacteristics (the
tool's reading raises on the latter), or with ChildProtectionPlans or Reviews directly under a Child
(the tool reads those with the last episode's ID), and for any version of the tool or of pandas other
than the ones this was checked against.
"""

import xml.etree.ElementTree as ET

CHECKED_VERSIONS = {"cin_validator": "0.1.13", "pandas": "1.5.3"}

try:
    from pandas import NA as _NA
except ImportError:  # imported where pandas is not (Hearth's own tooling): nothing here is used
    _NA = object()

TABLES = (
    "Header",
    "ChildIdentifiers",
    "ChildCharacteristics",
    "ChildProtectionPlans",
    "CINdetails",
    "CINplanDates",
    "Reviews",
    "Section47",
    "Assessments",
    "AssessmentFactorsList",
    "Disabilities",
)


class NotModelled(Exception):
    """The file has something this reading does not model: the tool's own reading is used."""


def versions_checked() -> bool:
    from importlib.metadata import version

    import pandas as pd

    return version("csc-validator-be-cin") == CHECKED_VERSIONS["cin_validator"] and (
        pd.__version__ == CHECKED_VERSIONS["pandas"]
    )


def _elements(table) -> list[str]:
    """The columns XMLtoCSV reads from the XML for a table, in its order: the very expression its
    methods use (a set's order, so this process's, as the tool's would be)."""
    from cin_validator.ingress import XMLtoCSV

    return list(set(table.columns).difference(set(XMLtoCSV.id_cols)))


def frame_order(name: str) -> bool:
    """Whether the tool's frames for a table have the table's column order in this process (its
    set's order; pandas reindexes a frame that has not): for the tests, to know both were met."""
    from cin_validator.ingress import XMLtoCSV

    table = getattr(XMLtoCSV, name)
    if name == "ChildIdentifiers":
        return True
    ids = [column for column in table.columns if column in XMLtoCSV.id_cols]
    return ids + _elements(table) == list(table.columns)


def _value(block: ET.Element | None, tag: str):
    """The tool's get_values for one element: its text, or pd.NA when there is no such element."""
    found = None if block is None else block.find(tag)
    return _NA if found is None else found.text  # None for an empty element, as the tool's


class _Reader:
    def __init__(self):
        from cin_validator.ingress import XMLtoCSV

        self.empty = {name: getattr(XMLtoCSV, name) for name in TABLES if name != "Header"}
        self.columns = {name: list(table.columns) for name, table in self.empty.items()}
        self.elements = {name: _elements(table) for name, table in self.empty.items()}
        self.rows = {name: [] for name in self.columns}
        # Whether the tool would have appended anything to the table (a table never appended to is
        # the tool's empty one; one appended only empty frames is that concat's result).
        self.appended = dict.fromkeys(self.columns, False)
        # Per table: one row of the table as the tool's first concat left it (its blocks), the
        # blocks as lists of columns, and what pandas made of each shape of frame appended to it.
        self.probe = {}
        self.blocks = {}
        self.outcomes = {name: {} for name in self.columns}
        # Per table and block: whether every cell of it is missing so far, and from which row the
        # cells have not yet been filled (see _fill_missing_blocks).
        self.all_missing = {}
        self.unfilled_from = {}

    def _append(self, name: str, frame: list[dict]) -> None:
        """One of the tool's concats, `pd.concat([table, pd.DataFrame(frame)], ignore_index=True)`:
        the frame's rows, each missing cell as pandas leaves it."""
        import pandas as pd

        self.appended[name] = True
        if not frame:
            return  # pandas drops an empty frame (no columns) from a concat: nothing changes
        if name not in self.probe:
            # The table's first rows: appended for real to the tool's empty table, as the tool does.
            result = pd.concat([self.empty[name], pd.DataFrame(frame)], ignore_index=True)
            self.probe[name] = result.iloc[:1]
            self.blocks[name] = _blocks_of(result)
            self.all_missing[name] = [True] * len(self.blocks[name])
            self.unfilled_from[name] = [0] * len(self.blocks[name])
            made = [[result[column].iat[index] for column in frame[0]] for index in range(len(frame))]
        else:
            self._fill_missing_blocks(name)
            shape = tuple(tuple(_kind(value) or type(value) for value in row.values()) for row in frame)
            made = self.outcomes[name].get(shape)
            if made is None:
                stand_in = pd.DataFrame([dict(zip(row, _stand_in(row.values()), strict=True)) for row in frame])
                result = pd.concat([self.probe[name], stand_in], ignore_index=True)
                if _blocks_of(result) != self.blocks[name]:
                    raise NotModelled(f"{name}: a frame that changes the table's blocks")
                made = [[result[column].iat[1 + index] for column in frame[0]] for index in range(len(frame))]
                self.outcomes[name][shape] = made
        for row, came_out in zip(frame, made, strict=True):
            for column, value in zip(list(row), came_out, strict=True):
                if _kind(row[column]) or _kind(value):
                    row[column] = value  # a missing value as pandas left it (pd.NA, NaN or None)
        rows = self.rows[name]
        rows.extend(frame)
        for block, columns in enumerate(self.blocks[name]):
            if self.all_missing[name][block]:
                self.all_missing[name][block] = all(_kind(row[column]) for row in frame for column in columns)

    def _fill_missing_blocks(self, name: str) -> None:
        """pandas' rule for the table's side of a concat: a block of the table whose every cell is
        missing is filled with NaN (None if its first cell is None), as the frame's are. So a column
        missing in every child so far (an item no child has yet) is NaN, whatever it was."""
        import numpy as np

        rows = self.rows[name]
        for block, columns in enumerate(self.blocks[name]):
            if self.all_missing[name][block]:
                fill = None if rows[0][columns[0]] is None else np.nan
                for row in rows[self.unfilled_from[name][block] :]:
                    for column in columns:
                        row[column] = fill
                self.unfilled_from[name][block] = len(rows)

    def child(self, child: ET.Element) -> None:
        identifiers = child.find("ChildIdentifiers")
        row = {column: _value(identifiers, column) for column in self.columns["ChildIdentifiers"]}
        child_id = row["LAchildID"]
        if not isinstance(child_id, str):
            raise NotModelled("a child without an LAchildID")
        self.child_id = child_id
        self._append("ChildIdentifiers", [row])

        characteristics = child.find("ChildCharacteristics")
        if characteristics is None:
            raise NotModelled("a child without ChildCharacteristics (the tool's reading raises)")
        row = {"LAchildID": child_id}
        row.update((column, _value(characteristics, column)) for column in self.elements["ChildCharacteristics"])
        self._append("ChildCharacteristics", [row])
        disabilities = characteristics.find("Disabilities")
        if disabilities is not None:
            frame = []
            for disability in disabilities:
                row = {"LAchildID": child_id}
                row.update((column, _value(disability, column)) for column in self.elements["Disabilities"])
                row["Disability"] = disability.text
                frame.append(row)
            self._append("Disabilities", frame)

        frame = []
        for number, details in enumerate(child.findall("CINdetails"), start=1):
            row = {"LAchildID": child_id, "CINdetailsID": number}
            row.update((column, _value(details, column)) for column in self.elements["CINdetails"])
            frame.append(row)
            self._episode(details, number)
        self._append("CINdetails", frame)

        # The tool also looks for plans and reviews directly under the child (none in a census as
        # the DfE describes it); it would give them the last episode's ID.
        if child.find("ChildProtectionPlans") is not None or child.find("Reviews") is not None:
            raise NotModelled("ChildProtectionPlans or Reviews directly under a Child")
        self._append("ChildProtectionPlans", [])
        self._append("Reviews", [])

    def _episode(self, details: ET.Element, episode: int) -> None:
        frame = []
        for number, assessment in enumerate(details.findall("Assessments"), start=1):
            row = {"LAchildID": self.child_id, "CINdetailsID": episode, "AssessmentID": number}
            row.update((column, _value(assessment, column)) for column in self.elements["Assessments"])
            factors = assessment.find("FactorsIdentifiedAtAssessment")
            if factors is not None and len(factors) != 0:
                found = []
                for factor in factors:
                    factor_row = {"LAchildID": self.child_id, "CINdetailsID": episode, "AssessmentID": number}
                    factor_row.update(
                        (column, _value(factor, column)) for column in self.elements["AssessmentFactorsList"]
                    )
                    factor_row["AssessmentFactor"] = factor.text
                    found.append(factor_row)
                self._append("AssessmentFactorsList", found)
                row["AssessmentFactors"] = [factor_row["AssessmentFactor"] for factor_row in found]
            frame.append(row)
        self._append("Assessments", frame)

        for name, tag in (("CINplanDates", "CINPlanDates"), ("Section47", "Section47")):
            frame = []
            for element in details.findall(tag):
                row = {"LAchildID": self.child_id, "CINdetailsID": episode}
                row.update((column, _value(element, column)) for column in self.elements[name])
                frame.append(row)
            self._append(name, frame)

        frame = []
        for number, plan in enumerate(details.findall("ChildProtectionPlans"), start=1):
            row = {"LAchildID": self.child_id, "CINdetailsID": episode, "CPPID": number}
            row.update((column, _value(plan, column)) for column in self.elements["ChildProtectionPlans"])
            frame.append(row)
            reviews = []
            for review in plan.findall("Reviews[CPPreviewDate]"):
                review_row = {"LAchildID": self.child_id, "CINdetailsID": episode, "CPPID": number}
                review_row.update((column, _value(review, column)) for column in self.elements["Reviews"])
                reviews.append(review_row)
            self._append("Reviews", reviews)
        self._append("ChildProtectionPlans", frame)

    def table(self, name: str):
        """The table as the tool's concats leave it: object columns in the table's order, a RangeIndex."""
        import numpy as np
        import pandas as pd
        from cin_validator.ingress import XMLtoCSV

        rows = self.rows[name]
        if not rows:
            empty = getattr(XMLtoCSV, name)
            # Never appended to: the tool returns its empty table; appended only empty frames: the
            # concat of those.
            return pd.concat([empty, pd.DataFrame([])], ignore_index=True) if self.appended[name] else empty.copy()
        data = {}
        for column in self.columns[name]:
            values = np.empty(len(rows), dtype=object)
            for index, row in enumerate(rows):
                values[index] = row[column]
            data[column] = values
        return pd.DataFrame(data, columns=self.columns[name], index=pd.RangeIndex(len(rows)), copy=False)


def _kind(value) -> str:
    """Which missing value a frame's cell is (pd.NA, NaN or None), or "" for a value."""
    if value is None:
        return "None"
    if isinstance(value, float) and value != value:
        return "NaN"
    if value is _NA:
        return "NA"
    return ""


def _blocks_of(table) -> list[list[str]]:
    """The table's blocks (pandas' internal columns grouped by storage), as lists of column names."""
    return sorted([list(table.columns[block.mgr_locs.as_array]) for block in table._mgr.blocks])


def _stand_in(values):
    """A frame's row with each value replaced by one of the same type (pandas infers a column's
    dtype from them: ints stay ints, texts object, factor lists lists); missing values kept."""
    for value in values:
        if _kind(value):
            yield value
        elif isinstance(value, list):
            yield ["x"]
        elif isinstance(value, int):
            yield 1
        else:
            yield "x"


def tables(root: ET.Element) -> dict | None:
    """The census's tables as `cin_validator.convert_data(root)` makes them, or None if the file has
    something this reading does not model (then the tool's own reading must be used)."""
    from cin_validator.ingress import XMLtoCSV

    if not versions_checked():
        return None
    reader = _Reader()
    try:
        for child in root.find("Children").findall("Child"):
            reader.child(child)
    except NotModelled:
        return None
    # The Header is one row, read by the tool's own method (not per child: its cost is nothing).
    header = XMLtoCSV.create_Header(None, root.find("Header"))
    return {name: header if name == "Header" else reader.table(name) for name in TABLES}


def differences(ours: dict, theirs: dict) -> list[str]:
    """Where two sets of tables differ, strictly: names, columns, dtypes, index, and every cell's
    value and type (pd.NA is not NaN, None is neither). An empty list: the same tables."""
    import math

    found = []
    if list(ours) != list(theirs):
        return [f"tables {list(ours)} against {list(theirs)}"]
    for name in ours:
        a, b = ours[name], theirs[name]
        if list(a.columns) != list(b.columns):
            found.append(f"{name}: columns {list(a.columns)} against {list(b.columns)}")
            continue
        if [str(t) for t in a.dtypes] != [str(t) for t in b.dtypes]:
            found.append(f"{name}: dtypes {list(a.dtypes)} against {list(b.dtypes)}")
        if type(a.index) is not type(b.index) or not a.index.equals(b.index):
            found.append(f"{name}: index {a.index!r} against {b.index!r}")
            continue
        for column in a.columns:
            for row, (x, y) in enumerate(zip(a[column].tolist(), b[column].tolist(), strict=True)):
                same_type = type(x) is type(y)
                same = same_type and ((isinstance(x, float) and math.isnan(x) and math.isnan(y)) or x is y or x == y)
                if not same:
                    where = f"{name}[{row}].{column}"
                    found.append(f"{where}: {x!r} ({type(x).__name__}) against {y!r} ({type(y).__name__})")
                    if len(found) > 50:
                        return found
    return found
