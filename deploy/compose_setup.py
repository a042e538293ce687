"""compose.yaml's one-off `setup` service: Hearth's two database roles, their passwords, then migrate.

The same steps as docs/operations.md's install, for a container with no psql:
1. `manage.py database_roles` prints the SQL for the two roles; it runs here as PostgreSQL's
   superuser (libpq's PGHOST, PGUSER, PGPASSWORD, PGDATABASE), connected to Hearth's database;
2. each role gets its password (HEARTH_OWNER_PASSWORD, HEARTH_APP_PASSWORD);
3. `manage.py migrate` connects as the owner (HEARTH_MIGRATION_DATABASE_URL).
Running it again changes nothing that is already right (the SQL is written to be re-run).
The role names are hearth_owner and hearth_app unless HEARTH_OWNER_ROLE and HEARTH_APP_ROLE say otherwise.
"""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg import sql

MANAGE = Path(__file__).resolve().parent.parent / "manage.py"


def main() -> None:
    owner = os.environ.get("HEARTH_OWNER_ROLE", "hearth_owner")
    app = os.environ.get("HEARTH_APP_ROLE", "hearth_app")
    passwords = {owner: os.environ["HEARTH_OWNER_PASSWORD"], app: os.environ["HEARTH_APP_PASSWORD"]}
    roles_sql = subprocess.run(  # noqa: S603 (this interpreter and manage.py; no shell)
        [sys.executable, str(MANAGE), "database_roles", "--owner", owner, "--app", app],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # The printed SQL has its own BEGIN and COMMIT and no psql commands; no parameters, so psycopg
    # sends it as one script.
    with psycopg.connect("", autocommit=True) as connection:
        connection.execute(roles_sql)
        for role, password in passwords.items():
            connection.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(role), sql.Literal(password)))
    print(f"Roles {owner} (owns the tables) and {app} (owns nothing) are set up; migrating as {owner}.", flush=True)
    subprocess.run([sys.executable, str(MANAGE), "migrate", "--noinput"], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
