"""Signal receivers of the supervision app (connected in SupervisionConfig.ready).

``courses`` may not import supervision, so an enrollment's approval reaches the cohort's
supervision sessions through Django's ``post_save``: every way of approving (the admin's
decision, a staff list import) saves the enrollment.
"""

from courses.models import EnrollmentStatus
from supervision.services import cohort_sessions_join, cohort_sessions_leave

LEFT = (EnrollmentStatus.WITHDRAWN, EnrollmentStatus.DECLINED, EnrollmentStatus.WAITLISTED)


def enrollment_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures: the sessions are in the fixture too
        return
    if instance.status == EnrollmentStatus.APPROVED:
        cohort_sessions_join(enrollment=instance)
    elif instance.status in LEFT:
        cohort_sessions_leave(enrollment=instance)
