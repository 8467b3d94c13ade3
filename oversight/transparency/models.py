"""What the Specified Information Order asks the office to publish beyond its
panel reports: the decisions register (decisions of significant public
interest) and complaints information (item 7C). Each is drafted by staff and
published through approval (oversight/core/publications.py)."""

from typing import Any

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from oversight.core.history import audited
from oversight.core.periods import Counting, Unit
from oversight.core.publications import Publishable

DECISION_NUMBER = RegexValidator(
    r"^[0-9]{4}/[0-9]{2,4}$", "Write the number as the year, a slash and the decision's "
    "number in the year, for example 2026/014.")


@audited()
class Decision(Publishable):
    """A decision of significant public interest, as the register lists it."""

    public_kind = "decisions"
    public_kind_name = "Decisions register"

    number = models.CharField(max_length=9, unique=True, validators=[DECISION_NUMBER],
                              help_text="For example 2026/014.")
    date = models.DateField("date of decision")
    title = models.CharField(max_length=300)
    summary = models.TextField(help_text="What was decided and why, in a few sentences.")
    decision_maker = models.CharField(
        max_length=200, help_text="Who made the decision: the holder of the office, or the "
        "officer acting under their delegated authority.")
    record = models.TextField(
        "decision record", help_text="The decision document: background, the decision, its "
        "cost and the advice taken. Published in full.")

    class Meta:
        ordering = ["-date", "-number"]

    def __str__(self) -> str:
        return f"{self.number}: {self.title}"

    def public_key(self) -> str:
        return self.number.replace("/", "-")

    def public_document(self) -> dict[str, Any]:
        return {"number": self.number, "date": self.date, "title": self.title,
                "summary": self.summary, "decision_maker": self.decision_maker,
                "record": self.record}


@audited()
class NationalPrioritiesStatement(Publishable):
    """Item 7A: how the force contributes to the national priorities for
    policing, which apply locally and why, with the figures of the local
    measures tagged to each (frozen at publication)."""

    public_kind = "national-priorities"
    public_kind_name = "Statement on the national priorities for policing"

    reference_month = models.DateField(
        "figures at", help_text="The month whose KPI figures the statement shows: the latest "
        "with the force's data.")
    introduction = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reference_month"],
                                               name="one_statement_per_month"),
                       models.CheckConstraint(condition=models.Q(reference_month__day=1),
                                              name="statement_month_on_first_day")]

    def __str__(self) -> str:
        return f"The national priorities for policing: figures at {self.reference_month:%B %Y}"

    def public_key(self) -> str:
        return f"{self.reference_month:%Y-%m}"

    def public_document(self) -> dict[str, Any]:
        # The KPI figures' modules read the models as they load: imported here.
        from oversight.transparency.statements import national_priorities_document
        return national_priorities_document(self)


@audited()
class PriorityContribution(models.Model):
    statement = models.ForeignKey(NationalPrioritiesStatement, on_delete=models.CASCADE,
                                  related_name="contributions")
    priority = models.ForeignKey("scorecard.NationalPriority", on_delete=models.PROTECT,
                                 related_name="+")
    applies = models.BooleanField("applies locally", default=True)
    why = models.TextField("why, and how the force contributes", blank=True)

    class Meta:
        ordering = ["statement", "priority__order"]
        constraints = [models.UniqueConstraint(fields=["statement", "priority"],
                                               name="one_contribution_per_priority")]

    def __str__(self) -> str:
        return str(self.priority)


