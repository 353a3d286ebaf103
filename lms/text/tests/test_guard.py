import pytest

from lms.text.guard import find_personal_data


def kinds(text):
    return [(f.kind, f.text) for f in find_personal_data(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Позвонила мама, телефон +7 (913) 123-45-67.", [("phone", "+7 (913) 123-45-67")]),
        ("Пишите на ivanova.school12@mail.ru", [("email", "ivanova.school12@mail.ru")]),
        ("Живут по адресу ул. Ленина, д. 5, кв. 12", [("address", "ул. Ленина, д. 5, кв. 12")]),
        ("Конфликт произошёл в школе № 12.", [("school", "школе № 12")]),
        ("Классный руководитель Анна Сергеевна позвала завуча.", [("name", "Анна Сергеевна")]),
        ("Со слов Петрова А. С., всё началось на перемене.", [("name", "Петрова А. С.")]),
    ],
)
def test_personal_data_is_found(text, found):
    assert kinds(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Мама ученика пришла на предварительную встречу.",
        "Ученик 7 класса Кирилл (имя изменено) согласился на встречу.",
        "Надежда на примирение появилась после второй встречи.",
        "Договор подписали 12.03, следующая встреча через неделю.",
    ],
)
def test_de_identified_texts_pass(text):
    assert kinds(text) == []


def test_names_are_found_on_the_held_out_sample_with_the_measured_quality():
    from lms.text.guard_eval import load, measure

    result = measure(load("names_holdout"), "name")
    # Measured 2026-11-21 (bench/RESULTS.md); a regression below these fails.
    assert result["recall"] >= 0.9 and result["precision"] >= 0.75, result


@pytest.mark.parametrize("kind", ["phone", "email", "address", "school"])
def test_contacts_addresses_and_schools_are_found_on_the_held_out_sample(kind):
    from lms.text.guard_eval import load, measure

    result = measure(load("regex_holdout"), kind)
    assert result["recall"] >= 0.9 and result["precision"] >= 0.9, result


@pytest.mark.parametrize(
    "text",
    [
        "Любовь к детям помогает.",
        "Вера в себя вернулась к нему.",
        "Встреча прошла на ул. Ленина.",
    ],
)
def test_look_alike_words_are_not_taken_for_names(text):
    assert [f for f in find_personal_data(text) if f.kind == "name"] == []


# Document numbers, one kind each (the guard before 2026-11-29 found none of them).
DOCUMENTS = [
    ("СНИЛС мальчика 123-456-789 01 указан в заявлении.", [("snils", "123-456-789 01")]),
    ("В анкете стоит СНИЛС 12345678901.", [("snils", "12345678901")]),
    ("Страховой номер: 112 233 445 95.", [("snils", "112 233 445 95")]),
    ("Паспорт отца: 45 06 123456, выдан в 2019 году.", [("passport", "45 06 123456")]),
    ("Серия 4506 № 123456, выдан ОУФМС.", [("passport", "4506 № 123456")]),
    ("Паспортные данные матери: 4506 123456.", [("passport", "4506 123456")]),
    ("ИНН матери 500100732259 указан в договоре.", [("inn", "500100732259")]),
    ("В справке указан ИНН: 7707083893.", [("inn", "7707083893")]),
    ("В углу скана виден номер 500100732259.", [("inn", "500100732259")]),
    (
        "Свидетельство о рождении II-ИК № 123456 приложено.",
        [("birth_certificate", "II-ИК № 123456")],
    ),
    ("Копия: серии I-ЛО 654321.", [("birth_certificate", "I-ЛО 654321")]),
    ("Свидетельство о рождении: 1-ИК 334512.", [("birth_certificate", "1-ИК 334512")]),
    ("Полис ОМС 1234567890123456 нашёлся.", [("medical_policy", "1234567890123456")]),
    ("Номер полиса: 1234 5678 9012 3456.", [("medical_policy", "1234 5678 9012 3456")]),
]


@pytest.mark.parametrize(("text", "found"), DOCUMENTS)
def test_document_numbers_are_found_with_their_kind(text, found):
    assert kinds(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Протокол КДН № 14 от 10.02.2025.",
        "Дело прекращено по ст. 25 УПК РФ, судья применил ст. 151.1 УПК.",
        "Кроссовки за 8 990 рублей, ущерб 12 000 руб.",
        "Номер дела в службе — 1-123/2025.",
        "Номер 123456789012 не проходит проверку ИНН.",  # bare, check digits wrong
    ],
)
def test_numbers_that_are_not_documents_pass(text):
    assert kinds(text) == []


