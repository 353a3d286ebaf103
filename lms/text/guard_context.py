"""When a name-like word is not personal data, for the confidentiality guard (plain functions).

Case analyses cite authors ("по Выготскому", "Карнозова (2009)"), quote writers, compare
people with literary characters, and give the parties pseudonyms or letter labels. These
rules look at the words around a name the guard found.
"""

import re

# Well-known people and characters who turn up in mediators' texts: surname:given names.
# With a given name or initial beside it, they must be the person's own ("Лев Толстой",
# "Л. Н. Толстой"; "Иван Толстой", "Саша Пушкин" stay names). Alone, the surname counts as
# the well-known person: a party with such a surname is missed (bench/RESULTS.md).
FAMOUS = """
Выготский:Лев Пиаже:Жан Эриксон:Эрик Маслоу:Абрахам Роджерс:Карл Фрейд:Зигмунд,Анна Юнг:Карл
Адлер:Альфред Берн:Эрик Карпман:Стивен Боулби:Джон Бронфенбреннер:Ури Зимбардо:Филип
Милгрэм:Стэнли Бандура:Альберт Скиннер:Беррес Леонтьев:Алексей Эльконин:Даниил Божович:Лидия
Василюк:Фёдор Лурия:Александр Франкл:Виктор Фромм:Эрих Перлз:Фриц Сатир:Вирджиния
Минухин:Сальвадор Винникотт:Дональд Кляйн:Мелани Гиппенрейтер:Юлия Петрановская:Людмила
Макаренко:Антон Сухомлинский:Василий Корчак:Януш Ушинский:Константин Песталоцци:Иоганн
Монтессори:Мария Амонашвили:Шалва Килманн:Ральф Зер:Говард,Ховард Кристи:Нильс Пранис:Кей
Розенберг:Маршалл Карнозова:Людмила Максудов:Рустем Флямер:Михаил Шамликашвили:Цисана
Аллахвердова:Ольга Гордон:Томас Бахтин:Михаил Кон:Игорь Пушкин:Александр Лермонтов:Михаил
Толстой:Лев,Алексей Достоевский:Фёдор Чехов:Антон Гоголь:Николай Тургенев:Иван
Булгаков:Михаил Бродский:Иосиф Ахматова:Анна Цветаева:Марина Есенин:Сергей
Маяковский:Владимир Пастернак:Борис Некрасов:Николай Тютчев:Фёдор Бунин:Иван Куприн:Александр
Горький:Максим Шолохов:Михаил Солженицын:Александр Набоков:Владимир Пришвин:Михаил
Паустовский:Константин Драгунский:Виктор Железников:Владимир Распутин:Валентин,Григорий
Астафьев:Виктор Шукшин:Василий Грибоедов:Александр Островский:Александр,Николай Крылов:Иван
Лесков:Николай Карамзин:Николай Жуковский:Василий Фонвизин:Денис Гумилёв:Николай
Мандельштам:Осип Зощенко:Михаил Маршак:Самуил Чуковский:Корней Михалков:Сергей,Никита
Барто:Агния Линдгрен:Астрид Андерсен:Ганс Экзюпери:Антуан Сент-Экзюпери:Антуан
Шекспир:Уильям Гюго:Виктор Дюма:Александр Твен:Марк Роулинг:Джоан Толкин:Джон Свифт:Джонатан
Дефо:Даниэль Селинджер:Джером Оруэлл:Джордж Хемингуэй:Эрнест Брэдбери:Рэй Голдинг:Уильям
Ломоносов:Михаил Менделеев:Дмитрий Гагарин:Юрий Циолковский:Константин Суворов:Александр
Кутузов:Михаил Ленин:Владимир Сталин:Иосиф Путин:Владимир Эйнштейн:Альберт Ньютон:Исаак
Дарвин:Чарльз Маск:Илон Джобс:Стив Гейтс:Билл Цой:Виктор Высоцкий:Владимир Пугачёва:Алла
Месси:Лионель Роналду:Криштиану Овечкин:Александр Печорин:Григорий Онегин:Евгений
Раскольников:Родион Обломов:Илья Чацкий:Александр Базаров:Евгений Хлестаков:Иван
Холмс:Шерлок Ватсон:Джон Поттер:Гарри Бессольцева:Лена Волан-де-Морт: Сократ: Конфуций:
Наполеон: Аристотель: Карлсон: Незнайка: Буратино: Чебурашка: Маугли: Золушка:
"""


