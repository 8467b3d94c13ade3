"""The scorecard's data: areas, topics, measures and their monthly values.

Every change to a measure, its thresholds and areas, or a monthly value is
recorded by Postgres triggers (django-pghistory), so changes made by the
form, an upload, the admin or bulk SQL are all in the history.
"""

from typing import Any

import pghistory
import pgtrigger
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from oversight.core.history import audit_links, audited, change_trackers
from scorecard.stats import Method


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    DURATION = "duration", "Duration (hh:mm:ss)"
    NUMBER = "number", "Number"
    CURRENCY = "currency", "Currency (£)"


class Aggregation(models.TextChoices):
    SUM = "sum", "Sum of the months"
    RATIO = "ratio", "Ratio: total numerator ÷ total denominator × 100"
    WEIGHTED_MEAN = "weighted_mean", "Weighted mean"
    MEAN = "mean", "Mean of the months"
    LATEST = "latest", "Latest month (a stock)"


class Polarity(models.TextChoices):
    UP_IS_GOOD = "up_is_good", "Up is good"
    DOWN_IS_GOOD = "down_is_good", "Down is good"
    NEUTRAL = "neutral", "Neutral"


@audited()
class Area(models.Model):
    """The force or one of its sub-areas (County, Swindon, a CPT)."""

    code = models.CharField(
        max_length=30,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9_]+$", "Use capital letters, digits and _.")],
    )
    name = models.CharField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_force(self) -> bool:
        return self.parent_id is None


@audited()
class NationalPriority(models.Model):
    """One of the Government's national priorities for policing, as item 7A of
    the Specified Information Order asks the local policing body to report the
    force's contribution to (data: the list changes with the Government)."""

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "national priorities"

    def __str__(self) -> str:
        return self.title


@audited()
class Topic(models.Model):
    """A page of the scorecard, e.g. "Crime & Communication Centre – 999 Service"."""

    name = models.CharField(max_length=200, unique=True)
    code = models.SlugField(
        max_length=60, unique=True, blank=True,
        help_text="Short name for links and commands; made from the name if left blank.")
    order = models.PositiveSmallIntegerField(default=0)
    priority = models.ForeignKey(
        "oversight.Priority", null=True, blank=True, on_delete=models.SET_NULL
    )
    objective = models.ForeignKey(
        "oversight.Objective", null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = self.code or slugify(self.name)[:60]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("scorecard:topic", args=[self.code])


@audited()
class Measure(models.Model):
    code = models.CharField(
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Za-z0-9_.\-]+$", "Use letters, digits, dots, dashes and _.")
        ],
    )
    name = models.CharField(max_length=200)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="measures")
    objectives = models.ManyToManyField("oversight.Objective", blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    aggregation = models.CharField(max_length=20, choices=Aggregation.choices)
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    areas: "models.ManyToManyField[Area, MeasureArea]" = models.ManyToManyField(
        Area, through="MeasureArea", related_name="measures")
    definition = models.TextField(blank=True)
    national_priority = models.ForeignKey(
        NationalPriority, null=True, blank=True, on_delete=models.PROTECT,
        related_name="measures", help_text="The national priority for policing this measure "
        "shows the force's contribution to, if any (the 7A statement).")
    source = models.CharField(max_length=200, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)
    baseline_start = models.DateField(
        null=True, blank=True, help_text="First month of a fixed baseline for the "
        "statistical exceptions (after a change of process or definition).")
    baseline_end = models.DateField(null=True, blank=True,
                                    help_text="Last month of the fixed baseline.")

    class Meta:
        ordering = ["topic__order", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(baseline_start__isnull=True, baseline_end__isnull=True)
                | models.Q(baseline_start__lte=models.F("baseline_end")),
                name="fixed_baseline_is_a_range",
                violation_error_message="A fixed baseline needs a first month on or "
                "before its last month.",
            ),
            models.CheckConstraint(
                condition=~models.Q(aggregation="ratio") | models.Q(unit="percentage"),
                name="ratio_measures_are_percentages",
                violation_error_message="A ratio measure must be a percentage.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("scorecard:measure", args=[self.code])

    @property
    def uses_ratio(self) -> bool:
        return self.aggregation == Aggregation.RATIO

    @property
    def uses_weight(self) -> bool:
        return self.aggregation == Aggregation.WEIGHTED_MEAN


@audited()  # a link changed in place (another area) is a change too
class MeasureArea(models.Model):
    """An area a measure is reported for."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE)
    area = models.ForeignKey(Area, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["measure", "area"], name="one_link_per_measure_area")
        ]

    def __str__(self) -> str:
        return f"{self.measure} – {self.area}"


class Direction(models.TextChoices):
    AT_MOST = "at_most", "Met at or below the value"
    AT_LEAST = "at_least", "Met at or above the value"


@audited()
class Threshold(models.Model):
    """A target or service level, e.g. "Urban SLA 15 min" (900 seconds, at most)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="thresholds")
    label = models.CharField(max_length=100)
    value = models.DecimalField(max_digits=18, decimal_places=4)
    direction = models.CharField(max_length=10, choices=Direction.choices)

    class Meta:
        ordering = ["value"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "label"], name="threshold_label_unique")
        ]

    def __str__(self) -> str:
        return self.label


