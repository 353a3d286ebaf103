from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessments.models import Rubric
from assessments.scoring import ScoringError, criteria, rubric_max, scaled, score, total

pytestmark = pytest.mark.django_db

DEFAULT = "Шесть факторов эффективной работы медиатора"


@pytest.fixture
def default_rubric():
    return Rubric.objects.get(name=DEFAULT)


def test_the_default_rubric_holds_the_six_factors_with_four_levels(default_rubric):
    titles = [value["title"] for _id, value in criteria(default_rubric)]
    assert titles == [
        "Принципы восстановительного подхода",
        "Позиция медиатора",
        "Принципы процедуры восстановительной медиации",
        "Технология и процедура программы",
        "Навыки восстановительной коммуникации",
        "Правовые основы служб примирения",
    ]
    for _id, value in criteria(default_rubric):
        assert [level["points"] for level in value["levels"]] == [0, 1, 2, 3]
        assert all(level["descriptor"] for level in value["levels"])
    assert rubric_max(default_rubric) == 18


def test_criterion_ids_are_stable_across_installations(default_rubric):
    first_id, _value = criteria(default_rubric)[0]
    assert first_id == "00000000-0000-4000-8000-000000000001"


def test_the_score_follows_from_the_chosen_levels(default_rubric):
    ids = [cid for cid, _value in criteria(default_rubric)]
    scores = score(default_rubric, dict(zip(ids, [3, 2, 2, 1, 3, 0], strict=True)))
    assert total(scores) == 11
    assert scores[1].level_title == "В основном" and scores[1].max_points == 3
    assert scaled(total(scores), rubric_max(default_rubric), Decimal(100)) == Decimal("61.1")


@pytest.mark.parametrize("broken", ["missing", "too_high", "negative", "text"])
def test_choices_that_do_not_fit_the_rubric_are_refused(default_rubric, broken):
    ids = [cid for cid, _value in criteria(default_rubric)]
    choices = dict.fromkeys(ids, 1)
    if broken == "missing":
        choices.pop(ids[2])
    else:
        choices[ids[2]] = {"too_high": 4, "negative": -1, "text": "2"}[broken]
    with pytest.raises(ScoringError):
        score(default_rubric, choices)


def test_levels_of_one_criterion_need_different_points(default_rubric):
    raw = default_rubric.criteria.raw_data
    raw[0]["value"]["levels"][1]["value"]["points"] = "0"
    default_rubric.criteria = raw
    with pytest.raises(ValidationError, match="разные баллы"):
        default_rubric.full_clean()


@pytest.mark.parametrize(("role", "status"), [("editor", 200), ("registrar", 302)])
def test_editors_manage_rubrics_in_the_admin(client, users, role, status):
    client.force_login(users[role])
    response = client.get("/admin/snippets/assessments/rubric/")
    assert response.status_code == status
    if status == 200:
        assert DEFAULT in response.content.decode()
