"""Executive Leadership Group meetings, their KLOE briefings and outcomes.

Seed 000: ELG meets twice a month; the first meeting scrutinises one Plan
priority or objective, the second reviews the PEEL plan and overall
performance. Each scrutiny meeting has a Key Lines of Enquiry briefing.
"""

import hashlib
import secrets
from datetime import date, time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from elg.half_years import HalfYear
from oversight.core.history import audit_links, audited
from oversight.core.known import as_known
from oversight.core.progress import StatementBase
from oversight.core.publications import Publishable
from oversight.core.requests import Reader
from oversight.core.roles import Perm
from oversight.plan.models import Objective

REVIEW_TOPIC = "PEEL Plan / Overall Performance dashboard review"


class MeetingKind(models.TextChoices):
    SCRUTINY = "scrutiny", "Plan scrutiny"
    REVIEW = "review", "PEEL and performance review"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


@audited()
class Meeting(models.Model):
    date = models.DateField(
        unique=True, error_messages={"unique": "Another ELG meeting is already on this date."}
    )
    starts_at = models.TimeField("start time", default=time(10, 0))
    place = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=MeetingKind, default=MeetingKind.SCRUTINY)
    # The OPCC plans by half-year, and its H2 2022 began on 13 June (seed 000),
    # so the half-year is recorded, not worked out from the date.
    half_year = models.CharField(
        max_length=7,
        validators=[RegexValidator(r"^\d{4}-H[12]$", "Enter a half-year like 2022-H2")],
        help_text="For example 2022-H2.",
    )
    topic = models.CharField(
        max_length=300,
        help_text="As the schedule shows it, e.g. "
        "“1.2 Quality of policing services provided to our communities - Reporting and Response”.",
    )
    objectives = models.ManyToManyField(Objective, blank=True, related_name="elg_meetings")
    status = models.CharField(
        max_length=10, choices=MeetingStatus, default=MeetingStatus.SCHEDULED
    )

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"ELG {self.date:%-d %B %Y}: {self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("elg:meeting", args=[self.pk])

    @property
    def is_scrutiny(self) -> bool:
        return self.kind == MeetingKind.SCRUTINY

    @property
    def half(self) -> HalfYear:
        return HalfYear.parse(self.half_year)


@audited()
class OutcomeNote(StatementBase):
    """A note of what a held meeting found, a note at a time: it stands once
    the grace period has passed, and a later note may correct it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcome_notes")
    text = models.TextField("note")

    class Meta(StatementBase.Meta):
        ordering = ["recorded_at", "pk"]
        constraints = [models.CheckConstraint(condition=~models.Q(text=""),
                                              name="outcome_note_has_text")]

    def __str__(self) -> str:
        return f"Note on {self.meeting}, {timezone.localtime(self.recorded_at):%-d %B %Y %H:%M}"


class BriefingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued to the force"


def sees_draft_briefings(user: Reader) -> bool:
    """The one rule: briefings are read once issued, drafts only by those who
    manage meetings (the OPCC)."""
    return user.has_perm(Perm.MANAGE_MEETINGS)


class BriefingQuerySet(models.QuerySet):
    def visible_to(self, user: Reader) -> "BriefingQuerySet":
        return self if sees_draft_briefings(user) else self.filter(status=BriefingStatus.ISSUED)


@audited()
class Briefing(models.Model):
    """A KLOE briefing: the parts of seed 000's Appendix 1."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="briefing")
    topic = models.CharField(max_length=200, help_text="For example “Reporting and Response”.")
    purpose = models.TextField("meeting purpose")
    force_asked = models.TextField(
        "what the force is asked to provide",
        help_text="For example a short presentation of at most 5 slides.",
    )
    executive_summary = models.TextField()
    expectations = models.TextField(
        "the OPCC's expectations", help_text="One expectation a line."
    )
    focus = models.TextField(
        "focus of the meeting", blank=True,
        help_text="What this ELG will focus on and the evidence it requires.",
    )
    status = models.CharField(max_length=6, choices=BriefingStatus, default=BriefingStatus.DRAFT)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefingQuerySet.as_manager()

    def __str__(self) -> str:
        return f"KLOE briefing: {self.topic} ({self.meeting.date:%-d %B %Y})"

    def get_absolute_url(self) -> str:
        return reverse("elg:briefing", args=[self.meeting_id])

    @property
    def expectation_list(self) -> list[str]:
        return [line.strip() for line in self.expectations.splitlines() if line.strip()]

    @property
    def is_issued(self) -> bool:
        return self.status == BriefingStatus.ISSUED

    def visible_to(self, user: Reader) -> bool:
        """BriefingQuerySet.visible_to for a briefing already in hand."""
        return self.is_issued or sees_draft_briefings(user)


