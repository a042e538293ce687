from django.conf import settings
from django.db import models


class Target(models.Model):
    """The council's target for an indicator in a statutory year, with the tolerance that makes
    amber: set by the performance team, never in code."""

    indicator_id = models.CharField(max_length=10)
    year = models.PositiveIntegerField(help_text="The statutory year's first calendar year: 2025 for 2025-26")
    target = models.DecimalField(max_digits=9, decimal_places=2, help_text="In the indicator's unit (% or count)")
    tolerance = models.DecimalField(max_digits=9, decimal_places=2, help_text="How far short is amber, not red")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["indicator_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_id", "year"], name="one_target_per_indicator_year"),
            models.CheckConstraint(condition=models.Q(tolerance__gte=0, target__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}-{(self.year + 1) % 100:02d}: {self.target}"


class Geography(models.TextChoices):
    ENGLAND = "ENGLAND", "England"
    STATISTICAL_NEIGHBOURS = "SN", "Statistical neighbours (average)"
    REGION = "REGION", "Region"


class Benchmark(models.Model):
    """A published comparison figure (DfE statistics, LAIT) for an indicator and year, as data."""

    indicator_id = models.CharField(max_length=10)
    year = models.PositiveIntegerField(help_text="The statutory year's first calendar year: 2024 for 2024-25")
    geography = models.CharField(max_length=10, choices=Geography.choices)
    value = models.DecimalField(max_digits=9, decimal_places=2)
    source = models.CharField(max_length=300)
    published_on = models.DateField()
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator_id", "-year", "geography"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_id", "year", "geography"], name="one_benchmark_per_place_year")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year} {self.geography}: {self.value}"


class Snapshot(models.Model):
    """A published month: every figure frozen as it stood, with the children behind it, so a report
    sent to the panel reproduces exactly whatever is corrected later."""

    month = models.DateField(unique=True, help_text="The first day of the month published (figures as of its last day)")
    as_of = models.DateField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Published figures for {self.month:%B %Y}"


class SnapshotFigure(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="figures")
    indicator_id = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    unit = models.CharField(max_length=10)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    value = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    target = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    rag = models.CharField(max_length=10, blank=True)
    last_year_value = models.DecimalField(max_digits=9, decimal_places=1, null=True)
    travel = models.CharField(max_length=20, blank=True)
    commentary = models.TextField(blank=True, help_text="The performance team's commentary, frozen with the figure")

    class Meta:
        ordering = ["snapshot", "id"]
        constraints = [models.UniqueConstraint(fields=["snapshot", "indicator_id"], name="one_figure_per_snapshot")]

    def __str__(self) -> str:
        return f"{self.indicator_id} in {self.snapshot}"


class SnapshotRow(models.Model):
    """One member of a frozen figure's denominator: the child (none for a row that is not a child's,
    such as a foster carer household: its name is in the subject), the worker, whether it counted."""

    figure = models.ForeignKey(SnapshotFigure, on_delete=models.PROTECT, related_name="rows")
    subject = models.CharField(max_length=200)
    # Empty for a row that is not a child's: a worker's (docs/decisions/0009-worker-rows.md), a household's.
    child = models.ForeignKey("people.Child", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    worker = models.CharField(max_length=200)
    team = models.CharField(max_length=200)
    counted = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.subject} in {self.figure}"


class Commentary(models.Model):
    """The performance team's words on an indicator for a month, shown beside the figure."""

    indicator_id = models.CharField(max_length=10)
    month = models.DateField()
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator_id", "month"], name="one_commentary_per_month")]

    def __str__(self) -> str:
        return f"Commentary on {self.indicator_id}, {self.month:%B %Y}"


class ChildPopulation(models.Model):
    """The council's population of children aged 0-17 for a statutory year (ONS mid-year estimate):
    the denominator of every rate per 10,000 children. Data the performance team keeps, never code."""

    year = models.PositiveIntegerField(
        unique=True, help_text="The statutory year's first calendar year: 2025 for 2025-26"
    )
    children = models.PositiveIntegerField(help_text="Children aged 0 to 17")
    source = models.CharField(max_length=300, help_text="Where the figure comes from, e.g. ONS mid-2024 estimate")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised by each change: refuses a stale edit")

    class Meta:
        ordering = ["-year"]
        constraints = [models.CheckConstraint(condition=models.Q(children__gt=0), name="child_population_positive")]

    def __str__(self) -> str:
        return f"{self.year}-{(self.year + 1) % 100:02d}: {self.children} children aged 0-17"


