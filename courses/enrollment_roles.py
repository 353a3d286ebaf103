"""Roles that follow from an enrollment: given on approval, taken back when none needs them.

Rule: an approval records on the enrollment the roles it added (``roles_granted``). A role the
person already held (given by hand, or by another enrollment) is not recorded, so it is never
taken back. When an approved enrollment ends, each role it recorded passes to another approved
enrollment of the person if there is one; otherwise the person's group membership goes. The
group changes are audited by lms.audit's membership receiver, with ``by`` as the actor.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.log_actions import LogContext

from courses.models import Enrollment, EnrollmentStatus
from lms.roles import Role, forget_roles

# Every program's people are trainees, the student volunteers' program too.
ENROLLMENT_ROLES = frozenset({Role.TRAINEE})


def _lock_person(user_id: int):
    # Serialises role bookkeeping for one person across concurrent decisions.
    return get_user_model().objects.select_for_update().get(pk=user_id)


def _forget(enrollment: Enrollment) -> None:
    # A user object already loaded with the enrollment must not answer from stale roles.
    if Enrollment.user.is_cached(enrollment):
        forget_roles(enrollment.user)


def enrollment_roles_grant(*, enrollment: Enrollment, by) -> list[str]:
    """Give the roles the approved ``enrollment`` needs; record those it added (not saved)."""
    person = _lock_person(enrollment.user_id)
    held = set(person.groups.values_list("name", flat=True))
    added = sorted(ENROLLMENT_ROLES - held)
    if added:
        with LogContext(user=by):
            person.groups.add(*Group.objects.filter(name__in=added))
        _forget(enrollment)
    enrollment.roles_granted = added
    return added


def enrollment_roles_release(*, enrollment: Enrollment, by) -> list[str]:
    """Take back what ``enrollment`` gave, unless another approved enrollment needs it.

    Returns the roles removed; clears the record on ``enrollment`` (not saved).
    """
    given = [role for role in enrollment.roles_granted if role in ENROLLMENT_ROLES]
    enrollment.roles_granted = []
    if not given:
        return []
    person = _lock_person(enrollment.user_id)
    heir = (
        Enrollment.objects.select_for_update()
        .filter(user_id=person.pk, status=EnrollmentStatus.APPROVED)
        .exclude(pk=enrollment.pk)
        .order_by("pk")
        .first()
    )
    if heir is not None:
        heir.roles_granted = sorted(set(heir.roles_granted) | set(given))
        heir.save(update_fields=["roles_granted"])
        return []
    with LogContext(user=by):
        person.groups.remove(*Group.objects.filter(name__in=given))
    _forget(enrollment)
    return given


def roles_from_enrollments(user) -> frozenset[str]:
    """For the menu: the roles the user's approved enrollments need, whatever their groups."""
    if Enrollment.objects.filter(user=user, status=EnrollmentStatus.APPROVED).exists():
        return ENROLLMENT_ROLES
    return frozenset()
