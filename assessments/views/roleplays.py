"""Role-plays: a cohort's list for its trainers, planning a session, the session's page (the
trainer casts and holds it; each participant sees their own brief and writes observations)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.dashboard import task_state
from assessments.forms import CastForm, ObservationForm, RolePlaySessionForm, error_text
from assessments.models import Assignment, RolePlaySession
from assessments.models.assignments import RoleKind
from assessments.permissions import roleplay_session_policy
from assessments.selectors import (
    cast_of,
    cohort_roleplays,
    cohort_trainees,
    mediator_submissions,
    not_yet_mediators,
    observation_questions,
    participant_view,
    session_cast,
)
from assessments.services import (
    SubmissionError,
    observation_save,
    roles_assign,
    session_create,
    session_hold,
)
from courses.models import Cohort
from courses.permissions import cohort_or_404


def _taught_cohort(request, cohort_id: int) -> Cohort:
    return cohort_or_404(request.user, cohort_id, "teach")


@login_required
def cohort_page(request, cohort_id: int):
    """The trainer's list of a cohort's role-plays: sessions planned, held and graded."""
    cohort = _taught_cohort(request, cohort_id)
    return render(
        request,
        "assessments/roleplays.html",
        {"cohort": cohort, "roleplays": cohort_roleplays(cohort=cohort)},
    )


@login_required
def session_new(request, assignment_id: int, cohort_id: int):
    assignment = get_object_or_404(Assignment, pk=assignment_id)
    cohort = _taught_cohort(request, cohort_id)
    form = RolePlaySessionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            session = session_create(
                assignment=assignment,
                cohort=cohort,
                starts_at=form.cleaned_data["starts_at"],
                duration=form.cleaned_data["duration"],
                place=form.cleaned_data["place"],
                by=request.user,
            )
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("roleplay", session.pk)
    elif form.is_bound:
        messages.error(request, _("Check the highlighted fields."))
    return render(
        request,
        "assessments/roleplay_new.html",
        {"assignment": assignment, "cohort": cohort, "form": form},
    )


@login_required
def session_page(request, session_id: int):
    session = get_object_or_404(
        RolePlaySession.objects.select_related("assignment__module", "cohort"), pk=session_id
    )
    if roleplay_session_policy.user_has_permission_for_instance(request.user, "manage", session):
        return _trainer_page(request, session)
    view = participant_view(session=session, user=request.user)
    if not view:
        raise Http404
    if request.method == "POST":
        form = ObservationForm(request.POST)
        try:
            if not form.is_valid():
                raise SubmissionError(error_text(form))
            observation_save(
                participant=view["participant"],
                text=form.cleaned_data["observation"],
                by=request.user,
            )
        except SubmissionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Observation saved."))
            return redirect("roleplay", session.pk)
    return render(request, "assessments/roleplay_participant.html", {"session": session, **view})


@login_required
@require_POST
def session_held(request, session_id: int):
    session = get_object_or_404(RolePlaySession.objects.select_related("cohort"), pk=session_id)
    if not roleplay_session_policy.user_has_permission_for_instance(
        request.user, "manage", session
    ):
        raise Http404
    try:
        session_hold(session=session, by=request.user)
    except SubmissionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The session is marked as held; the mediator's work is ready to grade.")
        )
    return redirect("roleplay", session.pk)


def _trainer_page(request, session):
    roles = cast_of(session.assignment)
    cast = session_cast(session=session)
    form = CastForm(
        request.POST if request.method == "POST" else None,
        enrollments=list(cohort_trainees(session.cohort)),
        roles=roles,
        initial_cast={row["participant"].enrollment_id: row["participant"].role_id for row in cast},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                roles_assign(session=session, roles=form.cast(), by=request.user)
            except SubmissionError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Roles saved; each participant was notified."))
                return redirect("roleplay", session.pk)
        else:
            messages.error(
                request, _("Choose roles from the scenario for trainees of this cohort.")
            )
    mediators = [row for row in cast if row["role"].get("kind") == RoleKind.MEDIATOR]
    submissions = mediator_submissions(
        session=session, enrollment_ids=[row["participant"].enrollment_id for row in mediators]
    )
    return render(
        request,
        "assessments/roleplay_trainer.html",
        {
            "session": session,
            "roles": [
                {**role, "kind_label": RoleKind(role["kind"]).label} for role in roles.values()
            ],
            "questions": observation_questions(session.assignment),
            "form": form,
            "cast": cast,
            "mediators": [
                {
                    **row,
                    "submission": submissions.get(row["participant"].enrollment_id),
                    "state": task_state(
                        session.assignment, submissions.get(row["participant"].enrollment_id), None
                    ),
                }
                for row in mediators
            ],
            "observations": [row["participant"] for row in cast if row["participant"].observation],
            "not_yet_mediators": not_yet_mediators(session=session),
            "may_hold": session.held_at is None and session.starts_at <= timezone.now(),
        },
    )
