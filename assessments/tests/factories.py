import factory

from assessments.models import Assignment, AssignmentKind, Rubric
from modules.models import ModulePage


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    module = factory.LazyFunction(lambda: ModulePage.objects.first())
    kind = AssignmentKind.CASE_ANALYSIS
    title = factory.Sequence(lambda n: f"Анализ случая {n}")
    instructions = "<p>Проанализируйте случай.</p>"
    due_days = 14
    rubric = factory.LazyFunction(lambda: Rubric.objects.first())
