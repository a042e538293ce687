"""Reading what people type."""

import re

# str.isdigit() accepts superscripts and other scripts' digits that int() and the database refuse;
# identifiers typed into Hearth are plain 0-9.
ASCII_DIGITS = re.compile(r"[0-9]+")
