from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import User
from supervision.models import PracticeEntry, ReconciliationService, SupervisionSession
from supervision.models.sessions import MAX_TEXT
from supervision.services.sessions import MAX_REFLECTION
from supervision.vocab import ServiceKind


def active_users_by_email(emails) -> list:
    """Active users whose email matches any of ``emails`` in any letter case (sign-in
    ignores case, so lookups here must too)."""
    wanted = {e.strip().lower() for e in emails if e.strip()}
    return list(
        User.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=wanted, is_active=True
        )
    )


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SessionForm(forms.ModelForm):
    facilitator_email = forms.EmailField(
        label=gettext_lazy("Facilitator's email"),
        help_text=gettext_lazy(
            "For an intervision, one of the trainees; leave empty to lead it yourself."
        ),
        required=False,
    )
    presenter_email = forms.EmailField(
        label=gettext_lazy("Case presented by (email)"), required=False
    )

    class Meta:
        model = SupervisionSession
        fields = [
            "kind",
            "cohort",
            "territory",
            "date",
            "starts_at",
            "duration_minutes",
            "format",
            "place",
            "online_url",
            "topic",
            "case_program_type",
            "case_category",
            "case_summary",
            "outcomes",
            "process_notes",
        ]
        widgets = {
            "date": DATE,
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "case_summary": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
            "process_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cohorts, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].required = False
        for name in ("case_summary", "outcomes", "process_notes"):
            self.fields[name].max_length = MAX_TEXT
            self.fields[name].widget.attrs["maxlength"] = MAX_TEXT
        self.fields["duration_minutes"].widget.attrs.update({"min": 15, "max": 720, "step": 15})
        if self.instance.pk:
            self.fields["facilitator_email"].initial = self.instance.facilitator.email
            if self.instance.presenter_id:
                self.fields["presenter_email"].initial = self.instance.presenter.email
        self.fields["duration_minutes"].error_messages.update(
            {
                "min_value": _("A session lasts at least 15 minutes."),
                "max_value": _("A session lasts at most 12 hours (720 minutes)."),
            }
        )

    def _person(self, name):
        email = self.cleaned_data.get(name)
        if not email:
            return None
        person = next(iter(active_users_by_email([email])), None)
        if person is None:
            self.add_error(name, _("Nobody with this email is registered."))
        return person

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("cohort")) == bool(cleaned.get("territory")):
            self.add_error(
                "cohort", _("Choose either a cohort or the territory whose mediators are invited.")
            )
        self.facilitator = self._person("facilitator_email") or (
            self.instance.facilitator if self.instance.pk else self.user
        )
        self.presenter = self._person("presenter_email")
        return cleaned


class ParticipantAddForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Participant's email"))

    def clean_email(self):
        person = next(iter(active_users_by_email([self.cleaned_data["email"]])), None)
        if person is None:
            raise forms.ValidationError(_("Nobody with this email is registered."))
        return person


class ReflectionForm(forms.Form):
    reflection = forms.CharField(
        label=gettext_lazy("Your reflection"),
        max_length=MAX_REFLECTION,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_REFLECTION}),
    )


class PracticeEntryForm(forms.ModelForm):
    new_service = forms.CharField(
        label=gettext_lazy("Or a service not in the list: its organisation"),
        max_length=255,
        required=False,
    )
    new_service_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of the new service"),
        choices=[("", "—"), *ServiceKind.choices],
        required=False,
    )
    co_mediators = forms.CharField(
        label=gettext_lazy("Co-mediators (emails, comma-separated)"),
        required=False,
        max_length=1000,
    )

    class Meta:
        model = PracticeEntry
        fields = [
            "service",
            "program_type",
            "case_category",
            "case_subcategory",
            "referral_source",
            "request_date",
            "preliminary_meeting_on",
            "joint_meeting_on",
            "adults",
            "children",
            "outcome",
            "not_completed_reason",
            "summary",
            "follow_up",
        ]
        widgets = {
            "request_date": DATE,
            "preliminary_meeting_on": DATE,
            "joint_meeting_on": DATE,
            "not_completed_reason": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["service"].required = False
        self.fields["service"].queryset = ReconciliationService.objects.select_related("territory")
        for name in ("adults", "children"):
            self.fields[name].widget.attrs.update({"min": 0, "max": 300})
            self.fields[name].max_value = 1000
        for name in ("summary", "follow_up", "not_completed_reason"):
            self.fields[name].max_length = MAX_TEXT
        if self.instance.pk:
            others = self.instance.mediators.exclude(user=self.instance.author_id).select_related(
                "user"
            )
            self.fields["co_mediators"].initial = ", ".join(m.user.email for m in others)

    def clean_co_mediators(self):
        emails = {
            e.strip().lower() for e in self.cleaned_data["co_mediators"].split(",") if e.strip()
        }
        if len(emails) > 10:
            raise forms.ValidationError(_("At most 10 co-mediators."))
        people = active_users_by_email(emails)
        unknown = emails - {p.email.lower() for p in people}
        if unknown:
            raise forms.ValidationError(
                _("Nobody is registered with: %(emails)s") % {"emails": ", ".join(sorted(unknown))}
            )
        return people

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("service") and not cleaned.get("new_service"):
            self.add_error("service", _("Choose the reconciliation service or add a new one."))
        if cleaned.get("new_service") and not cleaned.get("new_service_kind"):
            self.add_error(
                "new_service_kind", _("Say whether it is a school or territorial service.")
            )
        if cleaned.get("new_service") and self.user.territory_id is None:
            self.add_error(
                "new_service",
                _("Set your municipal territory in your profile before adding a service."),
            )
        # The same rules the service applies, shown beside the fields they concern.
        from supervision.services.practice import entry_problems

        candidate = PracticeEntry(
            **{
                name: cleaned.get(name)
                for name in self._meta.fields
                if name != "service" and name in cleaned
            }
        )
        for name in ("not_completed_reason", "summary", "follow_up", "case_subcategory"):
            setattr(candidate, name, cleaned.get(name) or "")
        for name, message in entry_problems(candidate).items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned

    def save_service(self):
        """The chosen service, or the new one in the user's territory."""
        if self.cleaned_data.get("service"):
            return self.cleaned_data["service"]
        service, _created = ReconciliationService.objects.get_or_create(
            kind=self.cleaned_data["new_service_kind"],
            organisation=self.cleaned_data["new_service"].strip(),
            territory_id=self.user.territory_id,
        )
        return service


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportFilterForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    territory = forms.IntegerField(label=gettext_lazy("Territory"), required=False, min_value=1)
