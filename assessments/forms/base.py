"""Fields the assessments forms share, and their errors in one line for a page's message."""

from datetime import UTC

from django import forms
from django.utils.translation import gettext_lazy

# A hidden field (a version, a revision) missing or garbled: the page was not sent as shown.
INCOMPLETE = gettext_lazy("The form was sent incomplete. Reload the page and try again.")


# Ids past a 64-bit integer reach the database as they are, and SQLite refuses them there
# (a Wagtail page's id is its parent link, which Django does not bound as it does integers).
MAX_ID = 2**63 - 1


def messages_for(message) -> dict:
    """The same message whether the value is missing, malformed or not among the choices."""
    return {"required": message, "invalid": message, "invalid_choice": message}


class IdChoiceField(forms.ModelChoiceField):
    """A row chosen by its id; what is not a positive 64-bit id is refused unasked."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                number = int(str(value))
            except ValueError:
                number = 0
            if not 0 < number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": value},
                )
        return super().to_python(value)


class PressedInput(forms.HiddenInput):
    def value_from_datadict(self, data, files, name):
        return name in data


class Pressed(forms.BooleanField):
    """A submit button: pressed when its name was sent, whatever its value (a browser sends
    ``final=`` for a button without one, which a BooleanField would read as false)."""

    widget = PressedInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class StorableDateTimeField(forms.DateTimeField):
    """A date and time the database can store: "9999-12-31T23:59-12:00" is well formed but
    past the year 9999 in UTC, "0001-01-01T00:00" east of UTC before the year 1."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is not None:
            try:
                moment.astimezone(UTC)
            except (OverflowError, ValueError) as error:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from error
        return moment


class LenientChoiceField(forms.TypedChoiceField):
    """A radio button's value: anything not offered (a forged or stale value) counts as
    nothing chosen, as an unticked button would; the form then says what is missing."""

    def clean(self, value):
        return super().clean(value if self.valid_value(value) else "")


class LenientMultipleChoiceField(forms.TypedMultipleChoiceField):
    """Ticked boxes: values not offered are dropped, as boxes that were not there."""

    def clean(self, value):
        if not isinstance(value, list | tuple):
            value = []
        return super().clean([item for item in value if self.valid_value(item)])


def error_text(form) -> str:
    """Every error of ``form`` in one line, each once, a field's label first when it has one
    of its own: the assessments pages lay out their fields by hand and show this as a message."""
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        lines += [f"{label}: {message}" if label else message for message in errors]
    return " ".join(dict.fromkeys(lines))
