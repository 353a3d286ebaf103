"""Demo assignments: a case analysis, a reflection, a role-play and a quiz
(content/assignments.yaml)."""

from assessments.models import Assignment, Rubric
from demo.loader.files import html, read_yaml
from modules.models import ModulePage

# Data keys that are not model fields as they stand.
_SPECIAL = {"title", "instructions", "rubric", "roles", "questions", "observation_questions"}


def seed(programs) -> None:
    data = read_yaml("assignments.yaml")
    program = programs.get(data["program"])
    if program is None:
        return
    module = ModulePage.objects.child_of(program).order_by("path").first()
    rubric = Rubric.objects.order_by("pk").first()
    for item in data["assignments"]:
        defaults = {key: value for key, value in item.items() if key not in _SPECIAL}
        defaults["instructions"] = html(item["instructions"])
        if item.get("rubric"):
            defaults["rubric"] = rubric
        if "roles" in item:
            defaults["roles"] = [("role", role) for role in item["roles"]]
        if "questions" in item:
            defaults["questions"] = [("question", question) for question in item["questions"]]
        if "observation_questions" in item:
            defaults["observation_questions"] = "\n".join(item["observation_questions"])
        Assignment.objects.get_or_create(module=module, title=item["title"], defaults=defaults)