# Statement-level triggers: a bulk upsert of a million values writes its
# history in one pass instead of firing a trigger per row.
@pghistory.track(
    *change_trackers(level=pghistory.Statement),
    # A value's history is read by measure and month (a measure's revisions,
    # a return's last change); no other column of it needs an index.
    meta={"indexes": [models.Index(fields=["measure", "month"], name="value_event_measure_month")]},
)
class MonthlyValue(models.Model):
    """One measure's figure for one area and month (see kpi-method.md)."""

    # No index of its own: the unique (measure, area, month) index leads with it.
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="values", db_index=False
    )
    # No index either: no page reads values by area alone, and with a handful
    # of areas a scan beats it (deleting an area checks its values once). One
    # index fewer to build after a bulk load (a million values: 0.25-0.38 s).
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="values", db_index=False
    )
    month = models.DateField(help_text="The first day of the month.")
    value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    weight = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["measure", "area", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "month"], name="one_value_per_measure_area_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="monthly_value_on_first_of_month"
            ),
        ]
        # A value's history is read by its key (as known on a day, its revisions),
        # so a stored value keeps its measure, area and month, however it is
        # written: a value in the wrong place is removed and entered in the right one.
        triggers = [pgtrigger.Protect(
            name="value_key_stands", operation=pgtrigger.Update, condition=pgtrigger.Condition(
                "OLD.measure_id IS DISTINCT FROM NEW.measure_id"
                " OR OLD.area_id IS DISTINCT FROM NEW.area_id"
                " OR OLD.month IS DISTINCT FROM NEW.month"))]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.area.code} {self.month:%Y-%m}"


class AnnotationKind(models.TextChoices):
    DEFINITION_CHANGE = "definition_change", "Definition change"
    INTERVENTION = "intervention", "Intervention"
    DATA_ISSUE = "data_issue", "Data issue"


@audited()
class Annotation(models.Model):
    """Something a reader of the figures must know about a month."""

    month = models.DateField(help_text="The first day of the month.")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.CASCADE)
    kind = models.CharField(max_length=20, choices=AnnotationKind.choices)
    text = models.TextField()

    class Meta:
        ordering = ["month"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="annotation_on_first_of_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%b-%Y}: {self.get_kind_display()}"


class Comparator(models.TextChoices):
    FORCE = "force", "Force"
    SAME_PERIOD_LAST_YEAR = "sply", "SPLY"
    MOST_SIMILAR_GROUP = "msg", "MSF Average"
    NATIONAL = "national", "National"
    NAMED_FORCE = "named_force", "Another force"


@audited()
class ComparatorValue(models.Model):
    """A measure's figure beside other forces' for a period (seed 001, complaints)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="comparators")
    comparator = models.CharField(max_length=20, choices=Comparator.choices)
    force_name = models.CharField(
        max_length=100, blank=True, help_text="Only for another named force."
    )
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=18, decimal_places=4)
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["measure", "period_start", "comparator"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "comparator", "force_name", "period_start", "period_end"],
                name="one_comparator_value_per_period",
            ),
            models.CheckConstraint(
                condition=~models.Q(comparator="named_force") | ~models.Q(force_name=""),
                name="named_force_has_a_name",
                violation_error_message="Give the other force's name.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.comparator == Comparator.NAMED_FORCE:
            return self.force_name
        return self.get_comparator_display()


class UploadState(models.TextChoices):
    CHECKING = "checking", "Being checked"
    PROBLEMS = "problems", "Has problems"
    CHECKED = "checked", "Checked: waiting for confirmation"
    IMPORTING = "importing", "Being imported"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Stopped"


class ValueUpload(models.Model):
    """An uploaded file of monthly values, kept between its preview and the
    user's confirmation so the confirmed import is exactly what was previewed.
    A large file is checked and imported by the worker (scorecard/uploads.py),
    which records its progress here."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    filename = models.CharField(max_length=255)
    state = models.CharField(max_length=20, choices=UploadState, default=UploadState.CHECKED)
    # The file as sent, only until the worker has read it.
    source = models.BinaryField(null=True, blank=True)
    # The rows as checked for the preview (scorecard/importing/checked_file.py),
    # not the file: the confirmation imports exactly these.
    content = models.BinaryField(default=b"")
    rows = models.PositiveIntegerField(help_text="Rows of data (before reading: an estimate).")
    rows_read = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    new = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=100, blank=True)
    changes = models.JSONField(default=list, help_text="The first changes, for the preview.")
    problems = models.JSONField(default=list, help_text="The first problems: {row, column, "
                                "message}.")
    problem_count = models.PositiveIntegerField(default=0)
    reason = models.TextField(blank=True, help_text="Why stored values change (an import "
                              "the worker runs).")
    error = models.TextField(blank=True, help_text="Why the worker stopped, in plain words.")
    imported_at = models.DateTimeField(null=True, blank=True)
    written = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.filename

    def get_absolute_url(self) -> str:
        return reverse("scorecard:upload_preview", args=[self.pk])


