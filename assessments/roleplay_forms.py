"""Forms of the role-play pages: planning a session and casting it."""

from datetime import UTC

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import RolePlaySession


def _without_nul(data):
    """A copy of the posted data without NUL characters, which PostgreSQL cannot store (text
    pasted from a PDF may carry them); the rest of what was typed is kept."""
    if data is None:
        return None
    cleaned = data.copy()
    for key in cleaned:
        cleaned.setlist(key, [value.replace("\x00", "") for value in data.getlist(key)])
    return cleaned


class SessionForm(forms.ModelForm):
    class Meta:
        model = RolePlaySession
        fields = ["starts_at", "duration", "place"]
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

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_without_nul(data), *args, **kwargs)
        self.fields["starts_at"].label = _("Date and time")
        self.fields["duration"].required = False  # left empty: the usual 90 minutes

    def clean_duration(self):
        value = self.cleaned_data.get("duration")
        return RolePlaySession._meta.get_field("duration").default if value is None else value

    def clean_starts_at(self):
        value = self.cleaned_data["starts_at"]
        try:
            value.astimezone(UTC)  # "0001-01-01T00:00" in a zone east of UTC is before year 1
        except (OverflowError, ValueError) as error:
            raise forms.ValidationError(_("Enter the date and time of the session.")) from error
        return value


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
