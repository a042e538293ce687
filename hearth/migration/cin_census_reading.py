"""Reading a children in need census XML file, as the DfE defines it, whoever wrote it: elements
found by their names, optional ones may be left out, each element kept with the line it is on (so a
refusal says "CIN_Census_2025.xml, line 48, element CINreferralDate"). Nothing here knows the
record; it only reads (docs/migration.md)."""

import re
import xml.parsers.expat
from dataclasses import dataclass, field

ERROR_NOT_XML = "The file is not well-formed XML: {reason}"
ERROR_NOT_CENSUS = "The file is not a children in need census: its root element is {tag}, not Message"
ERROR_DOCTYPE = "The file declares a DOCTYPE: a census has none, and entities from one are not read"
ERROR_NO_YEAR = (
    "The census does not say its collection year: give Header > CollectionDetails > Year (2025 for the year "
    "ending 31 March 2025), or name the file or its folder by the year"
)


@dataclass
class Element:
    """One XML element: its name, text, line and children (the census has no attributes that matter)."""

    tag: str
    line: int
    text: str = ""
    children: list["Element"] = field(default_factory=list)

    def find(self, tag: str) -> "Element | None":
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list["Element"]:
        return [child for child in self.children if child.tag == tag]

    def value(self, tag: str) -> str:
        found = self.find(tag)
        return found.text.strip() if found is not None else ""

    def line_of(self, tag: str) -> int:
        found = self.find(tag)
        return found.line if found is not None else self.line


def _local(name: str) -> str:
    """An element's name without any namespace a system wrote it with."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def parse_xml(content: bytes) -> Element:
    """The document's root element; raises ValueError (with its line) if it is not well-formed."""
    parser = xml.parsers.expat.ParserCreate()
    stack: list[Element] = []
    root: list[Element] = []

    def start(name, _attributes):
        element = Element(_local(name), parser.CurrentLineNumber)
        (stack[-1].children if stack else root).append(element)
        stack.append(element)

    def end(_name):
        stack.pop()

    def text(data):
        if stack:
            stack[-1].text += data

    def doctype(*_arguments):
        # A census has no DTD; refusing one keeps entity expansion (and any external entity) out.
        raise ValueError(f"line {parser.CurrentLineNumber}: {ERROR_DOCTYPE}")

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(content, True)
    except xml.parsers.expat.ExpatError as error:
        raise ValueError(f"line {error.lineno}: {xml.parsers.expat.ErrorString(error.code)}") from error
    if not root:
        raise ValueError("line 1: no element")
    return root[0]


def year_in_name(name: str) -> int | None:
    """The collection year a file or folder name gives: "CIN_Census_2025.xml" -> 2025, "2024-25" -> 2025."""
    span = re.search(r"(20\d\d)\s*[-_ ]\s*(\d{2}|20\d\d)(?!\d)", name)
    if span:
        start, end = int(span[1]), span[2]
        end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        return end_year if end_year == start + 1 else None
    single = re.search(r"(?<!\d)(20\d\d)(?!\d)", name)
    return int(single[1]) if single else None


@dataclass
class CensusFile:
    """One year's census as read: its year, the Child elements, and any problem with the file itself."""

    path: str  # as the upload or folder holds it: "2024-25/CIN_Census_2025.xml"
    year: int = 0
    children: list[Element] = field(default_factory=list)
    problems: list = field(default_factory=list)  # reading.Problem


def read_census(content: bytes, path: str, folder_year: int | None = None) -> CensusFile:
    """The census in `content`: its year from its Header, else from its name or its folder's."""
    from hearth.migration.reading import Problem, year_has_ended, year_not_ended_reason

    census = CensusFile(path=path)
    try:
        root = parse_xml(content)
    except ValueError as error:
        line = int(re.match(r"line (\d+)", str(error))[1])
        census.problems.append(Problem(path, line, "", ERROR_NOT_XML.format(reason=str(error).split(": ", 1)[1])))
        return census
    if root.tag != "Message":
        census.problems.append(Problem(path, root.line, "", ERROR_NOT_CENSUS.format(tag=root.tag)))
        return census
    details = (root.find("Header") or Element("", 0)).find("CollectionDetails")
    stated = details.value("Year") if details is not None else ""
    year = int(stated) if stated.isdigit() else year_in_name(path.rsplit("/", 1)[-1]) or folder_year
    if year is None:
        census.problems.append(Problem(path, root.line, "Year", ERROR_NO_YEAR))
        return census
    if not year_has_ended(year):
        census.problems.append(Problem(path, root.line, "Year", year_not_ended_reason(year)))
        return census
    census.year = year
    children = root.find("Children")
    census.children = children.findall("Child") if children is not None else []
    return census
