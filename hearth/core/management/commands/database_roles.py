"""Print the SQL that sets up Hearth's two PostgreSQL roles: the owner, which runs the migrations,
and the application's role, which owns nothing (hearth/core/database_roles.py, docs/operations.md).

    .venv/bin/python manage.py database_roles --owner hearth_owner --app hearth_app \\
        | psql --host=DBHOST --username=postgres --dbname=hearth --set ON_ERROR_STOP=1
"""

from django.core.management.base import BaseCommand, CommandError

from hearth.core.database_roles import role_setup_sql


class Command(BaseCommand):
    help = (
        "Print the SQL (for a superuser, connected to Hearth's database) that creates Hearth's owner and "
        "application roles, or brings them up to date: the owner owns every table and runs migrate; the "
        "application role owns nothing, never truncates, and only reads and inserts append-only tables."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--owner", default="hearth_owner", help="the role that owns the tables (hearth_owner)")
        parser.add_argument("--app", default="hearth_app", help="the role Hearth runs as, in DATABASE_URL (hearth_app)")

    def handle(self, *args, owner, app, **options):
        try:
            sql = role_setup_sql(owner=owner, app=app)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(sql, ending="")
