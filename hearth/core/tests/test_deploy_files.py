"""The production server's configuration, the container image and compose file, and the load test's
locustfile: what can be checked without a container engine or a load run (docs/operations.md,
"The production server" and "The container image"; docs/performance.md, "Under load").

No timing here: the load test's figures are measured by bench/load/run.sh and written down in
docs/performance.md."""

import re
import runpy
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from gunicorn.config import Config

ROOT = Path(__file__).resolve().parents[3]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
HELPERS = {"os", "BEHIND_TLS_PROXY", "SHARED_MEMORY"}


def gunicorn_settings(monkeypatch, **environment) -> dict:
    for name in ("HEARTH_BEHIND_TLS_PROXY", "HEARTH_PROXY_ADDRESSES", "HEARTH_WEB_WORKERS", "HEARTH_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(GUNICORN_CONF))
    return {k: v for k, v in namespace.items() if not k.startswith("_") and k not in HELPERS}


def test_every_value_in_the_gunicorn_file_is_a_gunicorn_setting_gunicorn_accepts(monkeypatch):
    """A misspelt name would be ignored by gunicorn without a word; a wrong type fails here."""
    values = gunicorn_settings(monkeypatch, HEARTH_BEHIND_TLS_PROXY="1", HEARTH_PROXY_ADDRESSES="10.0.0.0/8")
    config = Config()
    unknown = sorted(set(values) - set(config.settings))
    assert not unknown, f"not gunicorn settings: {unknown}"
    for name, value in values.items():
        config.set(name, value)  # runs gunicorn's own validator
    assert config.forwarded_allow_ips == ["10.0.0.0/8"]


def test_the_server_runs_hearths_application_on_two_cores_within_a_proxys_timeout(monkeypatch):
    values = gunicorn_settings(monkeypatch)
    assert values["wsgi_app"] == "hearth.wsgi:application"
    assert (ROOT / "hearth" / "wsgi.py").exists()
    assert values["bind"] == ["127.0.0.1:8000"]  # not every address unless told (the container is)
    assert values["worker_class"] == "gthread" and values["threads"] >= 1
    assert values["workers"] >= 2
    assert 30 <= values["timeout"] <= 60  # a council's proxy commonly gives up at 60 s
    assert values["keepalive"] > 60  # longer than the proxy's idle limit (nginx: 60 s), so it closes first
    assert values["max_requests"] > 0 and values["max_requests_jitter"] > 0
    assert gunicorn_settings(monkeypatch, HEARTH_WEB_WORKERS="3")["workers"] == 3


def test_the_access_log_never_holds_a_query_string_the_referer_or_the_user_agent(monkeypatch):
    log_format = gunicorn_settings(monkeypatch)["access_log_format"]
    atoms = set(re.findall(r"%\((\w+)\)s", log_format))
    assert "U" in atoms  # the path without its query string
    # r: the request line with the query string; q: the query string; f: Referer; a: user agent;
    # i/e: any header or environment value (the {name}i forms)
    assert not atoms & {"r", "q", "f", "a"}
    assert "}i" not in log_format and "}e" not in log_format


def test_gunicorn_believes_forwarded_headers_only_as_django_does(monkeypatch):
    """Without HEARTH_BEHIND_TLS_PROXY neither believes X-Forwarded-Proto; with it, both believe that
    header (and gunicorn no other: its default would also trust X-Forwarded-Ssl and -Protocol)."""
    assert gunicorn_settings(monkeypatch)["secure_scheme_headers"] == {}
    behind = gunicorn_settings(monkeypatch, HEARTH_BEHIND_TLS_PROXY="1")
    assert behind["secure_scheme_headers"] == {"X-FORWARDED-PROTO": "https"}
    assert behind["forwarded_allow_ips"] == "*"
    # Django's header, as hearth/settings.py sets it behind the proxy
    django_header = ("HTTP_X_FORWARDED_PROTO", "https")
    (gunicorn_header, value), *_ = behind["secure_scheme_headers"].items()
    assert ("HTTP_" + gunicorn_header.replace("-", "_"), value) == django_header
    settings_source = (ROOT / "hearth" / "settings.py").read_text()
    assert f"SECURE_PROXY_SSL_HEADER = {django_header!r}".replace("'", '"') in settings_source


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_the_dockerfile_builds_on_a_pinned_debian_python_311_as_a_user_who_is_not_root():
    instructions = dockerfile_instructions()
    (base,) = [argument for instruction, argument in instructions if instruction == "FROM"]
    assert re.fullmatch(r"python:3\.11(\.\d+)?-slim-(bookworm|trixie)", base), base
    run = " ".join(argument for instruction, argument in instructions if instruction == "RUN")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0"):  # WeasyPrint's PDFs
        assert package in run
    assert "-r requirements/base.txt -c requirements/constraints.txt" in run
    assert "collectstatic --noinput" in run
    names = [instruction for instruction, _ in instructions]
    user = [argument for instruction, argument in instructions if instruction == "USER"]
    assert user and user[-1] not in {"root", "0"}
    assert names.index("USER") < names.index("CMD")
    (command,) = [argument for instruction, argument in instructions if instruction == "CMD"]
    assert command == '["gunicorn", "--config", "/app/deploy/gunicorn.conf.py"]'
    (healthcheck,) = [argument for instruction, argument in instructions if instruction == "HEALTHCHECK"]
    assert "http://127.0.0.1:8000/health" in healthcheck
    assert "HEARTH_BIND=0.0.0.0:8000" in " ".join(a for i, a in instructions if i == "ENV")


def test_every_path_the_dockerfile_copies_exists_and_is_not_left_out_by_dockerignore():
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    copies = [argument.split()[:-1] for instruction, argument in dockerfile_instructions() if instruction == "COPY"]
    sources = [source for sources in copies for source in sources]
    assert "hearth/" in sources and "deploy/" in sources and "manage.py" in sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert source.rstrip("/").split("/")[0] not in ignored, f"{source} is in .dockerignore"
    assert {".git", ".venv", "var"} <= ignored  # never the local databases, documents or environments


def test_compose_runs_the_app_as_the_role_that_owns_nothing_after_setup_migrates_as_the_owner():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert services["db"]["image"].startswith("postgres:16")
    setup, web = services["setup"], services["web"]
    assert setup["command"] == ["python", "deploy/compose_setup.py"]
    assert (ROOT / "deploy" / "compose_setup.py").exists()
    assert setup["environment"]["HEARTH_MIGRATION_DATABASE_URL"].startswith("postgres://hearth_owner:")
    assert setup["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    assert web["environment"]["DATABASE_URL"].startswith("postgres://hearth_app:")
    assert "HEARTH_MIGRATION_DATABASE_URL" not in web["environment"]  # only the upgrade step has it
    assert web["ports"] == ["127.0.0.1:8000:8000"]  # reachable only through a proxy on the host
    # No secret written in the file: each comes from the environment
    for service in services.values():
        for name, value in service.get("environment", {}).items():
            if "PASSWORD" in name or "SECRET" in name:
                assert str(value).startswith("${"), name


def test_the_settings_collect_static_files_where_whitenoise_serves_them():
    assert settings.STATIC_ROOT == ROOT / "var" / "static"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


LOCUST_PYTHON = ROOT / ".venv-load" / "bin" / "python"


@pytest.mark.skipif(not LOCUST_PYTHON.exists(), reason="locust is in .venv-load, made by `make bench-load`")
def test_the_locustfile_loads_with_its_three_kinds_of_user():
    program = (
        "import runpy; ns = runpy.run_path('bench/load/locustfile.py'); "
        "print(sorted((c.username, c.weight) for c in "
        "(ns['SocialWorker'], ns['TeamManager'], ns['PerformanceOfficer'])))"
    )
    answer = subprocess.run([LOCUST_PYTHON, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.strip() == "[('perf', 1), ('sw', 7), ('tm', 2)]"
