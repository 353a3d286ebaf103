"""What a trainee must do to complete a program: a registry later apps add to.

`modules` registers the lesson requirement; assessments and supervision add theirs. The
certificates ask `evaluate()` whether an enrollment is complete and why not, or
`evaluate_many()` for a whole cohort in a fixed number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RequirementResult:
    """``label`` names the requirement ("Lessons"), never a state ("All lessons completed"):
    an unmet one is listed as "label: detail", which a state would contradict."""

    key: str
    label: str
    met: bool
    detail: str = ""


Requirement = Callable[["object"], RequirementResult]
# (enrollments) -> {enrollment id: RequirementResult}; enrollments have cohort__program.
BatchRequirement = Callable[[list], dict[int, RequirementResult]]
_requirements: dict[str, tuple[Requirement, BatchRequirement | None]] = {}


def register(key: str, requirement: Requirement, *, many: BatchRequirement | None = None) -> None:
    _requirements[key] = (requirement, many)


def evaluate(enrollment) -> list[RequirementResult]:
    return [requirement(enrollment) for requirement, _many in _requirements.values()]


def is_complete(enrollment) -> bool:
    return all(result.met for result in evaluate(enrollment))


def evaluate_many(enrollments) -> dict[int, list[RequirementResult]]:
    """Results per enrollment id; requirements with a batch form run once for all."""
    enrollments = list(enrollments)
    results: dict[int, list[RequirementResult]] = {e.pk: [] for e in enrollments}
    for requirement, many in _requirements.values():
        if many is not None:
            batch = many(enrollments)
            for enrollment in enrollments:
                results[enrollment.pk].append(batch[enrollment.pk])
        else:
            for enrollment in enrollments:
                results[enrollment.pk].append(requirement(enrollment))
    return results
