"""What a file really is, read from its content (its first bytes and, for Office files, its
inner structure), not from the name it was given. Python's own zipfile is enough: no dependency.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str  # as people call it, for messages: "a PDF", "a Word document"
    content_type: str
    extensions: tuple[str, ...]


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "a PDF", "application/pdf", (".pdf",)),
        FileKind(
            "docx",
            "a Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileKind("doc", "a Word 97-2003 document", "application/msword", (".doc",)),
        FileKind(
            "xlsx", "an Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
        ),
        FileKind(
            "pptx",
            "a PowerPoint presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        FileKind("jpeg", "a JPEG image", "image/jpeg", (".jpg", ".jpeg")),
        FileKind("png", "a PNG image", "image/png", (".png",)),
    )
}
ALLOWED_EXTENSIONS = tuple(extension for kind in KINDS.values() for extension in kind.extensions)

PDF_MAGIC = b"%PDF-"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Office 97-2003
# A Word 97-2003 file is a compound file holding a stream named WordDocument (its directory
# entry names are UTF-16); an Excel or PowerPoint compound file has none.
WORD_STREAM_NAME = "WordDocument".encode("utf-16-le")
# Macros: an Office Open XML package carries them in a vbaProject.bin part (a .docm, .xlsm or .pptm,
# whatever it is renamed to); a 97-2003 compound file in a _VBA_PROJECT stream or a Macros storage.
OOXML_MACRO_PART = "vbaProject.bin"
OLE2_MACRO_NAMES = ("_VBA_PROJECT".encode("utf-16-le"), "Macros".encode("utf-16-le"))
# The part each Office Open XML (ECMA-376) package must have, by kind.
OOXML_MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}


def kind_claimed_by_name(filename: str) -> FileKind | None:
    extension = PurePath(filename or "").suffix.lower()
    return next((kind for kind in KINDS.values() if extension in kind.extensions), None)


def kind_from_content(file) -> FileKind | None:
    """The kind of file its bytes show, or None if it is none of the kinds Hearth keeps. Reads
    from the start of a seekable file and leaves it at the start."""
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    try:
        if head.startswith(PDF_MAGIC):
            return KINDS["pdf"]
        if head.startswith(PNG_MAGIC):
            return KINDS["png"]
        if head.startswith(JPEG_MAGIC):
            return KINDS["jpeg"]
        if head.startswith(ZIP_MAGIC):
            return _ooxml_kind(file)
        if head.startswith(OLE2_MAGIC):
            return KINDS["doc"] if _holds_word_stream(file) else None
        return None
    finally:
        file.seek(0)


def _ooxml_kind(file) -> FileKind | None:
    # Only the zip's directory is read (no part is decompressed), so a zip bomb costs nothing.
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((KINDS[key] for key, part in OOXML_MAIN_PARTS.items() if part in names), None)


def _holds_word_stream(file) -> bool:
    previous_tail = b""
    while chunk := file.read(1024 * 1024):
        if WORD_STREAM_NAME in previous_tail + chunk:
            return True
        previous_tail = chunk[-len(WORD_STREAM_NAME) :]
    return False


def holds_macros(file) -> bool:
    """Whether an Office file carries macros (code that runs when it is opened), read from its
    content. Reads from the start of a seekable file and leaves it at the start."""
    file.seek(0)
    head = file.read(len(OLE2_MAGIC))
    file.seek(0)
    try:
        if head.startswith(ZIP_MAGIC):
            try:
                with zipfile.ZipFile(file) as package:
                    return any(PurePath(name).name.lower() == OOXML_MACRO_PART.lower() for name in package.namelist())
            except (zipfile.BadZipFile, OSError, ValueError):
                return False
        if head.startswith(OLE2_MAGIC):
            return _holds_any(file, OLE2_MACRO_NAMES)
        return False
    finally:
        file.seek(0)


def _holds_any(file, names: tuple[bytes, ...]) -> bool:
    longest, previous_tail = max(len(name) for name in names), b""
    while chunk := file.read(1024 * 1024):
        window = previous_tail + chunk
        if any(name in window for name in names):
            return True
        previous_tail = chunk[-longest:]
    return False