def _forms(surname: str) -> set[str]:
    """The case forms of a surname, enough to recognise it in running text."""
    s = surname.lower().replace("ё", "е")
    endings = {
        ("ский", "цкий"): (2, ("ий", "ого", "ому", "им", "ом")),
        ("ская", "цкая", "ова", "ева", "ина", "ына"): (1, ("а", "ой", "у", "ую", "ая")),
        ("ой",): (2, ("ой", "ого", "ому", "ым", "ом")),
        ("ов", "ев", "ин", "ын"): (0, ("", "а", "у", "ым", "ом", "е", "ы")),
        ("а",): (1, ("а", "ы", "и", "е", "у", "ой")),
        ("я",): (1, ("я", "и", "е", "ю", "ей")),
        ("й",): (1, ("й", "я", "ю", "ем", "е")),
        ("ь",): (1, ("ь", "я", "ю", "ем", "е")),
    }
    for suffixes, (cut, ends) in endings.items():
        if s.endswith(suffixes):
            return {s[: len(s) - cut] + end for end in ends}
    if s[-1] in "оеиуюэы":  # Пиаже, Маслоу, Зимбардо: not declined
        return {s}
    return {s + end for end in ("", "а", "у", "ом", "е", "ым")}


_FAMOUS: dict[str, tuple[str, ...]] = {}
for _entry in FAMOUS.split():
    _surname, _, _given = _entry.partition(":")
    for _form in _forms(_surname):
        _FAMOUS[_form] = tuple(g.lower().replace("ё", "е") for g in _given.split(",") if g)

# Pseudonym labels that the dictionary also knows as rare given names.
LABEL_WORDS = {"альфа", "бета", "гамма", "дельта", "сигма", "омега", "икс", "игрек"}

# Works and ideas named after their author, with case endings only ("методист" is not one).
_WORK = (
    r"подход(?:а|у|ом|е)?|теори(?:я|и|ю|ей)|модел(?:ь|и|ью)|концепци(?:я|и|ю|ей)|пирамид[аыуое]й?"
    r"|метод(?:а|у|ом|е|ы|ик[аиуе]|икой|ичк[аиуе]|ичкой)?|треугольник(?:а|у|ом|е)?|труд(?:а|у|ы|ах)?"
    r"|эксперимент(?:а|у|ом|е|ы)?|периодизаци(?:я|и|ю|ей)|учебник(?:а|у|ом|е|и)?|книг(?:а|и|у|ой|е)"
    r"|стать(?:я|и|ю|ей|е)|монографи(?:я|и|ю|ей)|лекци(?:я|и|ю|ей)|басн(?:я|и|ю|ей|е)"
    r"|роман(?:а|у|ом|е|ы)?|повест(?:ь|и|ью)|стих(?:и|а|ов|ах|ами)?|стро(?:к|чк)(?:а|и|у|ой|е)"
    r"|поэм[аыуе]|поэмой|пьес[аыуе]|пьесой|песн(?:я|и|ю|ей|е)|портрет(?:а|у|ом|е|ы)?"
    r"|иде(?:я|и|ю|ей|ям|ях)|учени(?:е|я|ю|ем)|термин(?:а|у|ом|е)?|шкал[аыуе]|шкалой"
    r"|цитат(?:а|ы|у|ой|е)\s+из|произведени(?:е|я|ю|ем|и)|сказк(?:а|и|у|ой|е)|фильм(?:а|у|ом|е|ы)?"
)
# Before a surname: "по Выготскому", "как писал", "подход Розенберга", "читали Чехова", "См.:".
CITED_BEFORE = re.compile(
    r"(?:\bпо|\b(?:как|помните|вспомним|вспомните)\s+у"
    r"|\bкак\s+(?:писа|пиш|отмеча|счита|утвержда|учи|говори|сказа|замеча|называ)\w*"
    rf"|\b(?:{_WORK})(?:\s+[а-яё]{{4,}})?"
    r"|\b(?:чита|прочита|перечитыва|цитир|процитир)\w*(?:\s+наизусть)?"
    r"|\bсм\.\s*:?|\bцит\.\s*по\s*:?)\s*$",
    re.I,
)
# After it: "Карнозова (2009)", "(Зер, 2002, с. 45)".
CITED_AFTER = re.compile(r"^\s*(?:\(\s*(?:1[89]|20)\d\d|,\s*(?:1[89]|20)\d\d\b)")
# The text declares a pseudonym: "назовём её Маша", "псевдонимы Альфа и Бета".
PSEUDO_BEFORE = re.compile(
    r"(?:назов[её]м(?:\s+(?:его|её|ее|их))?|условно(?:\s+назов[её]м)?|будем\s+называть"
    r"|называть\s+(?:друг\s+друга|его|её|ее|их)|под\s+именем|псевдоним\w*"
    r"|(?:вымышленн|условн)\w+\s+им\w+|(?:имена|имя|фио)\s+(?:\w+\s+){0,2}?(?:измен|вымышл)\w*)"
    r"\s*[:,«\"(—–-]?\s*(?:[«\"]?[А-ЯЁ][а-яё]+[»\"]?\s*(?:,|и)\s*)*[«\"]?$",
    re.I,
)
# Words that make the next capitalised word a name whatever the dictionary says.
NAME_CUE = re.compile(
    r"(?:по\s+(?:фамилии|имени|прозвищу)|зовут|звали|фамилия)\s*[:—–-]?\s*$", re.I
)

