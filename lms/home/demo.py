"""The centre's particulars and the home page text for `seed_demo`."""

from wagtail.models import Site

from lms.home.models import CentreSettings, HomePage

CENTRE = {
    "name": "Региональный центр восстановительных технологий (демонстрационный)",
    "name_en": "Regional Centre for Restorative Practices (demo)",
    "short_name": "Центр медиации",
    "city": "Кемерово",
    "address": "г. Кемерово, ул. Примерная, д. 1",
    "phone": "+7 (3842) 00-00-00",
    "email": "centre@example.org",
    "signatory_name": "И. И. Иванова",
    "signatory_position": "Директор",
}

LEAD = (
    "Подготовка специалистов служб примирения: восстановительная медиация, круги сообщества, "
    "школьные и семейные конференции, супервизия и интервизия."
)
BODY = (
    "<h2>Чему мы учим</h2>"
    "<p>Программы повышения квалификации для педагогов-психологов, социальных педагогов, "
    "специалистов системы профилактики и руководителей школ, а также программа для юных "
    "медиаторов школьных служб примирения.</p>"
    "<h2>Как проходит обучение</h2>"
    "<ul><li>модули онлайн и очные занятия с тренерами;</li>"
    "<li>разбор случаев и ролевые игры («аквариум»);</li>"
    "<li>супервизия, интервизия и балинтовские группы;</li>"
    "<li>документ об обучении, подлинность которого может проверить любой.</li></ul>"
)


def seed(*, out=None) -> None:
    centre = CentreSettings.load()
    for name, value in CENTRE.items():
        setattr(centre, name, value)
    centre.save()
    # The admin's dashboard greets with the site's name.
    Site.objects.filter(is_default_site=True).update(site_name=CENTRE["short_name"])

    home = HomePage.objects.first()
    if home is None or (home.lead, home.body, home.live) == (LEAD, BODY, True):
        return
    home.lead = LEAD
    home.body = BODY
    home.title = "Главная"
    home.save_revision().publish()