@audited()
class MethodSettings(models.Model):
    """The KPI method's settings (kpi-method.md): one row, edited in the admin.

    Defaults come from stats.Method; figures are recomputed when this changes.
    """

    trend_threshold = models.DecimalField(
        max_digits=5, decimal_places=2, default=Method.trend_threshold,
        help_text="Rolling trend: % of the 12 months' mean the fitted line must rise or fall.")
    weight_one = models.PositiveSmallIntegerField(default=Method.weight_one)
    weight_two = models.PositiveSmallIntegerField(default=Method.weight_two)
    weight_three = models.PositiveSmallIntegerField(default=Method.weight_three)
    weight_eight = models.PositiveSmallIntegerField(default=Method.weight_eight)
    same_direction_score = models.PositiveSmallIntegerField(
        default=Method.same_direction_score,
        help_text="Trend and year-on-year change point the same way.")
    opposite_direction_score = models.PositiveSmallIntegerField(
        default=Method.opposite_direction_score,
        help_text="Trend and year-on-year change point opposite ways.")
    large_change_score = models.PositiveSmallIntegerField(
        default=Method.large_change_score,
        help_text="No trend, but a large year-on-year change.")
    large_change = models.DecimalField(
        max_digits=6, decimal_places=2, default=Method.large_change,
        help_text="A large year-on-year change: % (or % points; for times, % of the "
        "earlier 12 months).")
    minimum_baseline = models.PositiveSmallIntegerField(
        default=Method.minimum_baseline,
        help_text="Months with values a baseline needs before exceptions are judged.")

    class Meta:
        verbose_name = verbose_name_plural = "KPI method settings"
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_method_row")]

    def __str__(self) -> str:
        return "KPI method settings"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    def method(self) -> Method:
        return Method(**{name: type(getattr(Method, name))(getattr(self, name))
                         for name in Method.names()})

    @classmethod
    def current(cls) -> Method:
        row = cls.objects.filter(pk=1).first()
        return row.method() if row else Method()


# --- Figures computed from the values (scorecard/figure_store.py) -------------


class Figure(models.Model):
    """One series' KPI figures at one reference month, as stats.kpi_figures
    computes them (the columns are its FIGURE_COLUMNS). Derived data, not a
    record anyone edits: rewritten after each data change, so not audited and
    without foreign-key constraints (rows of a removed measure go at the next
    rewrite, which the removal itself causes)."""

    pk = models.CompositePrimaryKey("month", "measure", "area")
    month = models.DateField()
    # Read by month (the key, and the ranking's index), never by measure alone.
    measure = models.ForeignKey(Measure, on_delete=models.DO_NOTHING, db_constraint=False,
                                db_index=False, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.DO_NOTHING, db_constraint=False,
                             db_index=False, related_name="+")
    value = models.FloatField(null=True)
    three_months = models.FloatField(null=True)
    twelve_months = models.FloatField(null=True)
    previous_twelve_months = models.FloatField(null=True)
    year_on_year = models.FloatField(null=True)
    large_change = models.BooleanField()
    trend = models.CharField(max_length=20)
    trend_change = models.FloatField(null=True)
    centre = models.FloatField(null=True)
    sigma = models.FloatField(null=True)
    baseline_points = models.IntegerField()
    one = models.BooleanField()
    two = models.BooleanField()
    three = models.BooleanField()
    eight = models.BooleanField()
    side = models.CharField(max_length=10)
    exceptions = models.CharField(max_length=200)
    movement = models.CharField(max_length=20)
    weighting = models.IntegerField()
    improvement_run = models.FloatField(null=True)

    class Meta:
        # What needs attention and the dashboard rank a month's rows by weighting.
        indexes = [models.Index("month", models.F("weighting").desc(),
                                name="figure_month_weighting")]

    def __str__(self) -> str:
        return f"{self.measure_id}/{self.area_id} {self.month:%Y-%m}"


class FigureState(models.Model):
    """The data version the stored figures come from (one row)."""

    version = models.CharField(max_length=100)
    computed_at = models.DateTimeField()
    seconds = models.FloatField(help_text="How long the last recompute took.")
    months = models.IntegerField(help_text="Reference months the last recompute wrote.")

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_figure_state")]

    def __str__(self) -> str:
        return f"Figures of data version {self.version}"


audit_links(Measure.objectives.through, "MeasureObjectiveLink", "scorecard")
