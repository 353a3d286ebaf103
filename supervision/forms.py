from django import forms
from django.core.validators import validate_email
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Territory, User
from supervision.models import PracticeEntry, ReconciliationService, SupervisionSession
from supervision.models.sessions import MAX_TEXT
from supervision.selectors import cohort_people, session_people, supervisors
from supervision.services.co_mediators import MAX_CO_MEDIATORS
from supervision.services.sessions import MAX_REFLECTION
from supervision.vocab import ServiceKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _choices(groups) -> list:
    """(label, [Person]) groups as grouped select choices; empty groups left out."""
    return [(str(label), [(p.pk, p.label) for p in people]) for label, people in groups if people]


class SessionForm(forms.ModelForm):
    """People are chosen from lists, never typed by email: a typed address would tell the
    planner whether it is registered. The facilitator and presenter come from the chosen
    cohort's people, the centre's supervisors, or who is already on the session; a small
    script shows only the chosen cohort's list (the check below holds without it)."""

    facilitator = forms.TypedChoiceField(
        label=gettext_lazy("Facilitator"),
        help_text=gettext_lazy(
            "For an intervision, one of the trainees; leave empty to lead it yourself."
        ),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"data-people": "1"}),
    )
    presenter = forms.TypedChoiceField(
        label=capfirst(SupervisionSession._meta.get_field("presenter").verbose_name),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"data-people": "1"}),
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
        self.fields["duration_minutes"].error_messages.update(
            {
                "min_value": _("A session lasts at least 15 minutes."),
                "max_value": _("A session lasts at most 12 hours (720 minutes)."),
            }
        )
        self._people(list(cohorts))

    def _people(self, cohorts) -> None:
        self.by_cohort = cohort_people(c.pk for c in cohorts)
        staff, present = supervisors(), session_people(self.instance)
        self.anyone = staff + present
        # Who is on the session besides its cohort's people (listed in their group already).
        cohort_ids = {p.pk for p in self.by_cohort.get(self.instance.cohort_id, ())}
        present = [p for p in present if p.pk not in cohort_ids]
        groups = [(cohort, self.by_cohort[cohort.pk]) for cohort in cohorts]
        groups += [(_("Supervisors of the centre"), staff), (_("Already on this session"), present)]
        choices = _choices(groups)
        facilitator, presenter = self.fields["facilitator"], self.fields["presenter"]
        if self.instance.pk:
            facilitator.choices = choices
            facilitator.initial = self.instance.facilitator_id
            presenter.initial = self.instance.presenter_id
        else:
            facilitator.choices = [("", _("— I will lead it myself —")), *choices]
        presenter.choices = [("", _("— not chosen —")), *choices]
        message = _("Choose someone from the list.")
        for field in (facilitator, presenter):
            field.error_messages["invalid_choice"] = message

    def _chosen(self, name, cohort):
        pk = self.cleaned_data.get(name)
        if pk is None:
            return None
        allowed = {p.pk for p in self.anyone} | {self.user.pk}
        if cohort is not None:
            allowed |= {p.pk for p in self.by_cohort.get(cohort.pk, ())}
        person = User.objects.filter(pk=pk, is_active=True).first() if pk in allowed else None
        if person is None:
            self.add_error(
                name, _("Choose someone from the chosen cohort or a supervisor of the centre.")
            )
        return person

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        if bool(cohort) == bool(cleaned.get("territory")):
            self.add_error(
                "cohort", _("Choose either a cohort or the territory whose mediators are invited.")
            )
        self.facilitator = self._chosen("facilitator", cohort) or (
            self.instance.facilitator if self.instance.pk else self.user
        )
        self.presenter = self._chosen("presenter", cohort)
        return cleaned


class ParticipantAddForm(forms.Form):
    """Whom to add, ticked from the people who may take part and are not on it yet."""

    # Not "required": its asterisk would read as if each person had to be ticked.
    people = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Add participants"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("Choose someone from the list.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(p.pk, p.label) for p in candidates]

    def clean_people(self):
        if not self.cleaned_data["people"]:
            raise forms.ValidationError(_("Tick at least one person."))
        return self.cleaned_data["people"]


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
    territory = forms.IntegerField(
        label=gettext_lazy("Territory"), required=False, min_value=1, max_value=2**31 - 1
    )
