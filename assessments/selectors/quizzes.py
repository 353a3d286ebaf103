"""Reading quizzes: the questions, the attempts left, and an attempt as the trainee sees it."""

from assessments.models import QuizAttempt


def questions_of(assignment) -> list[tuple[str, dict]]:
    return [(block.id, block.value) for block in assignment.questions]


def attempts_left(assignment, enrollment) -> int:
    used = QuizAttempt.objects.filter(assignment=assignment, enrollment=enrollment).count()
    return max(assignment.attempts_limit - used, 0)


def open_attempt(*, assignment, enrollment) -> QuizAttempt | None:
    return QuizAttempt.objects.filter(
        assignment=assignment, enrollment=enrollment, finished_at=None
    ).first()


def finished_attempts(*, assignment, enrollment):
    return QuizAttempt.objects.filter(assignment=assignment, enrollment=enrollment).exclude(
        finished_at=None
    )


def attempt_questions(*, attempt, assignment) -> list[dict]:
    """The attempt's questions and options in the order this trainee was shown them."""
    by_id = dict(questions_of(assignment))
    questions = []
    for qid in attempt.layout["order"]:
        value = by_id.get(qid)
        if value is not None:
            options = [(i, value["options"][i]["text"]) for i in attempt.layout[qid]]
            questions.append(
                {
                    "id": qid,
                    "text": value["text"],
                    "multiple": value["multiple"],
                    "options": options,
                }
            )
    return questions
