from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hearth.performance.services import benchmarks_load


class Command(BaseCommand):
    help = (
        "Load published benchmark figures from a CSV file (columns indicator_id, year, geography, value, "
        "source, published_on). A file with any bad row is refused whole, with the row numbers."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {file}: {error}") from error
        try:
            loaded = benchmarks_load(actor=None, text=text)
        except ValidationError as error:
            raise CommandError("Nothing was loaded. " + " ".join(error.messages)) from error
        self.stdout.write(f"Loaded {loaded} benchmark figures from {file}.")
