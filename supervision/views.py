"""Supervision, intervision, Balint groups and seminars: the log and each session's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.forms import AttendanceForm
from courses.services import AttendanceError
from lms.accounts.models import User
from lms.audit import log_read
from lms.text.markdown import render_markdown
from supervision.forms import ParticipantAddForm, ReflectionForm, SessionForm
from supervision.models import SessionParticipant, SupervisionSession
from supervision.permissions import session_policy
from supervision.selectors import (
    participant_candidates,
    plannable_cohorts,
    sessions_to_join,
    sessions_visible_to,
)
from supervision.services import (
    SessionError,
    participants_add,
    reflection_save,
    session_attendance_mark,
    session_join,
    session_participants_sync,
    session_save,
)


def _session(request, session_id: int, action: str = "view") -> SupervisionSession:
    session = get_object_or_404(
        SupervisionSession.objects.select_related(
            "cohort", "territory", "facilitator", "presenter"
        ),
        pk=session_id,
    )
    if not session_policy.user_has_permission_for_instance(request.user, "view", session):
        raise Http404  # do not confirm a session exists to someone outside it
    if action != "view":
        session_policy.require(request.user, action, session)
    return session


@login_required
def session_list(request):
    return render(
        request,
        "supervision/session_list.html",
        {
            "sessions": sessions_visible_to(request.user),
            "to_join": sessions_to_join(request.user),
            "may_add": session_policy.user_has_permission(request.user, "add"),
        },
    )


@login_required
def session_edit(request, session_id: int | None = None):
    if session_id is None:
        if not session_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        session = SupervisionSession()
        initial = {"cohort": request.GET.get("cohort")} if request.GET.get("cohort") else {}
    else:
        session, initial = _session(request, session_id, "manage"), {}
    form = SessionForm(
        request.POST or None,
        instance=session,
        initial=initial,
        cohorts=plannable_cohorts(request.user, keep_id=session.cohort_id),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.facilitator = form.facilitator
        session.presenter = form.presenter
        try:
            session_save(session=session, by=request.user)
        except SessionError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session has been saved."))
            return redirect("supervision_session", session_id=session.pk)
    return render(request, "supervision/session_form.html", {"form": form, "session": session})


@login_required
def session_detail(request, session_id: int):
    session = _session(request, session_id)
    contents = session_policy.user_has_permission_for_instance(
        request.user, "view_contents", session
    )
    manage = session_policy.user_has_permission_for_instance(request.user, "manage", session)
    if contents and request.method == "GET":
        log_read(user=request.user, instance=session, owner_id=session.created_by_id)
    participants = list(
        session.participants.select_related("user").order_by("user__last_name", "user__first_name")
    )
    mine = next((p for p in participants if p.user_id == request.user.pk), None)
    reflection_form = None
    if mine is not None:
        reflection_form = ReflectionForm(
            request.POST or None, initial={"reflection": mine.reflection}
        )
        if request.method == "POST" and reflection_form.is_valid():
            try:
                reflection_save(
                    participant=mine,
                    text=reflection_form.cleaned_data["reflection"],
                    by=request.user,
                )
            except SessionError as error:
                reflection_form.add_error("reflection", error)
            else:
                messages.success(request, _("Your reflection has been saved."))
                return redirect("supervision_session", session_id=session.pk)
    elif request.method == "POST":
        raise PermissionDenied
    context = {
        "session": session,
        "contents": contents,
        "manage": manage,
        "participants": participants,
        "attended": sum(1 for p in participants if p.attended),
        "mine": mine,
        "reflection_form": reflection_form,
        "add_form": (
            ParticipantAddForm(candidates=participant_candidates(session)) if manage else None
        ),
    }
    if contents:
        # Markdown rendered and cleaned by nh3 (lms.text.markdown): safe to insert as HTML.
        context["case_summary"] = mark_safe(render_markdown(session.case_summary))  # noqa: S308
    return render(request, "supervision/session_detail.html", context)


@login_required
def session_attendance(request, session_id: int):
    session = _session(request, session_id, "manage")
    session_participants_sync(session=session)
    rows = list(
        SessionParticipant.objects.filter(session=session)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    form = AttendanceForm(
        request.POST or None,
        people=[row.user for row in rows],
        current={row.user_id: (row.status, row.remark) for row in rows},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session_attendance_mark(session=session, marks=form.marks(), by=request.user)
        except (AttendanceError, SessionError) as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("supervision_session", session_id=session.pk)
    return render(
        request, "supervision/session_attendance.html", {"session": session, "form": form}
    )


@login_required
@require_POST
def session_join_view(request, session_id: int):
    session = get_object_or_404(SupervisionSession, pk=session_id, territory__isnull=False)
    try:
        session_join(session=session, user=request.user)
    except SessionError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("supervision_sessions")
    messages.success(request, _("You have signed up for the session."))
    return redirect("supervision_session", session_id=session.pk)


@login_required
@require_POST
def participant_add_view(request, session_id: int):
    session = _session(request, session_id, "manage")
    form = ParticipantAddForm(request.POST, candidates=participant_candidates(session))
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["people"]))
        return redirect("supervision_session", session_id=session.pk)
    people = User.objects.filter(pk__in=form.cleaned_data["people"]).order_by("pk")
    try:
        added = participants_add(session=session, users=people, by=request.user)
    except SessionError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s participant has been added.", "%(n)s participants have been added.", added
            )
            % {"n": added},
        )
    return redirect("supervision_session", session_id=session.pk)
