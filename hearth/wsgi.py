import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hearth.settings")
application = get_wsgi_application()


def _refuse_to_serve_as_the_owner() -> None:
    """A council's server (HEARTH_PRODUCTION=1) must not serve as the role that owns the tables.
    HEARTH_SERVE_AS_TABLE_OWNER=1 turns this off, for a test of other production settings that runs
    on the test run's own database (its owner); never on a council's server."""
    from django.conf import settings
    from django.db import connection

    from hearth.core.database_roles import refuse_to_serve_as_the_owner

    if settings.PRODUCTION and os.environ.get("HEARTH_SERVE_AS_TABLE_OWNER") != "1":
        try:
            refuse_to_serve_as_the_owner(connection)
        finally:
            connection.close()


_refuse_to_serve_as_the_owner()
