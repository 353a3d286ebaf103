from django import forms
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Territory, User
from supervision.models import PracticeEntry, ReconciliationService, SupervisionSession
from supervision.models.sessions import MAX_TEXT
from supervision.services.co_mediators import MAX_CO_MEDIATORS
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
    co_mediators = forms.CharField(
        label=gettext_lazy("Co-mediators (emails, comma-separated)"),
        help_text=gettext_lazy(
            "Each co-mediator is asked whether they took part; the entry counts for them "
            "only once they confirm."
        ),
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
        self.fields["service"].queryset = ReconciliationService.objects.select_related("territory")
        self.fields["service"].help_text = gettext_lazy(
            "Not in the list? The registrar or the curator of its territory adds services."
        )
        self.fields["service"].error_messages["required"] = _("Choose the reconciliation service.")
        for name in ("adults", "children"):
            self.fields[name].widget.attrs.update({"min": 0, "max": 300})
            self.fields[name].max_value = 1000
        for name in ("summary", "follow_up", "not_completed_reason"):
            self.fields[name].max_length = MAX_TEXT
        if self.instance.pk:
            # Everyone the author named, answered or not, registered or invited: the field
            # must not show fewer emails than were typed (that would tell who signed up).
            named = [
                m.user.email
                for m in self.instance.mediators.exclude(
                    user=self.instance.author_id
                ).select_related("user")
            ]
            named += list(self.instance.invitations.values_list("email", flat=True))
            self.fields["co_mediators"].initial = ", ".join(sorted(named))

    def clean_co_mediators(self):
        """Emails only, never whether they are registered (see services.co_mediators)."""
        emails = {
            e.strip().lower() for e in self.cleaned_data["co_mediators"].split(",") if e.strip()
        }
        if len(emails) > MAX_CO_MEDIATORS:
            raise forms.ValidationError(_("At most 10 co-mediators."))
        wrong = []
        for email in sorted(emails):
            try:
                validate_email(email)
            except forms.ValidationError:
                wrong.append(email)
        if wrong:
            raise forms.ValidationError(
                _("These are not email addresses: %(emails)s") % {"emails": ", ".join(wrong)[:300]}
            )
        return sorted(emails)

    def clean(self):
        cleaned = super().clean()
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


class CoMediatorAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            ("took_part", gettext_lazy("I took part")),
            ("declined", gettext_lazy("I did not")),
        ],
        error_messages={"required": gettext_lazy("Say whether you took part in the program.")},
    )

    @property
    def took_part(self) -> bool:
        return self.cleaned_data["answer"] == "took_part"


class ServiceForm(forms.Form):
    """A plain form: the model's unique constraint would answer a duplicate in Django's words;
    the service says it plainly (and catches two people adding the same one at once)."""

    kind = forms.ChoiceField(label=gettext_lazy("kind"), choices=ServiceKind.choices)
    organisation = forms.CharField(
        label=gettext_lazy("organisation"),
        max_length=255,
        help_text=gettext_lazy("As in the monitoring forms, e.g. МБОУ «СОШ № 12»."),
    )
    territory = forms.ModelChoiceField(
        label=gettext_lazy("municipal territory"), queryset=Territory.objects.none()
    )

    def __init__(self, *args, territories, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["territory"]
        field.queryset = Territory.objects.filter(pk__in=[t.pk for t in territories])
        field.error_messages["invalid_choice"] = _(
            "You may add services only in a territory you look after."
        )
        if len(territories) == 1:
            field.initial = territories[0].pk


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
