from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from lms.accounts.forms import ParticularsChangeForm, ProfileForm
from lms.accounts.models import ChangeStatus
from lms.accounts.particulars import particulars_change_request


class ProfileView(LoginRequiredMixin, UpdateView):
    """The signed-in user's own profile; nobody edits another person's profile here."""

    form_class = ProfileForm
    template_name = "accounts/profile.html"
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("change_form", ParticularsChangeForm(prefix="change"))
        context["pending_changes"] = self.request.user.particulars_changes.filter(
            status=ChangeStatus.PENDING
        )
        return context

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)


@login_required
@require_POST
def particulars_request(request):
    """Ask the centre to change the territory or date of birth an enrollment relies on."""
    form = ParticularsChangeForm(request.POST, prefix="change")
    if form.is_valid():
        try:
            particulars_change_request(
                user=request.user,
                territory=form.cleaned_data["territory"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been sent to the centre."))
            return redirect("profile")
    view = ProfileView(request=request, kwargs={}, object=request.user)
    context = view.get_context_data(form=ProfileForm(instance=request.user), change_form=form)
    return render(request, ProfileView.template_name, context, status=400)
