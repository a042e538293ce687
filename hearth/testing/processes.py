"""Run Hearth in a process of its own, configured by the environment as on a council's server: for
tests of the settings themselves (the test run's own settings are fixed when pytest starts)."""

import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test run's environment that a server's process must not inherit.
NOT_INHERITED = ("DATABASE_URL", "HEARTH_")


def database_url(settings_dict: dict, *, user: str | None = None, password: str | None = None) -> str:
    """postgres://user:password@host:port/name for a Django connection's database (as another user if given)."""
    user = user if user is not None else settings_dict.get("USER") or ""
    password = password if password is not None else settings_dict.get("PASSWORD") or ""
    credentials = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{credentials}@{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


def server_environment(**variables: str) -> dict[str, str]:
    """The environment a council's server would have: none of the test run's Hearth settings, a
    secret key of its own, then `variables`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_INHERITED)}
    env["DJANGO_SETTINGS_MODULE"] = "hearth.settings"
    env["HEARTH_SECRET_KEY"] = secrets.token_urlsafe(50)
    env.update(variables)
    return env


def manage(*arguments: str, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (this interpreter and manage.py, for tests)
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def python(code: str, *, env: dict[str, str]) -> subprocess.CompletedProcess:
    # This interpreter, for tests.
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)  # noqa: S603


@contextlib.contextmanager
def wsgi_server(env: dict[str, str]) -> Iterator[int]:
    """Hearth's WSGI application served on a free port of 127.0.0.1; yields the port."""
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "hearth.testing.wsgi_server"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        try:
            port = process.stdout.readline().strip()
            if not port:
                process.wait(timeout=30)
                errors.seek(0)
                raise RuntimeError(f"The server did not start: {errors.read()}")
            yield int(port)
        finally:
            process.terminate()
            process.wait(timeout=30)
            process.stdout.close()
