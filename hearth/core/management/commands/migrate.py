"""Django's `migrate`, connected as the owner of Hearth's tables when HEARTH_MIGRATION_DATABASE_URL
is set. The application's role in DATABASE_URL owns nothing and may not create, alter or drop a
table (hearth/core/database_roles.py), so it cannot run migrations, nor roll one back to drop a
guard; this says so plainly when someone tries."""

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, ProgrammingError, connections

# Where the owner connects; everything else (the engine, timeouts) is the application's.
OWNER_CONNECTION = ("USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
INSUFFICIENT_PRIVILEGE = "42501"


class Command(migrate.Command):
    help = migrate.Command.help + (
        " Connects as the tables' owner in HEARTH_MIGRATION_DATABASE_URL when it is set (docs/operations.md)."
    )

    def handle(self, *args, **options):
        owner = settings.HEARTH_MIGRATION_DATABASE
        if owner and options["database"] == DEFAULT_DB_ALIAS:
            self.connect_as_owner(owner)
        try:
            return super().handle(*args, **options)
        except ProgrammingError as error:
            if getattr(error.__cause__, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            reason = str(error).strip().splitlines()[0]
            raise CommandError(
                f"The database account may not change Hearth's tables ({reason}). The account in "
                "DATABASE_URL is the application's role, which owns nothing: run migrate as the tables' "
                'owner by setting HEARTH_MIGRATION_DATABASE_URL (docs/operations.md, "Deploying safely").'
            ) from error

    def connect_as_owner(self, owner: dict) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        if connection.vendor != "postgresql" or owner["ENGINE"] != connection.settings_dict["ENGINE"]:
            raise CommandError("HEARTH_MIGRATION_DATABASE_URL is for PostgreSQL, with DATABASE_URL naming PostgreSQL.")
        if owner["NAME"] != connection.settings_dict["NAME"]:
            raise CommandError(
                f"HEARTH_MIGRATION_DATABASE_URL names the database {owner['NAME']!r} and DATABASE_URL "
                f"{connection.settings_dict['NAME']!r}: both must name Hearth's database."
            )
        connection.close()
        connection.settings_dict.update({key: owner[key] for key in OWNER_CONNECTION if key in owner})
