from django.core.management.base import BaseCommand

from hearth.performance.catalogue import CATALOGUE

HEADER = """# Indicators

Generated from `hearth/performance/catalogue.py` by `make docs` (a test fails if this page and the
catalogue differ). Each indicator is declared once; its value, numerator, denominator and the
drill-down to the children and workers behind it all come from that one declaration. Due dates
come from the timescale rules (docs/timescales.md), never from the indicator.

The performance page shows every indicator as of any date (today by default): the figure the
record gives for that date, counting only events dated on or before it. Team managers, service
managers, performance officers and directors can open the drill-down; councillors see the
aggregate figures only.

| id | title | counts | period | polarity | source |
|---|---|---|---|---|---|
"""


class Command(BaseCommand):
    help = "Print docs/indicators.md generated from the indicator catalogue."

    def handle(self, *args, **options):
        lines = [HEADER.rstrip("\n")]
        for i in CATALOGUE:
            lines.append(f"| {i.id} | {i.title} | {i.counts} | {i.period} | {i.polarity} | {i.source} |")
        lines.append("\n## Definitions\n")
        for i in CATALOGUE:
            lines.append(f"**{i.id} {i.title}.** {i.definition}\n")
        self.stdout.write("\n".join(lines))