# Clean sentences the guard before 2026-11-29 flagged, one or more per kind of false alarm.
FALSE_ALARMS = {
    "well-known person": [
        "По Пушкину, «привычка свыше нам дана».",
        "Как писал Л. Н. Толстой, все счастливые семьи похожи друг на друга.",
        "Мы опирались на периодизацию по Выготскому.",
        "Ребята спорили, кто круче — Гагарин или Илон Маск.",
    ],
    "citation": [
        "Как отмечает Карнозова (2009), восстановительный подход требует добровольности.",
        "Цитата из Бродского на стене класса стала предметом спора.",
        "Подход Маршалла Розенберга помог отцу говорить о чувствах.",
    ],
    "literary character": ["Подросток сравнил себя с Печориным."],
    "pseudonym": [
        "Стороны выбрали псевдонимы Альфа и Бета.",
        "Участники выбрали псевдонимы Вера и Надежда. Вера сказала, что готова.",
        "Имена участников изменены; маму будем называть Ирина.",
    ],
    "agreed label": [
        "Сторона Альфа пришла на встречу.",
        "Мальчик А. Вера в себя вернулась к нему не сразу.",
    ],
    "helpline": ["Горячая линия центра: 8 800 100-12-34, звонок бесплатный."],
    "common noun at sentence start": [
        "Роза ветров висела на стене кабинета.",
        "Лев на гербе школы стал предметом шуток.",
    ],
}


@pytest.mark.parametrize(
    "text", [text for texts in FALSE_ALARMS.values() for text in texts], ids=str
)
def test_known_false_alarms_pass(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Участник 1 говорил дольше всех, Участница 2 молчала.",
        "Подросток К. согласился встретиться с потерпевшей.",
        "Ученица 9 «А», 14 лет, отказалась приходить на круг по алгебре.",
        "Программа на 254 часа, встреча в 15:30, ущерб 3 500 руб.",
    ],
)
def test_agreed_labels_and_numbers_pass(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Саша Пушкин не пришёл на встречу.", "Саша Пушкин"),  # not the poet's given name
        ("Иван Толстой ударил соседа по парте.", "Иван Толстой"),
        ("Из рассказа Петрова стало ясно, что он защищался.", "Петрова"),
        ("По Диме было видно, что он устал.", "Диме"),
        ("Методист Ольга Кравец проверила мой отчёт.", "Ольга Кравец"),
        ("Мальчик по фамилии Пушкин не пришёл.", "Пушкин"),
        ("Слава долго не мог подобрать слова.", "Слава"),
        ("Встречу вела Г. Н. Лапина, медиатор службы.", "Г. Н. Лапина"),
        ("Белоусов-старший пришёл на встречу.", "Белоусов-старший"),
    ],
)
def test_names_near_the_new_exceptions_are_still_found(text, found):
    assert ("name", found) in kinds(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Домашний телефон 44-18-27, трубку берёт дед.", ("phone", "44-18-27")),
        ("Мама живёт на Садовой, 14, а отец за городом.", ("address", "Садовой, 14")),
        ("Она училась в гимназии 44, потом в колледже.", ("school", "гимназии 44")),
    ],
)
def test_short_phones_streets_and_school_numbers_are_found(text, found):
    assert kinds(text) == [found]


def test_every_kind_has_a_translatable_label():
    from django.utils.functional import Promise

    from lms.text.guard import KINDS, LABELS

    assert set(KINDS.values()) == set(LABELS)
    assert all(isinstance(label, Promise) for label in LABELS.values())
    finding = find_personal_data("СНИЛС 123-456-789 01")[0]
    assert finding.as_dict()["label"] == str(LABELS["snils"])


def test_the_held_out_set_meets_the_targets():
    """The targets of the issue, on sentences written before the rules were changed."""
    from lms.text.guard_sets import load, measure

    r = measure(load("heldout"))
    assert r["recall"] >= 0.95, [s.text for s in r["missed"]]
    assert r["false_alarms"] <= 0.05, [s.text for s in r["alarms"]]
