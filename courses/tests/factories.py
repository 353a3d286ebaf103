"""Factories for programs (with their module and lesson pages), cohorts and enrollments."""

from datetime import timedelta

import factory
from django.utils import timezone

from courses.models import (
    Cohort,
    Delivery,
    Enrollment,
    EnrollmentStatus,
    ProgramIndexPage,
    ProgramPage,
)
from lms.accounts.tests.factories import UserFactory
from lms.home.models import HomePage


def catalogue() -> ProgramIndexPage:
    index = ProgramIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=ProgramIndexPage(title="Программы", slug="programmy")
        )
        index.save_revision().publish()
    return index


def build_program(
    *,
    modules: int = 2,
    lessons: int = 2,
    code: str | None = None,
    audience="school_specialists",
    hours_per_module: int = 10,
    requires_previous: bool = False,
) -> ProgramPage:
    """A published program with ``modules`` modules of ``lessons`` lessons each."""
    from modules.models import LessonPage, ModulePage

    code = code or f"П-{ProgramPage.objects.count() + 1}-{timezone.now().microsecond}"
    program = catalogue().add_child(
        instance=ProgramPage(
            title=f"Программа {code}",
            slug=f"program-{ProgramPage.objects.count() + 1}-{timezone.now().microsecond}",
            code=code,
            audience=audience,
            total_hours=modules * hours_per_module,
            format="blended",
            final_document="advanced_training",
            summary="Краткое описание программы.",
            live=False,
        )
    )
    for m in range(1, modules + 1):
        module = program.add_child(
            instance=ModulePage(
                title=f"Модуль {m}",
                slug=f"module-{m}",
                number=m,
                contact_hours=hours_per_module,
                requires_previous=requires_previous and m > 1,
            )
        )
        module.save_revision().publish()
        for n in range(1, lessons + 1):
            lesson = module.add_child(
                instance=LessonPage(
                    title=f"Занятие {m}.{n}",
                    slug=f"lesson-{n}",
                    body=[("rich_text", f"<p>Текст занятия {m}.{n}</p>")],
                )
            )
            lesson.save_revision().publish()
    program.save_revision().publish()
    return ProgramPage.objects.get(pk=program.pk)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    program = factory.LazyFunction(build_program)
    name = factory.Sequence(lambda n: f"Группа {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    delivery = Delivery.CENTRE
    capacity = 20
    accepts_applications = True

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.set(extracted)
            self.save()  # parental many-to-many relations are written on save

    @factory.post_generation
    def supervisors(self, create, extracted, **kwargs):
        if create and extracted:
            self.supervisors.set(extracted)
            self.save()


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    cohort = factory.SubFactory(CohortFactory)
    user = factory.SubFactory(UserFactory, roles=["trainee"])
    status = EnrollmentStatus.APPROVED
