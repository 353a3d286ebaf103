from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from courses.models import AttendanceStatus
from supervision.vocab import CaseCategory, ProgramType

MAX_TEXT = 20_000
MAX_DURATION_MINUTES = 12 * 60


class SessionKind(models.TextChoices):
    SUPERVISION = "supervision", _("Supervision")
    INTERVISION = "intervision", _("Intervision")
    BALINT = "balint", _("Balint group")
    SEMINAR = "seminar", _("Methodological seminar")

    @classmethod
    def counted_as_hours(cls) -> tuple[str, ...]:
        """Kinds whose hours count toward the supervision requirement."""
        return (cls.SUPERVISION, cls.INTERVISION, cls.BALINT)


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class SupervisionSession(models.Model):
    """A supervision, intervision or Balint-group meeting, or a methodological seminar."""

    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration, minutes"),
        validators=[MinValueValidator(15), MaxValueValidator(MAX_DURATION_MINUTES)],
    )
    format = models.CharField(
        _("session format"),
        max_length=10,
        choices=SessionFormat.choices,
        default=SessionFormat.IN_PERSON,
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.PROTECT,
        related_name="sessions_facilitated",
    )
    # A cohort's own session, or one open to every mediator of a territory.
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_sessions",
    )
    territory = models.ForeignKey(
        "accounts.Territory",
        verbose_name=_("open to the mediators of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=255)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("case presented by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case_program_type = models.CharField(
        _("restorative program"), max_length=30, choices=ProgramType.choices, blank=True
    )
    case_category = models.CharField(
        _("case category"), max_length=20, choices=CaseCategory.choices, blank=True
    )
    case_summary = models.TextField(_("case summary (de-identified)"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    process_notes = models.TextField(_("process notes (confidential)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-date", "-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort__isnull=False, territory__isnull=True)
                | Q(cohort__isnull=True, territory__isnull=False),
                name="session_for_cohort_or_territory",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15, duration_minutes__lte=MAX_DURATION_MINUTES),
                name="session_duration_in_range",
            ),
        ]
        verbose_name = _("supervision session")
        verbose_name_plural = _("supervision sessions")

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    @property
    def title(self) -> str:
        """ "Kind: topic", unless the topic already begins with the kind, as people often
        type it ("Интервизия: …"), which would print the kind twice."""
        kind = str(self.get_kind_display())
        topic = self.topic.strip()
        # In any interface language: a Russian topic under the English interface too.
        names = {kind}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(str(self.get_kind_display()))
        if any(topic.casefold().startswith(name.casefold()) for name in names):
            return topic
        return f"{kind}: {topic}" if topic else kind

    def clean(self):
        if (self.cohort_id is None) == (self.territory_id is None):
            raise ValidationError(
                _("Choose either a cohort or the territory whose mediators are invited.")
            )

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.date, self.starts_at, tzinfo=timezone.get_current_timezone())

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.duration_minutes)

    @property
    def has_started(self) -> bool:
        return self.starts <= timezone.now()

    @property
    def hours(self) -> float:
        return self.duration_minutes / 60

    @property
    def group_name(self) -> str:
        return self.cohort.name if self.cohort_id else str(self.territory)


class SessionParticipant(models.Model):
    """A person at a session: attendance marked by the facilitator, their own reflection."""

    session = models.ForeignKey(
        SupervisionSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="supervision_participations",
    )
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, blank=True
    )
    remark = models.CharField(_("remark"), max_length=255, blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    reflection_at = models.DateTimeField(_("reflection written at"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_place_per_session")
        ]
        verbose_name = _("session participant")
        verbose_name_plural = _("session participants")

    def __str__(self):
        return f"{self.user} — {self.session}"

    @property
    def attended(self) -> bool:
        return self.status in AttendanceStatus.attended()
