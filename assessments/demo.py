"""Demo assignments for `seed_demo`: a case analysis and a reflection in the 254-hour program."""

from assessments.models import Assignment, AssignmentKind, Rubric
from courses.models import ProgramPage
from modules.models import ModulePage

INSTRUCTIONS = (
    "<p>Разберите случай из занятия «Процедура восстановительной медиации» или из своей практики: "
    "кто стороны конфликта, какой вред причинён, какую восстановительную программу вы бы выбрали "
    "и почему, как прошли бы предварительные встречи и общая встреча.</p>"
    "<p><strong>Измените имена и все узнаваемые детали.</strong> Объём — 1–2 страницы.</p>"
)


def seed(*, out=None) -> None:
    program = ProgramPage.objects.filter(total_hours=254).first()
    if program is None:
        return
    module = ModulePage.objects.child_of(program).order_by("path").first()
    rubric = Rubric.objects.order_by("pk").first()
    Assignment.objects.get_or_create(
        module=module,
        title="Анализ случая: восстановительная медиация",
        defaults={
            "kind": AssignmentKind.CASE_ANALYSIS,
            "instructions": INSTRUCTIONS,
            "due_days": 45,
            "max_score": 18,
            "passing_score": 10,
            "rubric": rubric,
        },
    )
    Assignment.objects.get_or_create(
        module=module,
        title="Рефлексия после модуля 1",
        defaults={
            "kind": AssignmentKind.REFLECTION,
            "instructions": "<p>Что изменилось в вашем взгляде на конфликты в школе?</p>",
            "due_days": 50,
            "max_score": 1,
            "passing_score": 1,
            "counts_toward_completion": False,
        },
    )