_WORD = re.compile(r"[А-ЯЁ]\.|[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё]+)*")
_NEAR_BEFORE = re.compile(r"(?:(?:[А-ЯЁ]\.\s*|[А-ЯЁ][а-яё]+\s+)){1,2}$")
_MONARCH = re.compile(
    r"^\s+(?:(?:Перв|Втор|Трет)(?:ый|ий|ого|ему|ому|ым|им|ом|ая|ья|ой|ей|ую|ью)"
    r"|Велик(?:ий|ого|ому|им|ом|ая|ой|ую)|Грозн(?:ый|ого|ому|ым|ом))\b"
)
_NEAR_AFTER = re.compile(r"^(?:\s*[А-ЯЁ]\.|\s+[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё]+)*){1,2}")


def _key(word: str) -> str:
    return word.lower().replace("ё", "е")


def _own_given_name(word: str, given: tuple[str, ...], lemmas) -> bool:
    key = _key(word)
    if len(word) == 2:  # an initial
        return any(g[0] == key[0] for g in given)
    return any(g in lemmas(word) or key.startswith(g[: max(3, len(g) - 2)]) for g in given)


def is_famous(text: str, s: int, e: int, lemmas) -> bool:
    """The span, or a capitalised word right next to it, is a well-known person, and the
    span's other words are that person's given name or initials. lemmas(word) gives the
    dictionary forms of a word's given-name readings ("Льва" -> {"лев"})."""
    if _MONARCH.match(text[e : e + 12]):  # "Пётр Первый", "Екатерина Великая"
        return True
    own = _WORD.findall(text[s:e])
    before = _NEAR_BEFORE.search(text[max(0, s - 40) : s])
    after = _NEAR_AFTER.match(text[e : e + 40])
    near = _WORD.findall((before.group() if before else "") + (after.group() if after else ""))
    for i, word in enumerate(own + near):
        given = _FAMOUS.get(_key(word))
        if given is None:
            continue
        others = [w for w in own[:i] + own[i + 1 :] if _key(w) not in _FAMOUS]
        initials = [w for w in others if len(w) == 2]
        # Only the first initial is the given name's: "Л. Н." is Лев Николаевич.
        words = [w for w in others if len(w) > 2] + initials[:1]
        if all(_own_given_name(w, given, lemmas) for w in words):
            return True
    return False


def is_cited(text: str, s: int, e: int, last_is_given_name: bool) -> bool:
    """An author named by surname in a citation, not a given name ("по Диме видно" stays)."""
    if last_is_given_name:
        return False
    return bool(
        CITED_BEFORE.search(text[max(0, s - 60) : s]) or CITED_AFTER.match(text[e : e + 12])
    )


def is_declared_pseudonym(text: str, s: int) -> bool:
    return bool(PSEUDO_BEFORE.search(text[max(0, s - 80) : s]))


def is_named_by_cue(text: str, s: int) -> bool:
    return bool(NAME_CUE.search(text[max(0, s - 25) : s]))
