from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.forms import ApplicationForm
from courses.models import Cohort, ProgramIndexPage
from courses.models.enrollment import ACTIVE_STATUSES
from courses.permissions import cohort_policy, enrollment_policy
from courses.services import EnrollmentError, enrollment_apply, enrollment_withdraw


@login_required
def cohort_apply(request, cohort_id: int):
    cohort = get_object_or_404(
        Cohort.objects.select_related("program"), pk=cohort_id, program__live=True
    )
    initial = {"organisation": request.user.organisation, "position": request.user.position}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            enrollment_apply(cohort=cohort, user=request.user, **form.cleaned_data)
        except EnrollmentError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your application has been sent. The centre will review it.")
            )
            return redirect("learning_dashboard")
    return render(request, "courses/apply.html", {"cohort": cohort, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, enrollment_id: int):
    """Withdrawal ends months of study: a page says what is lost and what stays first."""
    enrollment = get_object_or_404(
        enrollment_policy.instances_user_has_permission_for(
            request.user, "withdraw"
        ).select_related("cohort__program", "user"),
        pk=enrollment_id,
    )
    if request.method == "POST":
        try:
            enrollment_withdraw(enrollment=enrollment, by=request.user)
        except EnrollmentError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You have withdrawn from the cohort. The record is kept."))
        return redirect("learning_dashboard")
    return render(
        request,
        "courses/withdraw.html",
        {
            "enrollment": enrollment,
            "cohort": enrollment.cohort,
            "active": enrollment.status in ACTIVE_STATUSES,
            "for_someone_else": enrollment.user_id != request.user.pk,
        },
    )


def catalogue(request):
    """A stable address for the program catalogue, wherever editors put its page."""
    index = ProgramIndexPage.objects.live().first()
    if index is None:
        raise Http404
    return redirect(index.url)


@login_required
def calendar_page(request):
    from courses.calendar import events_for
    from courses.models import CalendarToken

    token, _created = CalendarToken.objects.get_or_create(user=request.user)
    if request.method == "POST":
        token.reset()
        messages.success(
            request, _("A new calendar link has been made; the old one no longer works.")
        )
        return redirect("calendar")
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[token.token]))
    events = events_for(request.user, since=timezone.localdate())
    return render(request, "courses/calendar.html", {"events": events, "feed_url": feed_url})


def calendar_feed(request, token: str):
    """The iCal feed: no sign-in (calendar apps cannot), the unguessable token is the key."""
    from courses.calendar import ical_for
    from courses.models import CalendarToken

    if "\x00" in token:  # PostgreSQL refuses NUL even in a lookup
        raise Http404
    owner = get_object_or_404(
        CalendarToken.objects.select_related("user"), token=token, user__is_active=True
    )
    response = HttpResponse(
        ical_for(owner.user, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="mediator-lms.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def class_attendance(request, session_id: int):
    """The trainer marks who came to a class: row by row or everyone at once."""
    from courses.forms import AttendanceForm
    from courses.models import ClassAttendance, ClassSession
    from courses.services import AttendanceError, class_attendance_mark

    session = get_object_or_404(ClassSession.objects.select_related("cohort"), pk=session_id)
    cohort_policy.require(request.user, "teach", session.cohort)
    people = [
        e.user
        for e in session.cohort.enrollments.approved()
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    ]
    current = {
        a.user_id: (a.status, a.remark) for a in ClassAttendance.objects.filter(session=session)
    }
    form = AttendanceForm(request.POST or None, people=people, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            class_attendance_mark(session=session, marks=form.marks(), by=request.user)
        except AttendanceError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attendance saved."))
            return redirect("class_attendance", session_id=session.pk)
    return render(
        request,
        "courses/class_attendance.html",
        {"session": session, "cohort": session.cohort, "form": form},
    )
