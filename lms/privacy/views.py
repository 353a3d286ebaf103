"""A person's own data page, the public consent texts, and the registrar's privacy desk."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.models import Consent, ConsentKind, ConsentText
from lms.permissions import REGISTRAR, allowed
from lms.privacy.registry import registry
from lms.privacy.services import consent_withdraw, person_erase, person_export


def _zip(data: bytes, person) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    name = f"personal-data-{person.pk}-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    return response


def consent_text(request, kind: str):
    if kind not in ConsentKind.values:
        raise Http404
    texts = ConsentText.objects.filter(kind=kind).order_by("-version")
    if not texts:
        raise Http404
    return render(request, "lms/privacy/consent_text.html", {"texts": texts})


@login_required
def my_data(request):
    consents = Consent.objects.filter(user=request.user).select_related("text")
    return render(
        request,
        "lms/privacy/my_data.html",
        {"consents": consents, "declarations": registry.personal},
    )


@login_required
def my_data_export(request):
    return _zip(person_export(person=request.user, by=request.user), request.user)


@login_required
@require_POST
def consent_withdraw_view(request, consent_id: int):
    consent = get_object_or_404(Consent, pk=consent_id, user=request.user)
    try:
        consent_withdraw(consent=consent, by=request.user)
        messages.success(
            request,
            _(
                "Your consent is withdrawn. The centre will erase or anonymise your data, "
                "keeping only what the law requires (issued documents)."
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("my_data")


def _registrar(request) -> None:
    if not allowed(request.user, REGISTRAR):
        raise PermissionDenied


@login_required
def people(request):
    _registrar(request)
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]  # no NUL in SQL
    found = []
    if query:
        found = get_user_model().objects.filter(
            Q(email__icontains=query) | Q(last_name__icontains=query)
        )[:50]
    withdrawn = (
        Consent.objects.filter(withdrawn_at__isnull=False, user__is_active=True)
        .select_related("user", "text")
        .order_by("-withdrawn_at")[:50]
    )
    return render(
        request,
        "lms/privacy/people.html",
        {"query": query, "found": found, "withdrawn": withdrawn},
    )


@login_required
def person(request, user_id: int):
    _registrar(request)
    subject = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        confirm = (request.POST.get("confirm") or "").strip().lower()
        if confirm != subject.email.lower():
            messages.error(request, _("Type the person's email exactly to confirm erasure."))
        else:
            try:
                counts = person_erase(
                    person=subject,
                    by=request.user,
                    reason=request.POST.get("reason", "").replace("\x00", "")[:2000],
                )
                messages.success(
                    request,
                    _("Erased: %(count)s records; issued documents are kept.")
                    % {"count": sum(counts.values())},
                )
                return redirect("privacy_person", user_id=subject.pk)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
    from lms.accounts.desk_views import person_desk_context

    consents = Consent.objects.filter(user=subject).select_related("text")
    return render(
        request,
        "lms/privacy/person.html",
        {
            "subject": subject,
            "consents": consents,
            "reason": request.POST.get("reason", ""),
            **person_desk_context(subject),
        },
    )


@login_required
def person_export_view(request, user_id: int):
    _registrar(request)
    subject = get_object_or_404(get_user_model(), pk=user_id)
    return _zip(person_export(person=subject, by=request.user), subject)


@login_required
def audit_log(request):
    """The audit log, filtered to what the viewer may see; filters by action and person."""
    from django.core.paginator import Paginator
    from wagtail.log_actions import registry as actions

    from lms.audit import entries_for

    entries = entries_for(request.user)
    action = (request.GET.get("action") or "").replace("\x00", "")  # no NUL in SQL
    if action:
        entries = entries.filter(action=action[:100])
    who = (request.GET.get("user") or "").replace("\x00", "").strip()[:200]
    if who:
        entries = entries.filter(Q(user__email__icontains=who) | Q(user__last_name__icontains=who))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "lms/privacy/audit.html",
        {
            "page": page,
            "action": action,
            "who": who,
            "actions": sorted((name, str(label)) for name, label in actions.get_choices()),
        },
    )
