"""The SSDA903 return's files, in the DfE's order: (file name, the DfE's column names in order, the
dotted path of the builder `(year_start: date, year_end: date) -> list[dict[str, str]]` that reads
the file's rows from the record). Column names are those of the DfE's validator
(`lac_validator.config.column_names`). Other areas add their files here as dotted paths
(hearth/<app>/return903.py), so the return imports no builder it does not list."""

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
    ("OC3", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], "hearth.returns.ssda903.oc3.oc3_rows"),
)
