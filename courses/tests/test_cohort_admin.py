import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import Cohort
from courses.tests.factories import build_program

pytestmark = pytest.mark.django_db


def cohort_form(program, trainer, **overrides):
    data = {
        "program": program.pk,
        "name": "ПСП-254, группа 2027/1",
        "starts_on": "2027-02-01",
        "ends_on": "2027-06-30",
        "delivery": "centre",
        "venue": "ауд. 12",
        "capacity": 20,
        "accepts_applications": "on",
        "sessions": inline_formset(
            [
                {
                    "date": "2027-02-01",
                    "starts_at": "10:00",
                    "ends_at": "13:00",
                    "topic": "Введение",
                    "place": "",
                    "online_url": "",
                    "module": "",
                }
            ]
        ),
    }
    data.update(overrides)
    form = nested_form_data(data)
    form["trainers"] = [trainer.pk]  # a multiple choice, not a nested list
    return form


def test_the_registrar_creates_a_cohort_with_its_timetable(client, users):
    program = build_program()
    client.force_login(users["registrar"])
    assert client.get("/admin/cohorts/new/").status_code == 200
    response = client.post("/admin/cohorts/new/", cohort_form(program, users["trainer"]))
    assert response.status_code == 302, response.context["form"].errors
    cohort = Cohort.objects.get()
    assert list(cohort.trainers.all()) == [users["trainer"]]
    assert cohort.sessions.get().topic == "Введение"


def test_dates_out_of_order_are_explained_in_russian_and_nothing_is_saved(client, users):
    program = build_program()
    client.force_login(users["registrar"])
    data = cohort_form(program, users["trainer"], ends_on="2027-01-01")
    data["sessions-0-ends_at"] = "09:00"
    response = client.post("/admin/cohorts/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Дата окончания не может быть раньше даты начала." in html
    assert "Занятие должно заканчиваться позже, чем начинается." in html
    assert not Cohort.objects.exists()


def test_an_editor_in_the_admin_cannot_list_or_create_cohorts(client, users):
    from courses.tests.factories import CohortFactory

    CohortFactory(name="Секретная группа")
    client.force_login(users["editor"])
    for url in ("/admin/cohorts/", "/admin/cohorts/new/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Секретная группа" not in client.get("/admin/", follow=True).content.decode()
