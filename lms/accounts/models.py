from datetime import date

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 18


class Territory(models.Model):
    """A municipal territory (municipal district or city district) of the region."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    region = models.CharField(_("region"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipal territory")
        verbose_name_plural = _("municipal territories")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        # Emails are compared case-insensitively everywhere, so store them lower-cased.
        return (email or "").strip().lower()

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person using the platform. Signs in by email; the name is kept in Russian order."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    last_name = models.CharField(_("last name"), max_length=150)
    first_name = models.CharField(_("first name"), max_length=150)
    patronymic = models.CharField(_("patronymic"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("municipal territory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    date_of_birth = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        help_text=_("Needed only for trainees under 18 (guardian's consent)."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["last_name", "first_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "patronymic"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = UserManager.normalize_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self):
        """Full name in Russian order: last name, first name, patronymic."""
        return " ".join(p for p in (self.last_name, self.first_name, self.patronymic) if p).strip()

    def get_short_name(self):
        return " ".join(p for p in (self.first_name, self.patronymic) if p).strip() or self.email

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def is_minor(self) -> bool:
        age = self.age_on(timezone.localdate())
        return age is not None and age < ADULT_AGE


class ConsentKind(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("Processing of personal data")
    GUARDIAN = "guardian", _("Guardian's consent for a minor")


class ConsentText(models.Model):
    """One published version of a consent's wording; people consent to a version."""

    kind = models.CharField(_("kind"), max_length=20, choices=ConsentKind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    published_on = models.DateField(_("published on"))

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="one_consent_text_per_version")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {_('version')} {self.version}"

    @classmethod
    def current(cls, kind: str) -> "ConsentText":
        return cls.objects.filter(kind=kind).order_by("-version").first()


class Consent(models.Model):
    """A person's (or, for a minor, their guardian's) consent to one version of a text."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.PROTECT, related_name="consents"
    )
    text = models.ForeignKey(
        ConsentText, verbose_name=_("text"), on_delete=models.PROTECT, related_name="+"
    )
    guardian_name = models.CharField(_("guardian's full name"), max_length=255, blank=True)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        User,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.user} — {self.text}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class StaffTerritory(models.Model):
    """A territory the registrar put in a curator's or supervisor's care.

    Staff scope is assigned by the centre, never read from the profile, which its owner
    edits freely: a curator sees the report of these territories, a supervisor signs off
    the practice of their services.
    """

    user = models.ForeignKey(
        User, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="scope"
    )
    territory = models.ForeignKey(
        Territory, verbose_name=_("municipal territory"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        User,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("territory in a staff member's care")
        verbose_name_plural = _("territories in staff members' care")
        constraints = [
            models.UniqueConstraint(fields=["user", "territory"], name="one_scope_per_territory")
        ]

    def __str__(self):
        return f"{self.user} — {self.territory}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the centre")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class ParticularsChange(models.Model):
    """A person asks the centre to change the territory or birth date it relies on."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="particulars_changes"
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("new municipal territory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    date_of_birth = models.DateField(_("new date of birth"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("change of particulars")
        verbose_name_plural = _("changes of particulars")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"
