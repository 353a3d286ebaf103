"""Forms of the role-play pages: planning a session, casting it, an observer's notes."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from assessments.forms.base import StorableDateTimeField
from assessments.models import RolePlayParticipant, RolePlaySession
from assessments.services.roleplays import MAX_OBSERVATION


class RolePlaySessionForm(forms.ModelForm):
    class Meta:
        model = RolePlaySession
        fields = ["starts_at", "duration", "place"]
        field_classes = {"starts_at": StorableDateTimeField}
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        error_messages = {
            "starts_at": {
                "required": _("Enter the date and time of the session."),
                "invalid": _("Enter the date and time of the session."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].label = _("Date and time")
        self.fields["duration"].required = False  # left empty: the usual 90 minutes

    def clean_duration(self):
        value = self.cleaned_data.get("duration")
        return RolePlaySession._meta.get_field("duration").default if value is None else value


class CastForm(forms.Form):
    """One role per trainee of the cohort (field ``role-<enrollment id>``), or none."""

    def __init__(self, data=None, *, enrollments, roles: dict[str, dict], initial_cast=None):
        super().__init__(data, auto_id="%s")
        choices = [("", "—"), *((rid, role["name"]) for rid, role in roles.items())]
        for enrollment in enrollments:
            self.fields[f"role-{enrollment.pk}"] = forms.ChoiceField(
                label=enrollment.user.get_full_name(),
                choices=choices,
                required=False,
                initial=(initial_cast or {}).get(enrollment.pk, ""),
            )
        self.enrollments = enrollments

    def cast(self) -> dict[int, str]:
        return {e.pk: self.cleaned_data.get(f"role-{e.pk}", "") for e in self.enrollments}

    def rows(self):
        return [(e, self[f"role-{e.pk}"]) for e in self.enrollments]


class ObservationForm(forms.Form):
    observation = forms.CharField(
        label=capfirst(RolePlayParticipant._meta.get_field("observation").verbose_name),
        required=False,
        strip=False,
        max_length=MAX_OBSERVATION,
    )
