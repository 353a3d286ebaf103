import pytest

from assessments.guard import find_personal_data


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
    from assessments.guard_eval import load, measure

    result = measure(load("names_holdout"), "name")
    # Measured 2026-11-21 (bench/RESULTS.md); a regression below these fails.
    assert result["recall"] >= 0.9 and result["precision"] >= 0.75, result


@pytest.mark.parametrize("kind", ["phone", "email", "address", "school"])
def test_contacts_addresses_and_schools_are_found_on_the_held_out_sample(kind):
    from assessments.guard_eval import load, measure

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
