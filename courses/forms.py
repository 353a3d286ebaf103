import uuid

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from lms.uploads import sniff, validate_upload

CONSENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class ProgramPageForm(WagtailAdminPageForm):
    """Refuses to publish a program whose module hours do not add up to its total."""

    def clean(self):
        cleaned = super().clean()
        publishing = "action-publish" in self.data
        total = cleaned.get("total_hours")
        if publishing and total is not None:
            modules = self.instance.module_hours_total() if self.instance.pk else 0
            if modules != total:
                self.add_error(
                    "total_hours",
                    _(
                        "The modules add up to %(modules)s hours but the program has %(total)s. "
                        "Make them equal before publishing."
                    )
                    % {"modules": modules, "total": total},
                )
        return cleaned


class ApplicationForm(forms.Form):
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=255)
    position = forms.CharField(label=gettext_lazy("Position"), max_length=255, required=False)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", gettext_lazy("Approve")),
            ("waitlist", gettext_lazy("Waiting list")),
            ("decline", gettext_lazy("Decline")),
        ]
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for declining"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )


class ConsentForm(forms.Form):
    guardian_full_name = forms.CharField(label=gettext_lazy("Guardian's full name"), max_length=255)
    guardian_relation = forms.CharField(
        label=gettext_lazy("Relation to the trainee"), max_length=100
    )
    given_on = forms.DateField(
        label=gettext_lazy("Consent given on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(label=gettext_lazy("Scanned document (PDF, JPEG or PNG)"))

    def clean_document(self):
        document = validate_upload(self.cleaned_data["document"], allowed=CONSENT_TYPES)
        # Kept on disk under a neutral name: the scan's own may not fit the file system
        # ("𝕏" * 90 is 90 characters but 360 bytes, over the 255-byte limit).
        document.name = f"{uuid.uuid4().hex}.{CONSENT_TYPES[sniff(document)]}"
        return document


class StaffListForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Staff list (CSV in UTF-8 or XLSX)"),
        help_text=gettext_lazy("Columns: Фамилия, Имя, Отчество, Email, Организация, Должность."),
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
        raise forms.ValidationError(gettext_lazy("Upload a .csv or .xlsx file."))


class AttendanceForm(forms.Form):
    """One row per person (status and remark), plus "mark everyone as" for the whole list.

    Used for class sessions here and for supervision sessions in ``supervision``.
    """

    bulk = forms.ChoiceField(label=gettext_lazy("Mark everyone as"), required=False, choices=())

    def __init__(self, *args, people, current: dict, **kwargs):
        from courses.models import AttendanceStatus

        super().__init__(*args, **kwargs)
        choices = [("", "—"), *AttendanceStatus.choices]
        self.fields["bulk"].choices = choices
        self.people = list(people)
        for person in self.people:
            status, remark = current.get(person.pk, ("", ""))
            self.fields[f"status-{person.pk}"] = forms.ChoiceField(
                label=person.get_full_name(), required=False, choices=choices, initial=status
            )
            self.fields[f"remark-{person.pk}"] = forms.CharField(
                label=gettext_lazy("Remark"), required=False, max_length=255, initial=remark
            )

    def rows(self):
        for person in self.people:
            yield person, self[f"status-{person.pk}"], self[f"remark-{person.pk}"]

    def marks(self) -> dict[int, tuple[str, str]]:
        """{user id: (status, remark)} for the rows given a status."""
        bulk = self.cleaned_data.get("bulk")
        marks = {}
        for person in self.people:
            status = bulk or self.cleaned_data.get(f"status-{person.pk}")
            if status:
                marks[person.pk] = (status, self.cleaned_data.get(f"remark-{person.pk}", ""))
        return marks
