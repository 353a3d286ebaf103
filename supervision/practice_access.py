"""Who may keep a practice log: its entries go into the region's official monitoring report,
so only people the centre knows as trainees or practising mediators may write in it.

- anyone with an approved enrollment in any cohort (current or finished);
- holders of the trainee role (mediators the centre registered without an enrollment);
- supervisors and the registrar (staff who also conduct programs), and superusers;
- a minor (a volunteer trainee) only through an approved enrollment: a role alone is not
  enough, since their guardian consented to that program, not to the site at large.

Trainers, curators and editors without one of the above do not keep a log.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from courses.models import Enrollment, EnrollmentStatus
from lms.permissions import allowed
from supervision.permissions import LOG_KEEPERS

_CACHE_ATTR = "_lms_keeps_practice_log"


def _enrolled(user) -> bool:
    return Enrollment.objects.filter(user=user, status=EnrollmentStatus.APPROVED).exists()


def may_keep_practice_log(user) -> bool:
    """The answer is cached on the user object: at most one query per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        # A minor's role counts for nothing: only an enrollment (see above).
        cached = (not user.is_minor and allowed(user, LOG_KEEPERS)) or _enrolled(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def require_practice_log(user) -> None:
    if not may_keep_practice_log(user):
        raise PermissionDenied(
            _(
                "The practice log is kept by the centre's trainees and mediators: people "
                "enrolled in one of its programs, trainees, supervisors and the registrar "
                "(under 18, only through an enrollment). If you conduct restorative programs, "
                "apply to a program or ask the centre to register you."
            )
        )