class ReportKind(models.TextChoices):
    """The reports kept as PDFs once made. The aggregate kinds are the ones readers without the
    drill-down get (councillors: small numbers suppressed); the panel's is aggregate for everyone."""

    MONTH = "MONTH", "Performance report"
    MONTH_AGGREGATE = "MONTH_AGG", "Performance report (aggregate)"
    PANEL = "PANEL", "Corporate Parenting Panel report"
    QUARTER = "QUARTER", "Quarterly performance indicator report"
    QUARTER_AGGREGATE = "QUARTER_AGG", "Quarterly performance indicator report (aggregate)"
    # A month's workbook with every row behind its figures, for one reader (it lists only the children
    # that reader may see): kept when it is too long to write while the reader waits.
    MONTH_WORKBOOK = "MONTH_XLSX", "Performance workbook with the children behind the figures"


# The kinds made for one reader (ReportFile.reader); the others are one file for all their readers.
PER_READER_KINDS = (ReportKind.MONTH_WORKBOOK,)

AGGREGATE_KINDS = (ReportKind.MONTH_AGGREGATE, ReportKind.PANEL, ReportKind.QUARTER_AGGREGATE)


class ReportStatus(models.TextChoices):
    QUEUED = "QUEUED", "Waiting to start"
    RUNNING = "RUNNING", "Being made"
    DONE = "DONE", "Made"
    FAILED = "FAILED", "Failed"


class ReportStage(models.TextChoices):
    WAITING = "", "Waiting for the background worker"
    READING = "READING", "Reading the published figures"
    LAYING_OUT = "LAYING_OUT", "Laying out the pages"
    WRITING = "WRITING", "Writing the PDF"
    WRITING_ROWS = "ROWS", "Writing the children behind the figures"


class ReportFile(models.Model):
    """A published month's report as a PDF, made once by the background task and kept, so that
    downloading it is instant. One per month and kind (for a quarter: its last month, the quarter's
    three months all published). `made_from` is a digest of everything the file was made from (the
    month, the published months its trends draw, the benchmarks, the layout): when that changes (a
    month republished, benchmarks loaded), the kept file is no longer the report and is made again.
    A month's workbook with the rows behind its figures is kept the same way, one per reader: its
    `made_from` includes the children its reader may see, so it is made again when they change."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="report_files")
    kind = models.CharField(max_length=12, choices=ReportKind.choices)
    status = models.CharField(max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    stage = models.CharField(max_length=12, choices=ReportStage.choices, blank=True, default=ReportStage.WAITING)
    made_from = models.CharField(max_length=64, help_text="Digest of what the file is made from")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Whom it was made for (a workbook lists only the children its reader may see); "
        "empty for a report that is the same for all its readers",
    )
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    content = models.BinaryField(null=True, blank=True, help_text="The file, once made")
    size = models.PositiveIntegerField(default=0, help_text="The file's size in bytes")
    rows_percent = models.PositiveSmallIntegerField(
        default=0, help_text="How much of a workbook's rows are written, in percent, while it is made"
    )
    error = models.TextField(blank=True, help_text="Why making it failed")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "kind"],
                condition=models.Q(reader__isnull=True),
                name="one_report_file_per_month_and_kind",
            ),
            models.UniqueConstraint(
                fields=["snapshot", "kind", "reader"],
                condition=models.Q(reader__isnull=False),
                name="one_report_file_per_month_kind_and_reader",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=PER_READER_KINDS, reader__isnull=False)
                | (~models.Q(kind__in=PER_READER_KINDS) & models.Q(reader__isnull=True)),
                name="report_file_reader_only_for_per_reader_kinds",
            ),
            models.CheckConstraint(condition=models.Q(kind__in=ReportKind.values), name="report_file_kind_known"),
            models.CheckConstraint(condition=models.Q(status__in=ReportStatus.values), name="report_file_status_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.snapshot.month:%B %Y}"

    @property
    def is_unfinished(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def percent(self) -> int:
        """How far the making has got, by stage (WeasyPrint says nothing while laying out)."""
        if self.status == ReportStatus.DONE:
            return 100
        if self.stage == ReportStage.WRITING_ROWS:  # the workbook: 10% reading, then its rows as written
            return 10 + self.rows_percent * 89 // 100
        return {ReportStage.READING: 5, ReportStage.LAYING_OUT: 15, ReportStage.WRITING: 80}.get(self.stage, 0)
