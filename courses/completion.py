"""What a trainee must do to complete a program: a registry later apps add to.

`modules` registers the lesson requirement; assessments and supervision add theirs. The
certificates issue asks `evaluate()` whether an enrolment is complete and why not.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RequirementResult:
    key: str
    label: str
    met: bool
    detail: str = ""


Requirement = Callable[["object"], RequirementResult]
_requirements: dict[str, Requirement] = {}


def register(key: str, requirement: Requirement) -> None:
    _requirements[key] = requirement


def evaluate(enrollment) -> list[RequirementResult]:
    return [requirement(enrollment) for requirement in _requirements.values()]


def is_complete(enrollment) -> bool:
    return all(result.met for result in evaluate(enrollment))
