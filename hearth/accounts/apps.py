from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Signing in: the second factor (an authenticator app) every user sets up and uses."""

    name = "hearth.accounts"
    label = "accounts"
