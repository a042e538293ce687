"""The SSDA903 return's files, in the DfE's order: (file name, the DfE's column names in order, the
dotted path of the builder `(year_start: date, year_end: date) -> list[dict[str, str]]` that reads
the file's rows from the record). Column names are those of the DfE's validator
(`lac_validator.config.column_names`). Other areas add their files here as dotted paths
(hearth/<app>/return903.py), so the return imports no builder it does not list."""

from hearth.duties.return903 import OC2_COLUMNS
from hearth.missing.return903 import COLUMNS as MISSING_COLUMNS
from hearth.permanence.return903 import AD1_COLUMNS, PLACED_ADOPTION_COLUMNS, PREV_PERM_COLUMNS
from hearth.returns.ssda903.deprivation_of_liberty import COLUMNS as DEPRIVATION_OF_LIBERTY_COLUMNS
from hearth.returns.ssda903.social_workers import COLUMNS as SOCIAL_WORKER_COLUMNS

RETURN_903_FILES: tuple[tuple[str, list[str], str], ...] = (
    (
        "Header",
        ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
        "hearth.returns.ssda903.header.header_rows",
    ),
    (
        "Episodes",
        [
            "CHILD",
            "DECOM",
            "RNE",
            "LS",
            "CIN",
            "PLACE",
            "PLACE_PROVIDER",
            "DEC",
            "REC",
            "REASON_PLACE_CHANGE",
            "HOME_POST",
            "PL_POST",
            "URN",
        ],
        "hearth.returns.ssda903.episodes.episode_rows",
    ),
    ("Reviews", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"], "hearth.returns.ssda903.reviews.review_rows"),
    ("UASC", ["CHILD", "SEX", "DOB", "DUC"], "hearth.returns.ssda903.header.uasc_rows"),
    ("OC2", list(OC2_COLUMNS), "hearth.duties.return903.oc2_rows"),
    ("OC3", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], "hearth.returns.ssda903.oc3.oc3_rows"),
    ("AD1", list(AD1_COLUMNS), "hearth.permanence.return903.ad1_rows"),
    ("PlacedAdoption", list(PLACED_ADOPTION_COLUMNS), "hearth.permanence.return903.placed_adoption_rows"),
    ("PrevPerm", list(PREV_PERM_COLUMNS), "hearth.permanence.return903.prev_perm_rows"),
    ("Missing", list(MISSING_COLUMNS), "hearth.missing.return903.missing_rows"),
    (
        "SWEpisodes",
        list(SOCIAL_WORKER_COLUMNS),
        "hearth.returns.ssda903.social_workers.social_worker_episode_rows",
    ),
    (
        "DoLo",
        list(DEPRIVATION_OF_LIBERTY_COLUMNS),
        "hearth.returns.ssda903.deprivation_of_liberty.deprivation_of_liberty_rows",
    ),
)
# Files the DfE added in a later year: the collection year (ending 31 March) from which each is sent.
# The validator's rules for DoLo (700-710) start with 2026-27.
FIRST_COLLECTION_YEAR = {"DoLo": 2027}


def files_for_year(collection_year: int) -> tuple[tuple[str, list[str], str], ...]:
    """The files of the return for the year ending 31 March `collection_year`."""
    return tuple(entry for entry in RETURN_903_FILES if FIRST_COLLECTION_YEAR.get(entry[0], 0) <= collection_year)
