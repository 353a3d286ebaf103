from datetime import date

from django import forms
from django.forms.models import fields_for_model
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm

from lms.accounts.models import ParticularsChange, User

# What we ask of every person; the same fields on sign-up and on the profile page.
PERSON_FIELDS = [
    "last_name",
    "first_name",
    "patronymic",
    "organisation",
    "position",
    "territory",
    "date_of_birth",
]
PERSON_WIDGETS = {
    "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
    "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
    "patronymic": forms.TextInput(attrs={"autocomplete": "additional-name"}),
    "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
    "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
}
EARLIEST_BIRTH_YEAR = 1900


def clean_date_of_birth(value: date | None) -> date | None:
    if value is None:
        return value
    if value > timezone.localdate():
        raise forms.ValidationError(_("The date of birth cannot be in the future."))
    if value.year < EARLIEST_BIRTH_YEAR:
        raise forms.ValidationError(_("Please check the year of birth."))
    return value


def strip_name(value: str) -> str:
    # Collapse runs of spaces so that certificates print the name as one clean line.
    return " ".join((value or "").split())


class PersonFieldsMixin:
    def clean_date_of_birth(self):
        return clean_date_of_birth(self.cleaned_data.get("date_of_birth"))

    def clean_last_name(self):
        return strip_name(self.cleaned_data.get("last_name"))

    def clean_first_name(self):
        return strip_name(self.cleaned_data.get("first_name"))

    def clean_patronymic(self):
        return strip_name(self.cleaned_data.get("patronymic"))


class SignupForm(PersonFieldsMixin, forms.Form):
    """Extra sign-up fields; allauth adds email and password on top of this class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(User, fields=PERSON_FIELDS, widgets=PERSON_WIDGETS))
        # A separate, unticked box: consent to processing is never bundled with other terms.
        self.fields["consent_personal_data"] = forms.BooleanField(
            label=_("I consent to the processing of my personal data"),
            help_text=format_lazy(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                reverse_lazy("consent_text", args=["personal_data"]),
                _("Read the text of the consent"),
            ),
            error_messages={
                "required": _("Registration needs your consent to the processing of personal data.")
            },
        )

    def signup(self, request, user):
        from lms.privacy.services import consent_give

        for name in PERSON_FIELDS:
            setattr(user, name, self.cleaned_data.get(name) or getattr(user, name))
        user.save()
        consent_give(user=user)


# A minor's profile keeps only what the volunteer program needs (name, school, birth date).
MINOR_FIELDS_DROPPED = ("position", "territory")


class ProfileForm(PersonFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = PERSON_FIELDS
        widgets = PERSON_WIDGETS

    def __init__(self, *args, **kwargs):
        from lms.accounts.particulars import LOCKED_FIELDS, particulars_locked

        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_minor:
            for name in MINOR_FIELDS_DROPPED:
                self.fields.pop(name)
            self.fields["organisation"].label = _("School")
        self.locked = bool(self.instance.pk) and particulars_locked(self.instance)
        if self.locked:
            # Django ignores posted values of disabled fields: a forged POST changes nothing.
            for name in LOCKED_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "Your enrollment depends on it: ask the centre to change it below."
                    )


class ParticularsChangeForm(PersonFieldsMixin, forms.ModelForm):
    """A request to the centre to change the locked particulars."""

    class Meta:
        model = ParticularsChange
        fields = ["territory", "date_of_birth", "comment"]
        widgets = {
            "date_of_birth": PERSON_WIDGETS["date_of_birth"],
            "comment": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("territory") and not cleaned.get("date_of_birth"):
            raise forms.ValidationError(_("Give the new territory or the new date of birth."))
        return cleaned


# Wagtail admin's user forms know only the standard fields; staff also keep the rest of
# the person's particulars there (the full name is printed on certificates).
ADMIN_EXTRA_FIELDS = ["patronymic", "organisation", "position", "territory", "date_of_birth"]


# Ids past a 64-bit integer reach the database as a lookup and raise there (SQLite).
MAX_ID = 2**63 - 1


class BoundedChoicesMixin:
    """Wagtail's group choice looks up every posted id; a huge one was a server error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelMultipleChoiceField):
                field._check_values = _bounded(field, field._check_values)


def _bounded(field, check):
    def bounded_check(values):
        for value in values:
            text = str(value).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > MAX_ID:
                raise forms.ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return check(values)

    return bounded_check


class AdminUserCreationForm(BoundedChoicesMixin, PersonFieldsMixin, WagtailUserCreationForm):
    class Meta(WagtailUserCreationForm.Meta):
        fields = WagtailUserCreationForm.Meta.fields | set(ADMIN_EXTRA_FIELDS)
        widgets = {"date_of_birth": PERSON_WIDGETS["date_of_birth"]}


class AdminUserEditForm(BoundedChoicesMixin, PersonFieldsMixin, WagtailUserEditForm):
    class Meta(WagtailUserEditForm.Meta):
        fields = WagtailUserEditForm.Meta.fields | set(ADMIN_EXTRA_FIELDS)
        widgets = {"date_of_birth": PERSON_WIDGETS["date_of_birth"]}
