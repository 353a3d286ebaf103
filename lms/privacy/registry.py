"""The declarations apps make about the personal data they store."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.db.models import Model, QuerySet


class Erase:
    DELETE = "delete"  # the rows go, with their files
    BLANK = "blank"  # the rows stay (counted in reports, needed by other records); text goes
    KEEP = "keep"  # kept by law or as proof; the person behind it is anonymised


@dataclass(frozen=True)
class PersonalData:
    """Rows of ``model`` about the person reached through ``subject`` (a lookup to the user)."""

    model: str
    subject: str
    erase: str
    why: str
    blank: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    # What the person is not shown yet, e.g. a grade before its release: ``shown`` narrows
    # the exported rows (callable(QuerySet) -> QuerySet), ``hidden`` names fields never
    # exported (staff's working notes), and ``withheld`` says so in the export.
    shown: object = None
    hidden: tuple[str, ...] = ()
    withheld: str = ""
    # The name shown to the person, where the model's own (a library's, say) reads badly.
    title: str = ""

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    @property
    def label(self) -> str:
        return str(self.title or self.model_class._meta.verbose_name_plural)

    def rows(self, user) -> QuerySet:
        lookup = self.subject or "pk"
        return self.model_class._default_manager.filter(**{lookup: user.pk})

    def export_rows(self, user) -> QuerySet:
        rows = self.rows(user)
        return self.shown(rows) if self.shown is not None else rows


@dataclass(frozen=True)
class NotPersonal:
    """A model that reaches a user only as staff doing their job (author, trainer, grader)."""

    model: str
    why: str


@dataclass(frozen=True)
class Retention:
    """What is purged once it is older than the period (a setting, in days)."""

    name: str
    setting: str
    default_days: int
    expired: object  # callable(cutoff_date) -> QuerySet of rows to purge
    action: str = Erase.DELETE
    blank: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    describe: str = ""

    def period(self) -> timedelta:
        from django.conf import settings

        days = getattr(settings, "LMS_RETENTION_DAYS", {}).get(self.name, self.default_days)
        return timedelta(days=days)


@dataclass
class Registry:
    personal: list[PersonalData] = field(default_factory=list)
    not_personal: list[NotPersonal] = field(default_factory=list)
    retention: list[Retention] = field(default_factory=list)

    def declare(self, *items) -> None:
        for item in items:
            if isinstance(item, PersonalData):
                self.personal.append(item)
            elif isinstance(item, NotPersonal):
                self.not_personal.append(item)
            elif isinstance(item, Retention):
                self.retention.append(item)
            else:
                raise TypeError(item)


registry = Registry()
declare = registry.declare
