"""Finding a child by a misspelt name in a real browser and working on their record: the family
and a document, with the accessibility check on each page."""

import datetime

import pytest
from playwright.sync_api import expect

from hearth.documents.samples import minimal_pdf
from hearth.people import services
from hearth.testing.browser import assert_accessible, fill_date, sign_in
from hearth.testing.journeys import allocated_case, at, new_child

pytestmark = [
    pytest.mark.browser,
    pytest.mark.second_factor,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
D = datetime.date


@pytest.fixture
def john(staff):
    child = new_child(staff, "John", "Smith", born=D(2015, 5, 3))
    allocated_case(staff, child, at(D(2025, 5, 1), 9))
    child.refresh_from_db()
    services.child_identity_update(
        actor=staff.social_worker.user,
        child_id=child.pk,
        expected_version=child.version,
        first_name="John",
        last_name="Smith",
        date_of_birth=child.date_of_birth,
        sex="M",
        nhs_number="9990000018",
        upn="",
        postcode="",
    )
    new_child(staff, "Amir", "Jones", born=D(2015, 5, 3))  # not the north team's: never shown
    return child


def test_the_social_worker_finds_a_misspelt_child_and_adds_to_their_record(
    staff, john, authenticators, browser, live_server, tmp_path
):
    page = sign_in(browser, live_server, "nina", authenticators)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a child").click()
    page.get_by_label("Name, date of birth, Hearth ID, NHS number or UPN").fill("Jon Smyth")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 child found")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="John Smith")).to_contain_text("999 000 0018")
    assert_accessible(page)

    page.get_by_label("Name, date of birth, Hearth ID, NHS number or UPN").fill("3 May 2015")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 child found")).to_be_visible()  # Amir Jones is not hers to see
    page.get_by_role("link", name="John Smith").click()
    expect(page.get_by_role("heading", name="John Smith", exact=True)).to_be_visible()
    expect(page.get_by_text("999 000 0018")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Add a family member or professional").click()
    page.get_by_label("Relationship to the child").select_option("MOTHER")
    page.get_by_label("First name").fill("Dawn")
    page.get_by_label("Last name").fill("Smith")
    page.get_by_label("Holds parental responsibility for the child").check()
    page.get_by_label("Lives in the child's household").check()
    assert_accessible(page)
    page.get_by_role("button", name="Add").click()
    household = page.get_by_role("table", name="Household: who the child lives with")
    expect(household.get_by_role("row").filter(has_text="Dawn Smith")).to_contain_text("Yes")

    page.get_by_role("link", name="Change the child's details").click()
    page.get_by_label("Unique pupil number (UPN)").fill("T99912341500")  # a character short
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid UPN")
    assert_accessible(page)
    page.get_by_label("Unique pupil number (UPN)").fill("t999123415001")
    page.get_by_role("button", name="Save details").click()
    expect(page.get_by_text("T999123415001")).to_be_visible()

    page.get_by_role("link", name="Upload a document").click()
    renamed = tmp_path / "photo.png"
    renamed.write_bytes(minimal_pdf("Not a photo"))
    page.get_by_label("File").set_input_files(str(renamed))
    page.get_by_label("Type of document").select_option("PHOTO")
    page.get_by_label("Title", exact=True).fill("Photo")
    fill_date(page, "Date of the document", D(2025, 5, 2))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("named as a PNG image, but its content is a PDF")
    assert_accessible(page)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(minimal_pdf("School letter"))
    page.get_by_label("File").set_input_files(str(letter))
    page.get_by_label("Title", exact=True).fill("Letter from school")
    page.get_by_label("Type of document").select_option("LETTER")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("link", name="Letter from school")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Letter from school").click()
    assert download.value.suggested_filename == "letter.pdf"
