from django import forms
from django.utils.translation import gettext_lazy as _

from lms.uploads import validate_upload

CONSENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class ApplicationForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=255)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", _("Approve")),
            ("waitlist", _("Waiting list")),
            ("decline", _("Decline")),
        ]
    )
    reason = forms.CharField(
        label=_("Reason for declining"), required=False, max_length=2000, widget=forms.Textarea
    )


class ConsentForm(forms.Form):
    guardian_full_name = forms.CharField(label=_("Guardian's full name"), max_length=255)
    guardian_relation = forms.CharField(label=_("Relation to the trainee"), max_length=100)
    given_on = forms.DateField(
        label=_("Consent given on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(label=_("Scanned document (PDF, JPEG or PNG)"))

    def clean_document(self):
        return validate_upload(self.cleaned_data["document"], allowed=CONSENT_TYPES)
