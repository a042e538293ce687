"""Every user gives a code from an authenticator app after their password (as in production)."""

import base64

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import services
from hearth.audit.models import AuditEvent
from hearth.testing.journeys import PASSWORD

pytestmark = pytest.mark.second_factor


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():06d}"


def sign_in_with_password(client, username="pat"):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def enrolment_code_for(user, django_user_model) -> str:
    administrator = django_user_model.objects.filter(username="admin").first()
    if administrator is None:
        administrator = django_user_model.objects.create_superuser("admin", password="admin-password-1")
    return services.enrolment_code_issue(actor=administrator, user=user)


def sign_in_and_give_enrolment_code(client, user, django_user_model):
    """The first sign-in: password, then the one-time code an administrator issued."""
    sign_in_with_password(client, user.username)
    return client.post(
        reverse("accounts:second_factor_setup"), {"enrolment_code": enrolment_code_for(user, django_user_model)}
    )


def test_after_the_password_a_new_user_must_set_up_an_app_before_any_page(staff, client, django_user_model):
    sign_in_with_password(client)
    response = client.get(reverse("performance:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:second_factor_setup"))
    setup = client.get(response.url).content.decode()
    # First the enrolment code an administrator issued; no key is shown before it is given.
    assert "Set up your authenticator app" in setup and "Enrolment code" in setup
    assert 'src="data:image/svg+xml' not in setup and not TOTPDevice.objects.exists()
    response = sign_in_and_give_enrolment_code(client, staff.performance_officer, django_user_model)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:second_factor_setup"))
    assert 'src="data:image/svg+xml' in client.get(response.url).content.decode()


def test_the_key_to_type_is_the_base32_key_authenticator_apps_expect(staff, client, django_user_model):
    sign_in_and_give_enrolment_code(client, staff.performance_officer, django_user_model)
    page = client.get(reverse("accounts:second_factor_setup")).content.decode()
    device = TOTPDevice.objects.get(user=staff.performance_officer)
    typed = page.split('<code class="hearth-key">')[1].split("</code>")[0].replace(" ", "")
    assert base64.b32decode(typed + "=" * (-len(typed) % 8)) == device.bin_key
    assert f"secret={typed}" in device.config_url  # the same key the QR code carries


def test_setting_up_with_the_right_code_lets_the_user_in_and_is_audited(staff, client, django_user_model):
    sign_in_and_give_enrolment_code(client, staff.performance_officer, django_user_model)
    device = TOTPDevice.objects.get(user=staff.performance_officer)
    response = client.post(
        reverse("accounts:second_factor_setup"), {"code": code_for(device), "next": reverse("performance:index")}
    )
    assert response.status_code == 302 and response.url == reverse("performance:index")
    assert client.get(reverse("performance:index")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="second_factor.confirm", actor=staff.performance_officer).exists()


def test_a_wrong_code_is_refused_with_a_message_and_the_app_stays_unconfirmed(staff, client, django_user_model):
    sign_in_and_give_enrolment_code(client, staff.performance_officer, django_user_model)
    page = client.post(reverse("accounts:second_factor_setup"), {"code": "000000"}).content.decode()
    assert "Enter the 6-digit code your authenticator app shows now" in page
    assert not TOTPDevice.objects.get(user=staff.performance_officer).confirmed
    assert client.get(reverse("performance:index")).status_code == 302


def test_next_sign_in_asks_for_a_code_and_each_code_works_once(staff, client):
    device = TOTPDevice.objects.create(user=staff.performance_officer, name="Authenticator app", confirmed=True)
    sign_in_with_password(client)
    response = client.get(reverse("home"))
    assert response.url.startswith(reverse("accounts:second_factor_verify"))
    code = code_for(device)
    assert client.post(reverse("accounts:second_factor_verify"), {"code": code}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    sign_in_with_password(client)
    replay = client.post(reverse("accounts:second_factor_verify"), {"code": code})
    assert replay.status_code == 200 and "Enter the 6-digit code" in replay.content.decode()
    assert AuditEvent.objects.filter(action="second_factor.refused").exists()


def test_an_outside_address_is_never_used_as_the_next_page(staff, client):
    device = TOTPDevice.objects.create(user=staff.performance_officer, name="Authenticator app", confirmed=True)
    sign_in_with_password(client)
    response = client.post(
        reverse("accounts:second_factor_verify"), {"code": code_for(device), "next": "https://attacker.example/"}
    )
    assert response.url == "/"


def test_sign_out_is_reachable_before_the_second_factor(staff, client):
    sign_in_with_password(client)
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session
