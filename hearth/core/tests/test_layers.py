"""The layers contract (.importlinter at the root, checked by import-linter): an app imports only
from the layers below its own. `make test` runs lint-imports too; these tests make a plain pytest
run check it, and make sure no app is left out of the contract."""

from pathlib import Path

from django.apps import apps
from importlinter.api import read_configuration
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / ".importlinter"
# Modules of the project itself that are not apps and import nothing of Hearth.
NOT_LAYERED = {"hearth.settings", "hearth.wsgi"}


def _layered_modules() -> set[str]:
    (contract,) = read_configuration(str(CONFIG))["contracts_options"]
    names = set()
    for layer in contract["layers"]:
        for separator in ("|", ":"):
            layer = layer.replace(separator, " ")
        names.update(layer.split())
    return names


def test_every_app_and_tool_of_hearth_has_its_layer():
    hearth_packages = {f"hearth.{path.parent.name}" for path in (ROOT / "hearth").glob("*/__init__.py")} | {
        f"hearth.{path.stem}" for path in (ROOT / "hearth").glob("*.py") if path.stem != "__init__"
    }
    installed = {config.name for config in apps.get_app_configs() if config.name.startswith("hearth.")}
    assert installed <= hearth_packages
    assert hearth_packages - NOT_LAYERED == _layered_modules()


def test_no_app_imports_from_a_layer_above_it():
    assert lint_imports(config_filename=str(CONFIG), no_cache=True, no_logo=True) == 0
