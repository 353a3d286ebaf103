import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.tests.factories import build_program
from lms.text.markdown import render_markdown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        '<a href="#" onclick="steal()">x</a>',
        "<iframe src='https://evil.example'></iframe>",
    ],
)
def test_markdown_is_rendered_harmless(source):
    html = render_markdown(source)
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "<img"):
        assert bad not in html


def test_markdown_keeps_ordinary_formatting_and_safe_links():
    html = render_markdown(
        "## Этапы\n\n- **Предварительная** встреча\n\n[Центр](https://example.org)"
    )
    assert "<h2>Этапы</h2>" in html and "<strong>Предварительная</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_publishing_a_program_whose_modules_do_not_add_up_is_refused_in_russian(client, make_user):
    program = build_program(modules=2, hours_per_module=10)  # 20 hours
    client.force_login(make_user("editor", is_superuser=True))
    data = nested_form_data(
        {
            "title": program.title,
            "slug": program.slug,
            "code": program.code,
            "audience": program.audience,
            "format": program.format,
            "final_document": program.final_document,
            "total_hours": 254,
            "summary": program.summary,
            "description": rich_text(""),
            "completion_requirements": rich_text(""),
            "action-publish": "1",
        }
    )
    response = client.post(f"/admin/pages/{program.pk}/edit/", data)
    assert response.status_code == 200
    assert "Сумма часов модулей — 20, а в программе — 254" in response.content.decode()
    program.refresh_from_db()
    assert program.total_hours == 20
    data["total_hours"] = 20
    assert client.post(f"/admin/pages/{program.pk}/edit/", data).status_code == 302


def test_the_editor_sees_the_module_hours_beside_the_total(client, make_user):
    program = build_program(modules=3, hours_per_module=8)
    client.force_login(make_user("editor", is_superuser=True))
    html = client.get(f"/admin/pages/{program.pk}/edit/").content.decode()
    assert "Модули в сумме: 24 из 24 ч." in html


def test_bulk_publishing_cannot_bypass_the_hours_rule(client, make_user):
    from modules.models import ModulePage

    program = build_program(modules=2, hours_per_module=10)
    module = ModulePage.objects.child_of(program).first()
    module.contact_hours = 3
    module.save_revision().publish()
    program.title = "Изменённая программа"
    program.save_revision()  # a draft waiting to be published
    client.force_login(make_user("editor", is_superuser=True))
    url = f"/admin/bulk/wagtailcore/page/publish/?id={program.pk}&next=/admin/pages/"
    response = client.post(url, {"include_descendants": ""}, follow=True)
    assert "не совпадают" in response.content.decode() or "не сходятся" in response.content.decode()
    program.refresh_from_db()
    assert program.title != "Изменённая программа"


def _module_data(module, **hours):
    return nested_form_data(
        {
            "title": module.title,
            "slug": module.slug,
            "number": module.number,
            "contact_hours": hours.get("contact_hours", module.contact_hours),
            "self_study_hours": 0,
            "supervision_hours": 0,
            "outcomes": "",
            "action-publish": "1",
        }
    )


def test_publishing_a_module_past_its_programs_hours_is_refused(client, make_user):
    """The review published one module with more hours: 258 h of modules under 254."""
    from modules.models import ModulePage

    program = build_program(modules=2, hours_per_module=10)  # 20 hours
    module = ModulePage.objects.child_of(program).first()
    client.force_login(make_user("editor", is_superuser=True))
    url = f"/admin/pages/{module.pk}/edit/"
    response = client.post(url, _module_data(module, contact_hours=14))
    assert response.status_code == 200
    assert "Сумма часов модулей — 24, а в программе — 20" in response.content.decode()
    module.refresh_from_db()
    assert module.contact_hours == 10
    # moving hours between modules: lowering one first is allowed
    assert client.post(url, _module_data(module, contact_hours=6)).status_code == 302


def test_bulk_publishing_a_module_draft_past_the_program_is_refused(client, make_user):
    from modules.models import ModulePage

    program = build_program(modules=2, hours_per_module=10)
    module = ModulePage.objects.child_of(program).first()
    module.contact_hours = 14
    module.save_revision()  # a draft over the program's total
    client.force_login(make_user("editor", is_superuser=True))
    url = f"/admin/bulk/wagtailcore/page/publish/?id={module.pk}&next=/admin/pages/"
    client.post(url, {"include_descendants": ""}, follow=True)
    module.refresh_from_db()
    assert module.contact_hours == 10
