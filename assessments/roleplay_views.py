from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from assessments.grading_views import posted_datetime, posted_text
from assessments.models import Assignment, RolePlaySession
from assessments.models.assignments import RoleKind
from assessments.roleplays import (
    not_yet_mediators,
    observation_save,
    participant_view,
    roles_assign,
    roles_of,
    session_create,
)
from assessments.services import SubmissionError
from courses.models import Cohort, Enrollment
from courses.permissions import cohort_policy


def _teaches(user, cohort) -> bool:
    return cohort_policy.user_has_permission_for_instance(user, "teach", cohort)


@login_required
def session_new(request, assignment_id: int, cohort_id: int):
    assignment = get_object_or_404(Assignment, pk=assignment_id)
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    if not _teaches(request.user, cohort):
        raise PermissionDenied
    if request.method == "POST":
        starts_at = posted_datetime(request.POST, "starts_at")
        if starts_at is None:
            messages.error(request, _("Enter the date and time of the session."))
        else:
            try:
                session = session_create(
                    assignment=assignment,
                    cohort=cohort,
                    starts_at=starts_at,
                    place=posted_text(request.POST, "place")[:255],
                    by=request.user,
                )
            except SubmissionError as error:
                messages.error(request, " ".join(error.messages))
            else:
                return redirect("roleplay", session.pk)
    return render(
        request, "assessments/roleplay_new.html", {"assignment": assignment, "cohort": cohort}
    )


@login_required
def session_page(request, session_id: int):
    session = get_object_or_404(
        RolePlaySession.objects.select_related("assignment", "cohort"), pk=session_id
    )
    if _teaches(request.user, session.cohort):
        return _trainer_page(request, session)
    view = participant_view(session=session, user=request.user)
    if not view:
        raise Http404
    if request.method == "POST":
        try:
            observation_save(
                participant=view["participant"],
                text=posted_text(request.POST, "observation"),
                by=request.user,
            )
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Observation saved."))
            return redirect("roleplay", session.pk)
    return render(request, "assessments/roleplay_participant.html", {"session": session, **view})


def _trainer_page(request, session):
    roles = roles_of(session.assignment)
    enrollments = list(
        Enrollment.objects.approved()
        .filter(cohort=session.cohort)
        .select_related("user")
        .order_by("user__last_name")
    )
    cast = dict(session.participants.values_list("enrollment_id", "role_id"))
    if request.method == "POST":
        chosen = {e.pk: request.POST.get(f"role-{e.pk}", "") for e in enrollments}
        try:
            roles_assign(session=session, roles=chosen, by=request.user)
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
            cast = {eid: rid for eid, rid in chosen.items() if rid}
        else:
            messages.success(request, _("Roles saved; each participant was notified."))
            return redirect("roleplay", session.pk)
    participants = list(session.participants.select_related("enrollment__user"))
    return render(
        request,
        "assessments/roleplay_trainer.html",
        {
            "session": session,
            "roles": roles,
            "rows": [(e, cast.get(e.pk, "")) for e in enrollments],
            "mediators": [p for p in participants if roles[p.role_id]["kind"] == RoleKind.MEDIATOR],
            "observations": [p for p in participants if p.observation],
            "not_yet_mediators": not_yet_mediators(session=session),
        },
    )