@audited()
class Theme(models.Model):
    """A heading the key lines of enquiry are grouped under."""

    name = models.CharField(max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


@audited()
class Question(models.Model):
    """The question bank: a key line of enquiry kept for reuse."""

    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="questions")
    text = models.TextField()
    objectives = models.ManyToManyField(Objective, blank=True, related_name="kloe_questions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["theme__order", "theme__name", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="question_has_text"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class BriefingQuestionQuerySet(models.QuerySet):
    def visible_to(self, user: Reader) -> "BriefingQuestionQuerySet":
        """Questions of the briefings the reader may open."""
        if sees_draft_briefings(user):
            return self
        return self.filter(briefing__status=BriefingStatus.ISSUED)


@audited()
class BriefingQuestion(models.Model):
    """A question as asked in one briefing: a copy, so editing the bank (or the
    briefing) never changes a briefing already issued (or the bank)."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="questions")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    source = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL)

    objects = BriefingQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["theme__order", "theme__name", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""), name="briefing_question_has_text"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Rating(models.TextChoices):
    ASSURED = "assured", "Assured"
    PARTLY = "partly", "Partly assured"
    NOT_ASSURED = "not", "Not assured"


@audited()
class Assurance(models.Model):
    """The meeting's conclusion on one objective, as Cleveland's PCC records it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="assurances")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE)
    rating = models.CharField(max_length=8, choices=Rating)

    class Meta:
        ordering = ["objective__code"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "objective"], name="one_rating_a_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.objective.code}: {self.get_rating_display()}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "progress", "In progress"
    COMPLETE = "complete", "Complete"


class Owner(models.TextChoices):
    FORCE = "force", "Force"
    OPCC = "opcc", "OPCC"


class ActionQuerySet(models.QuerySet):
    def still_open(self) -> "ActionQuerySet":
        return self.exclude(status=ActionStatus.COMPLETE)

    def overdue(self, today: date) -> "ActionQuerySet":
        return self.still_open().filter(due_date__lt=today)

    def overdue_as_known(self, today: date, known: date | None) -> list["Action"]:
        """overdue(today), with each action as it stood at the end of day
        `known` (its status and due date then), if given."""
        if known is None:
            return list(self.overdue(today))
        return [action for action in as_known(list(self), known)
                if action.status != ActionStatus.COMPLETE and action.due_date < today]

    def in_log(self, show: str, organisation: str, today: date) -> "ActionQuerySet":
        """The actions log's list: open, overdue (on `today`) or all; of one
        organisation, or anyone's ("")."""
        actions = self.select_related("meeting")
        if organisation:
            actions = actions.filter(organisation=organisation)
        if show == "overdue":
            return actions.overdue(today)
        return actions if show == "all" else actions.still_open()


@audited()
class Action(models.Model):
    """An action arising from a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who will do it, e.g. “ACC Operations”.")
    organisation = models.CharField(max_length=5, choices=Owner, default=Owner.FORCE)
    due_date = models.DateField("date due")
    status = models.CharField(max_length=8, choices=ActionStatus, default=ActionStatus.OPEN)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        meeting_date = self.meeting.date if self.meeting_id else None
        if self.due_date and meeting_date and self.due_date < meeting_date:
            raise ValidationError({"due_date": (
                f"The date due must be on or after the meeting ({meeting_date:%-d %B %Y})."
            )})

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.COMPLETE

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_date < today


class CalendarFeedQuerySet(models.QuerySet):
    def for_token(self, token: str) -> "CalendarFeed | None":
        """The live feed this secret address names, with its user."""
        return (self.select_related("user").filter(
            token_hash=CalendarFeed.hash(token), user__is_active=True).first())


@audited(exclude=["token_hash"])
class CalendarFeed(models.Model):
    """A person's secret address for the ELG schedule. Calendar programs fetch
    it without the browser's session, so the address is the credential: only
    its SHA-256 is kept (the token is 256 random bits, so no slow hash is
    needed), it is shown once, and it can be revoked or replaced."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CalendarFeedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User) -> str:
        """A new secret address token for `user`, replacing any earlier one."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(user=user, defaults={
            "token_hash": cls.hash(token), "created_at": timezone.now()})
        return token


audit_links(Meeting.objectives.through, "MeetingObjectiveLink", "elg")
audit_links(Question.objectives.through, "QuestionObjectiveLink", "elg")


@audited()
class PublishedNotes(Publishable):
    """A meeting's notes as the public may read them (seed 003: "notes taken at
    the monthly meeting are published on the PCC's website"): a copy started
    from its outcome notes, which staff redact before it is approved."""

    public_kind = "meeting-notes"
    public_kind_name = "Published meeting notes"
    public_related = ("meeting",)

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT,
                                   related_name="published_notes")
    title = models.CharField(max_length=300)
    notes = models.TextField(help_text="What the public reads: remove anything that must not "
                             "be published (personal data, operational detail) before "
                             "submitting it.")

    class Meta:
        verbose_name_plural = "published meeting notes"

    def __str__(self) -> str:
        return self.title

    def public_key(self) -> str:
        return f"{self.meeting.date:%Y-%m-%d}"

    def public_document(self) -> dict[str, Any]:
        return {"title": self.title, "date": self.meeting.date, "notes": self.notes}
