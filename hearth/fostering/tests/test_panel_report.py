"""The Corporate Parenting Panel report's adoption and fostering sections: the published month's
figures (its rows of households kept with no child), aggregate with small numbers suppressed for
every reader, never a household's or a child's name."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hearth.fostering.tests.test_indicators import households
from hearth.performance import services
from hearth.performance.corporate_parenting import panel_sections_by_indicator
from hearth.performance.models import SnapshotRow

__all__ = ["households"]  # the fixture, shared with the indicators' tests


def test_the_adoption_and_fostering_sections_are_declared():
    sections = panel_sections_by_indicator()
    assert {sections[i] for i in ("FS01", "FS02", "FS03", "FS04", "FS05", "FS06")} == {"Fostering"}
    adoption = ("A1", "A2", "A10", "AS01", "AS02", "AS03", "AS04", "AS05")
    assert {sections[i] for i in adoption} == {"Adoption and special guardianship"}


@pytest.fixture
def march(staff, households):
    with time_machine.travel(datetime.datetime(2026, 4, 10, 12, 0, tzinfo=datetime.UTC), tick=False):
        yield services.snapshot_publish(actor=staff.performance_officer, month=datetime.date(2026, 3, 1))


def test_a_councillor_reads_the_sections_aggregate_and_suppressed(staff, march, client_for):
    fs01 = SnapshotRow.objects.filter(figure__snapshot=march, figure__indicator_id="FS01")
    assert sorted(fs01.values_list("child_id", "subject")) == [
        (None, "Ms Birch: Approved 1 Jun 2025 for 1 (ages 0 to 2)"),
        (None, "Ms Cedar: Approved 1 May 2025 for 2 (ages 0 to 17)"),
    ]
    response = client_for(staff.councillor).get(reverse("performance:corporate_parenting", args=[march.pk]))
    page = response.content.decode()
    assert '<h2 class="govuk-heading-l">Fostering</h2>' in page
    assert '<h2 class="govuk-heading-l">Adoption and special guardianship</h2>' in page
    row = page.split('scope="row" class="govuk-table__header">FS01 ', 1)[1].split("</tr>", 1)[0]
    assert ">c<" in row.replace(" ", "")  # 2 households: a small number
    for name in ("Birch", "Cedar", "Fernhill", "Oakes", "Adoptive", "Yan", "Zed"):
        assert name not in page
