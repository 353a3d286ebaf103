"""Forms of the certificate pages: the public check and the registrar's confirmation."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.certificates.numbering import format_number
from courses.certificates.verification import CODE, number_parse


def number_example() -> str:
    return format_number("ПК", timezone.localdate().year, 123)


class VerifyByNumberForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Document number"), max_length=40)
    last_name = forms.CharField(label=gettext_lazy("Holder's last name"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].help_text = _(
            "As printed on the document after «№», for example %(example)s."
        ) % {"example": number_example()}
        self.fields["last_name"].help_text = _("As written on the document.")
        # The browser must not offer earlier holders' names to the next person at this desk.
        for field in self.fields.values():
            field.widget.attrs["autocomplete"] = "off"

    def clean_number(self):
        number = number_parse(self.cleaned_data["number"])
        if number is None:
            # Only the format is judged here: whether such a number exists is never said.
            raise forms.ValidationError(
                _(
                    "This does not look like a document number. Type it as printed, for "
                    "example %(example)s: letters, the year and the number."
                )
                % {"example": number_example()},
                code="format",
            )
        return number


class VerifyByCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Verification code"),
        max_length=200,
        help_text=gettext_lazy(
            "Printed under the QR code on the document; you can also paste the link from it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["autocomplete"] = "off"

    def clean_code(self):
        # People paste the whole link from the QR code: keep only its last part, and the
        # spaces of a code copied by hand do not count.
        code = "".join(self.cleaned_data["code"].split()).rstrip("/").rsplit("/", 1)[-1]
        if not code:
            raise forms.ValidationError(
                _("The link has no code at its end. Type the code printed under the QR code."),
                code="empty",
            )
        if not CODE.fullmatch(code):
            raise forms.ValidationError(
                _(
                    "A code is 22 characters: Latin letters, digits, «-» and «_», as printed "
                    "under the QR code. To check by the document's number, use the form above."
                ),
                code="format",
            )
        return code


class IssueForm(forms.Form):
    """The enrollments the registrar confirmed; valid only while each still awaits a document,
    so what is issued is exactly what the confirmation page listed."""

    enrollments = forms.TypedMultipleChoiceField(coerce=int, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, waiting: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrollments"].choices = [(pk, pk) for pk in waiting]
        self.fields["enrollments"].error_messages["invalid_choice"] = gettext_lazy(
            "The list of trainees awaiting a document has changed since the confirmation "
            "page was opened. Check it and confirm again."
        )
