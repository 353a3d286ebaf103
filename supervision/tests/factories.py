"""Factories for sessions, practice entries and reconciliation services."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from courses.tests.factories import CohortFactory
from lms.accounts.tests.factories import TerritoryFactory, UserFactory
from supervision.models import (
    EntryStatus,
    MediatorStatus,
    PracticeEntry,
    PracticeMediator,
    ReconciliationService,
    SessionKind,
    SessionParticipant,
    SupervisionSession,
)
from supervision.vocab import (
    CaseCategory,
    CaseSubcategory,
    Outcome,
    ProgramType,
    ReferralSource,
    ServiceKind,
)


class SessionFactory(factory.django.DjangoModelFactory):
    """A past intervision of a cohort, 90 minutes long."""

    class Meta:
        model = SupervisionSession

    kind = SessionKind.INTERVISION
    date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    starts_at = time(15, 0)
    duration_minutes = 90
    facilitator = factory.SubFactory(UserFactory, roles=["supervisor"])
    cohort = factory.SubFactory(CohortFactory)
    topic = factory.Sequence(lambda n: f"Разбор случая {n}")
    case_summary = "Конфликт двух учеников седьмого класса из-за испорченного телефона."
    process_notes = "Группа заметила, что ведущий торопил стороны."
    created_by = factory.SelfAttribute("facilitator")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionParticipant

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory, roles=["trainee"])


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReconciliationService

    kind = ServiceKind.SCHOOL
    organisation = factory.Sequence(lambda n: f"МБОУ «СОШ № {n}»")
    territory = factory.SubFactory(TerritoryFactory)


class EntryFactory(factory.django.DjangoModelFactory):
    """A completed, handed-in restorative mediation with four participants."""

    class Meta:
        model = PracticeEntry
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory, roles=["trainee"])
    service = factory.SubFactory(ServiceFactory)
    program_type = ProgramType.MEDIATION
    case_category = CaseCategory.EDUCATION
    case_subcategory = CaseSubcategory.EDUCATION_PAIR
    referral_source = ReferralSource.SCHOOL_ADMINISTRATION
    request_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    preliminary_meeting_on = factory.LazyAttribute(lambda o: o.request_date + timedelta(days=3))
    joint_meeting_on = factory.LazyAttribute(lambda o: o.request_date + timedelta(days=10))
    adults = 2
    children = 2
    outcome = Outcome.AGREEMENT
    status = EntryStatus.SUBMITTED

    @factory.post_generation
    def mediators(self, create, extracted, **kwargs):
        """``mediators=[...]``: co-mediators who confirmed; ``mediators__status`` for others."""
        if create:
            confirmed = MediatorStatus.CONFIRMED
            PracticeMediator.objects.create(entry=self, user=self.author, status=confirmed)
            for user in extracted or ():
                PracticeMediator.objects.create(
                    entry=self, user=user, status=kwargs.get("status", confirmed)
                )