@audited()
class ComplaintsInformation(Publishable):
    """Item 7C: complaints information, with the IOPC bulletin's comparison (seed
    001: the force, the same period last year, the most similar group's average
    and England and Wales)."""

    public_kind = "complaints"
    public_kind_name = "Complaints information"

    period_end = models.DateField(help_text="The last month the figures cover.")
    period = models.CharField(max_length=100, help_text="As the bulletin names it, for "
                              "example “April to June 2023”.")
    source = models.CharField(max_length=200,
                              default="IOPC Police complaints information bulletin")
    how_to_complain = models.TextField()
    our_role = models.TextField("how the office oversees complaints", blank=True)
    commentary = models.TextField(blank=True)
    cases_logged = models.PositiveIntegerField("complaint cases logged")
    cases_logged_last_year = models.PositiveIntegerField("same period last year", null=True,
                                                         blank=True)
    cases_logged_group = models.PositiveIntegerField("most similar group average", null=True,
                                                     blank=True)
    cases_logged_national = models.PositiveIntegerField("England and Wales", null=True,
                                                        blank=True)
    per_thousand = models.DecimalField("cases logged per 1,000 employees", max_digits=6,
                                       decimal_places=1, null=True, blank=True)
    per_thousand_last_year = models.DecimalField("per 1,000: same period last year",
                                                 max_digits=6, decimal_places=1, null=True,
                                                 blank=True)
    per_thousand_group = models.DecimalField("per 1,000: most similar group average",
                                             max_digits=6, decimal_places=1, null=True,
                                             blank=True)
    per_thousand_national = models.DecimalField("per 1,000: England and Wales", max_digits=6,
                                                decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name_plural = "complaints information"
        constraints = [models.UniqueConstraint(fields=["period_end"],
                                               name="one_complaints_return_per_period")]

    def __str__(self) -> str:
        return f"Complaints information, {self.period}"

    def public_key(self) -> str:
        return f"{self.period_end:%Y-%m}"

    def public_document(self) -> dict[str, Any]:
        def row(label: str, field: str) -> dict[str, Any]:
            return {"label": label, "values": [
                getattr(self, f"{field}{suffix}") for suffix in
                ("", "_last_year", "_group", "_national")]}
        return {"period": self.period, "period_end": self.period_end, "source": self.source,
                "how_to_complain": self.how_to_complain, "our_role": self.our_role,
                "commentary": self.commentary,
                "columns": ["This force", "Same period last year",
                            "Most similar group average", "England and Wales"],
                "rows": [row("Complaint cases logged", "cases_logged"),
                         row("Complaint cases logged per 1,000 employees", "per_thousand")]}


class StartEvent(models.TextChoices):
    """What starts a duty's period: each event of the kind is one occasion."""

    HMICFRS_REPORT = "hmicfrs_report", "An HMICFRS report on the force is published"
    PEEL_REPORT = "peel_report", "An HMICFRS PEEL report on the force is published"
    LAST_PUBLICATION = "last_publication", "The last publication of the same information"
    FINANCIAL_YEAR_END = "financial_year_end", "A financial year ends (31 March)"
    QUARTER_END = "quarter_end", "A quarter ends"
    DECISION = "decision", "A decision of significant public interest is made"


@audited()
class Duty(models.Model):
    """A duty to publish something, as data: where the law (or the office's own
    commitment) says so, what starts it, its period and how it is counted,
    what must be published and who answers for it (oversight/transparency/duties.py
    finds each occasion and its due date)."""

    code = models.SlugField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    legal_reference = models.CharField(max_length=300, help_text="For example “Police Act "
                                       "1996 s.55(5A)”, or “The office's own commitment”.")
    source_url = models.URLField("where the law or guidance says so", max_length=500, blank=True)
    guidance = models.TextField(blank=True, help_text="What the law or guidance asks, in "
                                "brief, and where its period comes from.")
    starts_with = models.CharField("what starts it", max_length=30, choices=StartEvent)
    length = models.PositiveSmallIntegerField("period", validators=[MinValueValidator(1)])
    unit = models.CharField(max_length=10, choices=[(u.value, u.value) for u in Unit],
                            default=Unit.DAYS)
    counting = models.CharField(max_length=20, choices=[(c.value, c.value) for c in Counting],
                                default=Counting.AFTER)
    publishes = models.CharField(
        "what must be published", max_length=40,
        help_text="The public site's kind of record that meets it (highlight-reports for "
        "panel reports).")
    responsible = models.CharField("who answers for it", max_length=200)
    since = models.DateField(help_text="When the duty began: occasions before it are not "
                             "counted.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name_plural = "duties"

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        """ "56 days beginning with", in words."""
        unit = self.unit if self.length != 1 else self.unit.rstrip("s")
        return f"{self.length} {unit} {self.counting}"
