import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from lms.accounts.models import StaffTerritory, Territory, User

PASSWORD = "correct-horse-battery"


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Территория {n}")
    region = "Кемеровская область — Кузбасс"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified email; ``roles=["trainer"]`` puts them in role groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    last_name = "Иванова"
    first_name = factory.Sequence(lambda n: f"Мария{n}")
    patronymic = "Петровна"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def scope(self, create, extracted, **kwargs):
        """Staff territories; by default a curator or supervisor looks after their own."""
        if not create:
            return
        if extracted is None:
            staff = self.groups.filter(name__in=["curator", "supervisor"]).exists()
            extracted = [self.territory] if staff and self.territory_id else []
        for territory in extracted:
            StaffTerritory.objects.get_or_create(user=self, territory=territory)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()
