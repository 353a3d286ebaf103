"""The practice log: a mediator's restorative programs, co-mediators' answers, the
supervisor's sign-off, and the reconciliation services the entries name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.audit import log_read
from lms.permissions import SUPERVISOR, allowed
from supervision.forms import CoMediatorAnswerForm, PracticeEntryForm, ReviewForm, ServiceForm
from supervision.models import PracticeEntry
from supervision.permissions import may_see_report, practice_policy, report_territory_allowed
from supervision.practice_access import require_practice_log
from supervision.progress import practice_not_counted
from supervision.selectors import (
    co_mediators_of,
    entries_awaiting_answer,
    entries_of,
    entry_awaits_answer,
    review_queue,
)
from supervision.services import (
    PracticeError,
    co_mediator_answer,
    entry_return,
    entry_save,
    entry_sign,
    entry_submit,
    service_create,
)
from supervision.services.reconciliation import service_territories


def _entry(request, entry_id: int, action: str = "view") -> PracticeEntry:
    entry = get_object_or_404(
        PracticeEntry.objects.select_related("author", "service__territory", "reviewed_by"),
        pk=entry_id,
    )
    if not practice_policy.user_has_permission_for_instance(request.user, "view", entry):
        raise Http404
    if action != "view":
        practice_policy.require(request.user, action, entry)
    return entry


@login_required
def practice_list(request):
    require_practice_log(request.user)
    return render(
        request,
        "supervision/practice_list.html",
        {
            "entries": entries_of(request.user),
            "awaiting_answer": entries_awaiting_answer(request.user),
            "answer_form": CoMediatorAnswerForm(),
            "reviewer": SUPERVISOR.may_ever(request.user),
        },
    )


@login_required
def practice_edit(request, entry_id: int | None = None):
    require_practice_log(request.user)
    if entry_id is None:
        entry = PracticeEntry(author=request.user)
    else:
        entry = _entry(request, entry_id, "change")
        if not entry.editable:
            messages.error(
                request,
                _("This entry has been handed in or signed off and can no longer be changed."),
            )
            return redirect("practice_entry", entry_id=entry.pk)
    form = PracticeEntryForm(request.POST or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        try:
            with transaction.atomic():
                entry_save(
                    entry=entry,
                    by=request.user,
                    co_mediator_emails=form.cleaned_data["co_mediators"],
                )
                if "submit" in request.POST:
                    entry_submit(entry=entry, by=request.user)
        except PracticeError as error:
            if entry_id is None:
                entry.pk = None  # the transaction rolled back: the form stays a new entry
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The entry has been sent for sign-off.")
                if "submit" in request.POST
                else _("The entry has been saved as a draft."),
            )
            return redirect("practice_entry", entry_id=entry.pk)
    return render(request, "supervision/practice_form.html", {"form": form, "entry": entry})


@login_required
def practice_detail(request, entry_id: int):
    entry = _entry(request, entry_id)
    may_review = practice_policy.user_has_permission_for_instance(request.user, "review", entry)
    log_read(user=request.user, instance=entry, owner_id=entry.author_id)
    # Whose training it may not count for: the viewer's own, or the author's for a reviewer.
    mediator = request.user if entry.mediators.filter(user=request.user).exists() else entry.author
    return render(
        request,
        "supervision/practice_detail.html",
        {
            "entry": entry,
            # Emails the author typed are for the author and the supervisor; a colleague
            # who confirmed sees only the others who confirmed.
            "co_mediators": co_mediators_of(
                entry, answers=may_review or entry.author_id == request.user.pk
            ),
            "may_change": entry.editable and entry.author_id == request.user.pk,
            "not_counted": practice_not_counted(entry, mediator),
            "review_form": ReviewForm()
            if may_review and entry.author_id != request.user.pk
            else None,
        },
    )


@login_required
@require_POST
def practice_submit(request, entry_id: int):
    require_practice_log(request.user)
    entry = _entry(request, entry_id, "change")
    try:
        entry_submit(entry=entry, by=request.user)
    except PracticeError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("practice_edit", entry_id=entry.pk)
    messages.success(request, _("The entry has been sent for sign-off."))
    return redirect("practice_entry", entry_id=entry.pk)


@login_required
@require_POST
def practice_review(request, entry_id: int):
    entry = _entry(request, entry_id, "review")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("practice_entry", entry_id=entry.pk)
    comment = form.cleaned_data["comment"]
    try:
        if request.POST.get("decision") == "sign":
            entry_sign(entry=entry, by=request.user, comment=comment)
            messages.success(request, _("The entry has been signed off."))
        elif request.POST.get("decision") == "return":
            entry_return(entry=entry, by=request.user, comment=comment)
            messages.success(request, _("The entry has been returned to the mediator."))
        else:
            raise PermissionDenied
    except PracticeError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("practice_entry", entry_id=entry.pk)


@login_required
def practice_review_queue(request):
    if not allowed(request.user, SUPERVISOR):
        raise PermissionDenied
    return render(
        request, "supervision/practice_review_queue.html", {"entries": review_queue(request.user)}
    )


@login_required
@require_POST
def practice_answer(request, entry_id: int):
    """A named co-mediator says whether they took part."""
    require_practice_log(request.user)
    if not entry_awaits_answer(request.user, entry_id):
        raise Http404
    form = CoMediatorAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return redirect("practice_log")
    try:
        co_mediator_answer(entry_id=entry_id, by=request.user, took_part=form.took_part)
    except PracticeError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Thank you: the entry is now in your log and counts for you once signed off.")
            if form.took_part
            else _("Thank you: the entry will not count for you."),
        )
    return redirect("practice_log")


@login_required
def practice_service_new(request):
    """The registrar (any territory) or a curator (theirs) adds a reconciliation service."""
    if not may_see_report(request.user):
        raise PermissionDenied
    territories = service_territories(request.user)
    form = ServiceForm(request.POST if request.method == "POST" else None, territories=territories)
    if request.method == "POST" and form.is_valid():
        try:
            service = service_create(by=request.user, **form.cleaned_data)
        except PracticeError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The service %(service)s has been added: mediators can now choose it.")
                % {"service": service},
            )
            return redirect("practice_service_new")
    return render(
        request,
        "supervision/practice_service_form.html",
        {
            "form": form,
            "territories": territories,
            "whole_region": report_territory_allowed(request.user, None),
        },
    )
