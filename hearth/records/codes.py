"""The records area's code lists, as data for the NoteType and AlertType tables.

These are the council's own lists (no DfE code list exists for case note types or alerts); a
council can add types, or mark one inactive, without code. A type once used is never deleted.
Which note types wait for a manager's sign-off is a property of the type, kept with it here. It is
a local practice standard, not a statutory rule: councils commonly ask managers to read and sign
off the records of visits to the child and direct work with them, and not of calls and meetings.
"""

# (code, label, needs a manager's sign-off when a social worker writes it, management oversight)
NOTE_TYPES = [
    ("HOME_VISIT", "Home visit", True, False),
    ("OFFICE_VISIT", "Office visit", True, False),
    ("PHONE_CALL", "Phone call", False, False),
    ("MEETING", "Meeting", False, False),
    ("DIRECT_WORK", "Direct work with the child", True, False),
    ("OVERSIGHT", "Management oversight", False, True),
    ("OTHER", "Other", False, False),
]

# (code, label)
ALERT_TYPES = [
    ("STAFF_RISK", "Risk to staff"),
    ("CSE_RISK", "Risk of child sexual exploitation"),
    ("OTHER_LA_PLAN", "Child on a plan in another council"),
    ("OTHER", "Other"),
]
