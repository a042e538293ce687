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

Beside each figure: the **target** and **tolerance** the performance team set for the statutory
year (Performance > Targets and benchmarks); the **RAG** rating (higher-is-better: green at or
above target, amber within the tolerance below it, red otherwise; lower-is-better mirrored;
contextual measures have none); the figures at the **same point last year** and at the **last
month-end**, with the **direction of travel** against each, judged by polarity (on aggregate-only
pages the earlier figures are suppressed like the current ones); and the latest **statistical
neighbours** and **England** figures held for the year or before (published figures lag a year).

Benchmarks are data: a CSV file with the columns `indicator_id,year,geography,value,source,
published_on` (geography ENGLAND, SN or REGION; year the statutory year's first year; percentages
0-100), loaded on the Targets and benchmarks page or with `manage.py load_benchmarks FILE`. A file
with any bad row is refused whole, with the row numbers. To load DfE's published figures, take the
council's, its statistical neighbours' and England's values from DfE's children in need and
children looked after releases or the LAIT workbook into that layout. The demo loads a synthetic
file (`hearth/performance/data/demo-benchmarks.csv`): its figures are invented.

**Commentary**: the performance team writes a commentary per indicator per month (the "Write
commentary" link beside each figure); it shows under the figure. **Published months**: at each
month's end the performance team publishes it (Performance > Published months): every figure, its
target, RAG, travel and commentary, and the children behind it, are frozen, so a report sent to
the panel reproduces exactly. A month is published once; corrections made later never alter it:
each published month's **Corrections since publication** page shows each figure beside what the
record gives for that date today ("Changed since"), the one page of a published month that works
the figures out again.

A published month shows each figure with its target, RAG, travel, the latest **statistical
neighbours** and **England** benchmarks, and a **trend chart of the last 12 published months**
(with a table of the same figures), drawn from the frozen figures only so that it reproduces
exactly; in the PDF the trends are one table, a row to each indicator with its chart and its figure
in each of the twelve months. A published month opens with the **areas of good performance**
(green, or improving and not red) and the **areas for improvement** (red, or worsening), and
downloads as a **PDF** and as an **Excel workbook** from the same frozen figures (a "Behind the
figures" sheet lists the children and workers, for those who may see them; small numbers are
suppressed in both for councillors). The report, its PDF and workbook read only the stored figures:
no indicator is worked out again, so they take the same few queries whatever the council's size.
The **PDF is made once** in the background ("Make the PDF": its page shows the progress and reloads
itself until it is made) and kept, so every later download is immediate; it is made again only when
what it was made from changes (a month republished, a month published inside its trend, benchmarks
loaded, the layout). Each indicator's drill-down has a **trend chart** of the last 12 month-ends,
with the target line and a table of the same figures; a month-end whose month was published is its
published figure (marked "published"), the rest are worked out from the record.

The **quarterly performance indicator report** (Performance > Quarterly report), for the
partnership board, shows each indicator at the quarter's three month-ends (the published figure
where the month was published), with target, RAG, travel and benchmarks at the quarter's end, and
the same summary of strengths and areas for improvement; it downloads as a **PDF** from the same
template and as an **Excel workbook** of the same figures. A quarter whose three months were all
published is those months' published figures only (target, RAG and travel as the last month was
published), and its PDF is made once and kept like a published month's; a quarter with a month not
published is worked out from the record for that month, and its PDF is made when downloaded.

**Small numbers**: on aggregate-only pages (councillors) and in their API answers, counts from 1 to
`HEARTH_SMALL_NUMBERS_UP_TO` (5, DfE's convention) are shown as "c". A rate (percentage, rate per
10,000, average) whose counts include such a small number (the children counted, those in its
denominator, or for a percentage those not counted) is still shown, rounded to a whole number as
the DfE rounds percentages, with its numerator and denominator "c", so the rate is there but the
small count cannot be worked out beside it; when fewer than `HEARTH_RATES_SHOWN_FROM` (20) children
are behind it, the rate is "c" too. The same in every output a councillor gets (page, PDF,
workbook, API: `suppression.figure_shown`, tested in
`hearth/performance/tests/test_suppression_rule.py` and
`hearth/performance/tests/test_small_numbers_in_every_output.py`; the reading is explained in
docs/security.md).

The same figures as data: `manage.py indicators --as-of 2026-03-31 --json`, or
`GET /api/indicators/?as_of=2026-03-31` (signed in; figures only, never a child).

The source is what the product shows beside a figure (the statute, the DfE collection, or "Local
measure"); the evidence, for the next engineer only, is where the measure came from (the seed
papers it was taken from, the docs that explain it), and never appears in front of a reader.

| id | title | counts | period | polarity | source | evidence |
|---|---|---|---|---|---|---|
"""


class Command(BaseCommand):
    help = "Print docs/indicators.md generated from the indicator catalogue."

    def handle(self, *args, **options):
        lines = [HEADER.rstrip("\n")]
        for i in CATALOGUE:
            lines.append(f"| {i.id} | {i.title} | {i.counts} | {i.period} | {i.polarity} | {i.source} | {i.evidence} |")
        lines.append("\n## Definitions\n")
        for i in CATALOGUE:
            lines.append(f"**{i.id} {i.title}.** {i.definition}\n")
        self.stdout.write("\n".join(lines))
