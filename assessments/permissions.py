"""Who may see and change a trainee's work, its grades and role-plays (see lms.permissions).

The work is its trainee's; the cohort's trainers grade it, and a second trainer asked to
moderate a grade may open it too. What belongs to a cohort as a whole (releasing every
grade, deadlines, planning a role-play, the gradebook) is ``courses.permissions.cohort_policy``
("teach", "view_progress"). Model-level role checks use ``allowed(user, TRAINER)``.
"""

from django.db.models import Q

from assessments.models import (
    Attachment,
    DeadlineReminder,
    Extension,
    Grade,
    QuizAttempt,
    RolePlayParticipant,
    RolePlaySession,
    Submission,
    SubmissionVersion,
)
from lms.permissions import NOTHING, TRAINER, IsUser, Rule, RulePolicy, UserIn


class Own(IsUser):
    """The person at a FK path (``enrollment__user``), read from the object as loaded.

    Services fetch the work with its enrollment (select_related), so asking whether it is
    the user's own costs no query; an object not saved yet (an attempt about to start) is
    answered the same way.
    """

    def check(self, user, obj) -> bool:
        if not self.may_ever(user):
            return False
        *hops, last = self.path.split("__")
        for hop in hops:
            obj = getattr(obj, hop, None)
            if obj is None:
                return False
        return getattr(obj, f"{last}_id", None) == user.pk


class Released(Rule):
    """A grade the trainers released: only then does its trainee see it."""

    def q(self, user) -> Q:
        return Q(released_at__isnull=False) if self.may_ever(user) else NOTHING

    def check(self, user, obj) -> bool:
        return self.may_ever(user) and obj.released_at is not None


def _trainee(prefix: str = "") -> Own:
    return Own(f"{prefix}enrollment__user")


def _teachers(prefix: str = "") -> UserIn:
    return UserIn(f"{prefix}enrollment__cohort__trainers")


# The cohort's trainers first: for them one query answers (the moderator needs a second).
GRADERS = _teachers() | IsUser("grade__moderator")
WORK_READERS = (
    _trainee("submission__") | _teachers("submission__") | IsUser("submission__grade__moderator")
)

submission_policy = RulePolicy(
    Submission,
    view=_trainee() | GRADERS,
    # Write the draft, attach files, hand in: the trainee's own work only.
    change=_trainee(),
    # Open the grading page, save or return the work, ask a colleague to moderate.
    grade=GRADERS,
)

submission_version_policy = RulePolicy(SubmissionVersion, view=WORK_READERS)

attachment_policy = RulePolicy(Attachment, view=WORK_READERS)

grade_policy = RulePolicy(
    Grade,
    view=_teachers("submission__") | IsUser("moderator") | (_trainee("submission__") & Released()),
    release=_teachers("submission__"),
    # Confirm the moderation: the trainer who was asked.
    moderate=IsUser("moderator"),
)

# Who may be asked to moderate a grade: another trainer (checked on the person asked).
MODERATORS = TRAINER

quiz_attempt_policy = RulePolicy(QuizAttempt, view=_trainee(), take=_trainee())

extension_policy = RulePolicy(Extension, view=_trainee() | _teachers())

deadline_reminder_policy = RulePolicy(DeadlineReminder, view=_trainee())

roleplay_session_policy = RulePolicy(
    RolePlaySession,
    view=UserIn("cohort__trainers") | UserIn("participants__enrollment__user"),
    # Cast it, mark it as held, read every observer's notes: the cohort's trainers.
    manage=UserIn("cohort__trainers"),
)

roleplay_participant_policy = RulePolicy(
    RolePlayParticipant,
    view=_trainee() | UserIn("session__cohort__trainers"),
    # Write one's own observation (whether the role observes is a rule of the service).
    observe=_trainee(),
)
