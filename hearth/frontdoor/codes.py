"""The CIN census ReferralSource code list, as data for the ReferralSource table.

Source: DfE children in need census specification (the code list DOMAIN.md 5.2 records, checked
against SocialFinanceDigitalLabs/liia-tools' CIN schema). A council never edits these; a code DfE
retires is marked inactive, never deleted.
"""

REFERRAL_SOURCES = [
    ("1A", "Individual: family member, relative or carer"),
    ("1B", "Individual: acquaintance (including neighbours and child minders)"),
    ("1C", "Individual: self"),
    ("1D", "Individual: other"),
    ("2A", "Schools"),
    ("2B", "Education services"),
    ("3A", "Health services: GP"),
    ("3B", "Health services: health visitor"),
    ("3C", "Health services: school nurse"),
    ("3D", "Health services: other primary health services"),
    ("3E", "Health services: A&E"),
    ("3F", "Health services: other"),
    ("4", "Housing (local authority housing or housing association)"),
    ("5A", "Local authority services: social care (for example adult social care)"),
    ("5B", "Local authority services: other internal"),
    ("5C", "Local authority services: external (for example another authority's adult social care)"),
    ("5D", "Early help"),
    ("6", "Police"),
    ("7", "Other legal agency (courts, probation, immigration, Cafcass, prison)"),
    ("8", "Other (children's centres, voluntary organisations)"),
    ("9", "Anonymous"),
    ("10", "Unknown"),
]
