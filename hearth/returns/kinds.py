"""The statutory returns Hearth makes, each described once: how it is exported and validated, and how
the Returns page, the worklists and the child's page name it. Everything else (runs, their progress,
stored failures, the nightly schedule, the pages) is one mechanism for every return, read from here.

A return's exporter is `export(collection_year, progress=None) -> {file name: bytes}` and its validator
`validate(this_year, previous_year, *, collection_year, la_code) -> ValidationResult`
(hearth/returns/validator_process.py); `previous_year` is None for a return whose validator does not
compare the two years. Both are named by dotted path, resolved when a run starts, and a setting may
name others (the page's tests give small ones), so the runs, the page and the schedule do not depend
on how a return is built (hearth/returns/ssda903/, hearth/returns/cin_census/)."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

from hearth.returns.models import ReturnName


@dataclass(frozen=True)
class ReturnKind:
    name: str  # ReturnName
    heading: str  # the Returns page's heading
    noun: str  # "Run the 2025-26 {noun} now", "The {year} {noun} is already being run"
    short: str  # on a worklist: "903 return 2024-25: rule 102 — ..."
    in_full: str  # on the child's page: "To put right for the {in_full}"
    validator_package: str  # the DfE's validator, as PyPI names it
    validator_name: str  # on a worklist: "found by the DfE's 903 validator"
    export_setting: str
    export_default: str
    validate_setting: str
    validate_default: str
    compares_previous_year: bool  # the validator checks this year's files against last year's
    page: str  # the Returns page's URL name
    run_page: str  # where "Run now" posts
    download_as_zip: bool  # several files (one zip); else the one file itself
    file_type: str  # "CSV", "XML"
    download_prefix: str  # the downloaded file's name starts with it

    def exporter(self):
        return import_string(getattr(settings, self.export_setting, self.export_default))

    def validator(self):
        return import_string(getattr(settings, self.validate_setting, self.validate_default))


SSDA903 = ReturnKind(
    name=ReturnName.SSDA903,
    heading="SSDA903 return: children looked after",
    noun="return",
    short="903 return",
    in_full="903 return",
    validator_package="csc-validator-be-903",
    validator_name="The DfE's 903 validator",
    export_setting="HEARTH_RETURNS_903_EXPORT",
    export_default="hearth.returns.ssda903.export.export_903",
    validate_setting="HEARTH_RETURNS_903_VALIDATE",
    validate_default="hearth.returns.ssda903.validation.validate_903",
    compares_previous_year=True,
    page="returns:ssda903",
    run_page="returns:ssda903_run",
    download_as_zip=True,
    file_type="CSV",
    download_prefix="ssda903",
)

CIN_CENSUS = ReturnKind(
    name=ReturnName.CIN,
    heading="Children in need census",
    noun="census",
    short="CIN census",
    in_full="children in need census",
    validator_package="csc-validator-be-cin",
    validator_name="The DfE's CIN census validator",
    export_setting="HEARTH_RETURNS_CIN_EXPORT",
    export_default="hearth.returns.cin_census.export.export_cin_census_files",
    validate_setting="HEARTH_RETURNS_CIN_VALIDATE",
    validate_default="hearth.returns.cin_census.validation.validate_cin_census_files",
    compares_previous_year=False,
    page="returns:cin_census",
    run_page="returns:cin_census_run",
    download_as_zip=False,
    file_type="XML",
    download_prefix="cin-census",
)

# In the order the worklists and the child's page list them.
RETURN_KINDS: dict[str, ReturnKind] = {kind.name: kind for kind in (SSDA903, CIN_CENSUS)}


def kind_of(return_name: str) -> ReturnKind:
    return RETURN_KINDS[return_name]
