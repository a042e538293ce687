"""Setting up an authenticator app needs a one-time code an administrator issued: a password alone
enrols nothing. The code is shown once, kept only as a hash, works once, for its own person, until
it expires."""

import datetime
import hashlib

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import services
from hearth.accounts.models import EnrolmentCode
from hearth.accounts.tests.test_second_factor import code_for, sign_in_with_password
from hearth.audit.models import AuditEvent

pytestmark = pytest.mark.second_factor
SETUP = "accounts:second_factor_setup"


@pytest.fixture
def administrator(django_user_model):
    return django_user_model.objects.create_superuser("admin", password="admin-password-1")


def give(client, code: str):
    return client.post(reverse(SETUP), {"enrolment_code": code})


def assert_not_enrolled(client, user):
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    response = client.get(reverse("performance:index"))
    assert response.status_code == 302 and response.url.startswith(reverse(SETUP))


def test_without_an_enrolment_code_no_app_is_set_up_and_no_key_is_shown(staff, client):
    user = staff.performance_officer
    sign_in_with_password(client)
    page = give(client, "").content.decode()
    assert "Enter the enrolment code your Hearth administrator gave you" in page
    assert 'class="hearth-key"' not in page
    # Skipping straight to the app's code does not set anything up either.
    page = client.post(reverse(SETUP), {"code": "123456"}).content.decode()
    assert "Enter the enrolment code" in page
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert_not_enrolled(client, user)


def test_a_wrong_code_or_another_persons_code_is_refused(staff, client, administrator):
    user = staff.performance_officer
    someone_elses = services.enrolment_code_issue(actor=administrator, user=staff.councillor)
    services.enrolment_code_issue(actor=administrator, user=user)
    sign_in_with_password(client)
    for wrong in ["ABCD-EFGH-JKMN-PQRS", someone_elses]:
        page = give(client, wrong).content.decode()
        assert "This enrolment code is wrong" in page and 'class="hearth-key"' not in page
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action="second_factor.enrolment_code_refused", actor=user).count() == 2
    assert_not_enrolled(client, user)


def test_an_expired_code_is_refused(staff, client, administrator):
    user = staff.performance_officer
    issued_at = timezone.now()
    with time_machine.travel(issued_at, tick=False):
        code = services.enrolment_code_issue(actor=administrator, user=user)
    # HEARTH_ENROLMENT_CODE_HOURS is 72: at 72 hours after it was issued the code has expired.
    with time_machine.travel(issued_at + datetime.timedelta(hours=72), tick=False):
        sign_in_with_password(client)
        page = give(client, code).content.decode()
    assert "This enrolment code has expired" in page
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert_not_enrolled(client, user)


def test_a_used_code_is_refused_and_a_new_code_stops_the_earlier_one(staff, client, administrator, django_user_model):
    user = staff.performance_officer
    code = services.enrolment_code_issue(actor=administrator, user=user)
    sign_in_with_password(client)
    assert give(client, code).status_code == 302
    first_device = TOTPDevice.objects.get(user=user)
    client.post(reverse("logout"))
    sign_in_with_password(client)  # a new session: the code again
    page = give(client, code).content.decode()
    assert "This enrolment code has already been used" in page
    # A second code stops a first that was never used.
    unused = services.enrolment_code_issue(actor=administrator, user=user)
    latest = services.enrolment_code_issue(actor=administrator, user=user)
    assert "This enrolment code has expired" in give(client, unused).content.decode()
    assert give(client, latest).status_code == 302
    # The app the first code started (whose key someone else may have seen) is gone.
    assert not TOTPDevice.objects.filter(pk=first_device.pk).exists()


def test_the_right_code_enrols_and_the_code_is_kept_only_as_a_hash(staff, client, administrator):
    user = staff.performance_officer
    code = services.enrolment_code_issue(actor=administrator, user=user)
    assert len(code) == 19 and code.count("-") == 3  # ABCD-EFGH-JKMN-PQRS
    stored = EnrolmentCode.objects.get(user=user)
    assert stored.code_hash == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    assert code.replace("-", "") not in stored.code_hash
    assert stored.expires_at == stored.issued_at + datetime.timedelta(hours=72)
    sign_in_with_password(client)
    # Typed as people type it: lower case, spaces for hyphens.
    response = give(client, code.lower().replace("-", " "))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert 'class="hearth-key"' in page and 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse(SETUP), {"code": code_for(device), "next": reverse("performance:index")})
    assert response.status_code == 302 and response.url == reverse("performance:index")
    assert client.get(reverse("performance:index")).status_code == 200
    device.refresh_from_db()
    stored.refresh_from_db()
    assert device.confirmed and stored.used_at is not None and stored.device == device
    actions = set(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))
    assert {"second_factor.enrolment_code_use", "second_factor.confirm"} <= actions
    assert AuditEvent.objects.filter(action="second_factor.enrolment_code_issue", actor=administrator).exists()


def test_an_administrator_issues_codes_from_the_users_list_and_sees_each_once(staff, client, administrator, settings):
    settings.HEARTH_REQUIRE_SECOND_FACTOR = False  # the admin's own sign-in is not what is tested here
    client.force_login(administrator)
    user = staff.performance_officer
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "issue_enrolment_code", "_selected_action": [user.pk]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    code = page.split('<code class="hearth-enrolment-code">')[1].split("</code>")[0]
    assert EnrolmentCode.objects.get(user=user).code_hash == hashlib.sha256(code.replace("-", "").encode()).hexdigest()
    # The record of it in the admin never shows the code.
    listing = client.get(reverse("admin:accounts_enrolmentcode_changelist")).content.decode()
    assert user.username in listing and code not in listing


def test_only_an_administrator_may_issue_a_code(staff):
    with pytest.raises(services.ValidationError):
        services.enrolment_code_issue(actor=staff.service_manager, user=staff.performance_officer)
    assert not EnrolmentCode.objects.exists()
