from django import forms
from django.conf import settings
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


class StaffListForm(forms.Form):
    file = forms.FileField(
        label=_("Staff list (CSV in UTF-8 or XLSX)"),
        help_text=_("Columns: Фамилия, Имя, Отчество, Email, Организация, Должность."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if name.endswith(".xlsx"):
            return validate_upload(upload, allowed={"application/zip": "xlsx"})
        if name.endswith(".csv"):
            if upload.size > settings.LMS_MAX_UPLOAD_BYTES:
                return validate_upload(upload, allowed={})  # raises the size message
            return upload
        raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
