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


ROLEPLAY_ROLES = [
    (
        "role",
        {
            "name": "Медиатор",
            "kind": "mediator",
            "brief": "Проведите общую встречу: правила, рассказы сторон, поиск решения, договор.",
        },
    ),
    (
        "role",
        {
            "name": "Пострадавший (ученик 7 класса)",
            "kind": "party",
            "brief": "У вас пропал телефон; вы знаете, кто его взял, "
            "и боитесь, что над вами будут смеяться.",
        },
    ),
    (
        "role",
        {
            "name": "Обидчик (ученик 7 класса)",
            "kind": "party",
            "brief": "Вы взяли телефон «в шутку» и уже жалеете, "
            "но не хотите, чтобы узнали родители.",
        },
    ),
    (
        "role",
        {
            "name": "Мама обидчика",
            "kind": "party",
            "brief": "Вы злитесь на сына и хотите, чтобы всё решилось быстро и без огласки.",
        },
    ),
    (
        "role",
        {
            "name": "Наблюдатель («аквариум»)",
            "kind": "observer",
            "brief": "Следите за позицией медиатора и за тем, как стороны слышат друг друга.",
        },
    ),
]
QUIZ = [
    (
        "question",
        {
            "text": "Участие сторон в восстановительной медиации…",
            "multiple": False,
            "options": [
                {"text": "добровольное", "correct": True},
                {"text": "обязательное по решению администрации", "correct": False},
                {"text": "обязательное для обидчика", "correct": False},
            ],
        },
    ),
    (
        "question",
        {
            "text": "Что входит в процедуру восстановительной медиации?",
            "multiple": True,
            "options": [
                {"text": "предварительные встречи с каждой стороной", "correct": True},
                {"text": "общая встреча сторон", "correct": True},
                {"text": "назначение наказания медиатором", "correct": False},
            ],
        },
    ),
    (
        "question",
        {
            "text": "Что из сказанного на встрече передаётся направившему органу?",
            "multiple": False,
            "options": [
                {"text": "только результат программы", "correct": True},
                {"text": "подробный протокол высказываний", "correct": False},
            ],
        },
    ),
]


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
    Assignment.objects.get_or_create(
        module=module,
        title="Ролевая игра «Пропавший телефон»",
        defaults={
            "kind": AssignmentKind.ROLE_PLAY,
            "instructions": "<p>Конфликт в 7 классе: пропал телефон. Группа разыгрывает "
            "общую встречу, наблюдатели в «аквариуме» отмечают работу медиатора.</p>",
            "due_days": 40,
            "max_score": 18,
            "passing_score": 10,
            "rubric": rubric,
            "roles": ROLEPLAY_ROLES,
            "observation_questions": "Сохранял ли медиатор нейтральность?\n"
            "Как медиатор помогал сторонам услышать друг друга?\nКак был составлен договор?",
        },
    )
    Assignment.objects.get_or_create(
        module=module,
        title="Тест: принципы восстановительной медиации",
        defaults={
            "kind": AssignmentKind.QUIZ,
            "instructions": "<p>Три вопроса о принципах и процедуре. Две попытки.</p>",
            "due_days": 30,
            "max_score": 10,
            "passing_score": 7,
            "questions": QUIZ,
            "attempts_limit": 2,
        },
    )
