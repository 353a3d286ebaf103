"""Scores from rubric choices: plain functions, no database access.

A grade records, per criterion block id, the chosen level index. The score is the sum of
the chosen levels' points; a score out of the assignment's maximum is scaled linearly.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class CriterionScore:
    criterion_id: str
    title: str
    level_title: str
    points: Decimal
    max_points: Decimal


class ScoringError(ValueError):
    """The choices do not fit the rubric (a missing criterion or an unknown level)."""


def criteria(rubric) -> list[tuple[str, dict]]:
    return [(block.id, block.value) for block in rubric.criteria]


def rubric_max(rubric) -> Decimal:
    return sum(
        (max(level["points"] for level in value["levels"]) for _id, value in criteria(rubric)),
        Decimal(0),
    )


def score(rubric, choices: dict[str, int]) -> list[CriterionScore]:
    """Per-criterion scores for ``choices`` ({criterion id: level index}); all criteria needed."""
    result = []
    for criterion_id, value in criteria(rubric):
        if criterion_id not in choices:
            raise ScoringError(f"no level chosen for {value['title']!r}")
        index = choices[criterion_id]
        levels = list(value["levels"])
        if not isinstance(index, int) or not 0 <= index < len(levels):
            raise ScoringError(f"unknown level {index!r} for {value['title']!r}")
        result.append(
            CriterionScore(
                criterion_id=criterion_id,
                title=value["title"],
                level_title=levels[index]["title"],
                points=Decimal(levels[index]["points"]),
                max_points=max(Decimal(level["points"]) for level in levels),
            )
        )
    return result


def total(scores: list[CriterionScore]) -> Decimal:
    return sum((s.points for s in scores), Decimal(0))


def scaled(points: Decimal, rubric_maximum: Decimal, assignment_maximum: Decimal) -> Decimal:
    """Rubric points expressed on the assignment's scale, to one decimal place."""
    if rubric_maximum <= 0:
        return Decimal(0)
    value = Decimal(points) * Decimal(assignment_maximum) / Decimal(rubric_maximum)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def quiz_score(
    questions: list[tuple[str, dict]], answers: dict[str, list[int]], maximum: Decimal
) -> Decimal:
    """A question counts when exactly its correct answers are chosen; scaled to ``maximum``."""
    if not questions:
        return Decimal(0)
    right = 0
    for question_id, value in questions:
        correct = {i for i, option in enumerate(value["options"]) if option["correct"]}
        right += set(answers.get(question_id, [])) == correct
    return scaled(Decimal(right), Decimal(len(questions)), Decimal(maximum))
