"""The registrar's decisions on a person's particulars and a staff member's territories.

Shown on the privacy desk's person page (``privacy_person``), which renders
``person_desk_context``.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lms.accounts.models import ChangeStatus, ParticularsChange, StaffTerritory, Territory, User
from lms.accounts.particulars import (
    particulars_change_decide,
    staff_territory_assign,
    staff_territory_remove,
)
from lms.permissions import REGISTRAR, allowed
from lms.roles import Role


class ScopeForm(forms.Form):
    territory = forms.ModelChoiceField(
        label=gettext_lazy("Municipal territory"),
        queryset=Territory.objects.all(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    action = forms.ChoiceField(choices=[("assign", "assign"), ("remove", "remove")])


def _registrar(request) -> None:
    if not allowed(request.user, REGISTRAR):
        raise PermissionDenied


def person_desk_context(subject: User) -> dict:
    staff = subject.groups.filter(name__in=[Role.CURATOR, Role.SUPERVISOR]).exists()
    return {
        "changes": subject.particulars_changes.select_related("territory")[:20],
        "scope": (
            StaffTerritory.objects.filter(user=subject).select_related("territory")
            if staff
            else None
        ),
        "scope_form": ScopeForm(),
    }


@login_required
@require_POST
def particulars_decide(request, user_id: int, change_id: int):
    _registrar(request)
    change = get_object_or_404(
        ParticularsChange, pk=change_id, user_id=user_id, status=ChangeStatus.PENDING
    )
    confirm = request.POST.get("decision") == "confirm"
    try:
        particulars_change_decide(change=change, by=request.user, confirm=confirm)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Confirmed.") if confirm else _("Declined."))
    return redirect("privacy_person", user_id=user_id)


@login_required
@require_POST
def staff_scope(request, user_id: int):
    _registrar(request)
    person = get_object_or_404(User, pk=user_id)
    form = ScopeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a territory from the list."))
        return redirect("privacy_person", user_id=user_id)
    territory = form.cleaned_data["territory"]
    try:
        if form.cleaned_data["action"] == "assign":
            staff_territory_assign(person=person, territory=territory, by=request.user)
        else:
            staff_territory_remove(person=person, territory=territory, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The staff member's territories are updated."))
    return redirect("privacy_person", user_id=user_id)
