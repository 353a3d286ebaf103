"""The default rubric: the six factors of effective mediator work (see docs/domain.md).

Block ids are fixed so that grades and exports can rely on them across installations.
"""

import json

from django.db import migrations

NAME = "Шесть факторов эффективной работы медиатора"
LEVELS = ["Не проявлено", "Частично", "В основном", "Полностью"]
FACTORS = [
    (
        "Принципы восстановительного подхода",
        "Добровольность, ответственность обидчика, заглаживание вреда, восстановление отношений.",
        [
            "Ищет виноватого, склоняет к наказанию или принуждает к участию.",
            "Называет принципы, но следует им в работе со случаем непоследовательно.",
            "Опирается на принципы подхода; встречаются отдельные отступления.",
            "Последовательно действует из принципов подхода и обосновывает каждое решение.",
        ],
    ),
    (
        "Позиция медиатора",
        "Нейтральность и беспристрастность: не решает за стороны и не принимает ничью сторону.",
        [
            "Принимает сторону, оценивает, советует или решает за участников.",
            "Старается быть нейтральным, но допускает оценки и подсказывает решения.",
            "Сохраняет нейтральность; единичные оценочные высказывания.",
            "Устойчиво беспристрастен и возвращает сторонам ответственность за решение.",
        ],
    ),
    (
        "Принципы процедуры восстановительной медиации",
        "Добровольность участия, конфиденциальность, информированность сторон.",
        [
            "Нарушает добровольность или конфиденциальность, не информирует о процедуре.",
            "Соблюдает часть принципов процедуры; стороны информированы не полностью.",
            "Соблюдает принципы процедуры; есть неточности.",
            "Соблюдает принципы процедуры безупречно и понятно объясняет их сторонам.",
        ],
    ),
    (
        "Технология и процедура программы",
        "Этапы выбранной программы: предварительные встречи, общая встреча, договор или план.",
        [
            "Этапы пропущены или нарушен их порядок.",
            "Этапы соблюдены формально, их цели не достигаются.",
            "Проводит этапы программы и приходит к договору; есть пробелы.",
            "Уверенно ведёт все этапы; подготовка и завершение программы полные.",
        ],
    ),
    (
        "Навыки восстановительной коммуникации",
        "Активное слушание, отражение чувств, восстановительные вопросы, поддержка диалога.",
        [
            "Перебивает, не слушает, задаёт обвиняющие вопросы.",
            "Использует отдельные приёмы активного слушания.",
            "Слушает, отражает чувства, задаёт восстановительные вопросы; местами сбивается.",
            "Свободно поддерживает диалог сторон и помогает им услышать друг друга.",
        ],
    ),
    (
        "Правовые основы служб примирения",
        "Нормативная база России и региона, границы компетенции службы.",
        [
            "Не знает правовых оснований работы службы.",
            "Знает общие положения, но путается в их применении к случаю.",
            "Верно применяет правовые основы к типичным случаям.",
            "Уверенно применяет нормативную базу и видит границы компетенции службы.",
        ],
    ),
]


def criteria_json():
    data = []
    for number, (title, description, descriptors) in enumerate(FACTORS, start=1):
        levels = [
            {
                "type": "item",
                "id": f"00000000-0000-4000-8000-{number:06d}{points:06d}",
                "value": {"title": LEVELS[points], "points": str(points), "descriptor": text},
            }
            for points, text in enumerate(descriptors)
        ]
        data.append(
            {
                "type": "criterion",
                "id": f"00000000-0000-4000-8000-{number:012d}",
                "value": {"title": title, "description": description, "levels": levels},
            }
        )
    return json.dumps(data, ensure_ascii=False)


def grant_editors(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    rubric_type, _ = ContentType.objects.get_or_create(app_label="assessments", model="rubric")
    editor = Group.objects.get(name="editor")
    for action in ("add", "change", "delete", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=rubric_type, codename=f"{action}_rubric", defaults={"name": f"Can {action} rubric"}
        )
        editor.permissions.add(permission)


def create(apps, schema_editor):
    grant_editors(apps)
    Rubric = apps.get_model("assessments", "Rubric")
    Rubric.objects.get_or_create(
        name=NAME,
        defaults={
            "description": "Рубрика по умолчанию для разбора случаев, ролевых игр и демонстрации навыков.",
            "criteria": criteria_json(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial"), ("accounts", "0002_roles")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
