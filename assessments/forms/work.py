"""The trainee's forms: the answer and its files, a quiz attempt."""

from django import forms
from django.utils.translation import gettext_lazy

from assessments.forms.base import INCOMPLETE, LenientMultipleChoiceField, messages_for
from assessments.models.submissions import MAX_TEXT


class AnswerForm(forms.Form):
    """The written answer (kept exactly as typed) and the draft's revision when the page was
    loaded, so a stale tab cannot overwrite newer text. Also what the editor autosaves."""

    text = forms.CharField(required=False, strip=False)
    revision = forms.IntegerField(error_messages=messages_for(INCOMPLETE))
    # "Hand in" sends 1; "Hand in anyway", shown after the guard's warning, sends "override".
    submit = forms.CharField(required=False)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text) > MAX_TEXT:
            raise forms.ValidationError(
                gettext_lazy("The text is too long (more than %(max)s characters)."),
                params={"max": MAX_TEXT},
            )
        return text

    @property
    def override_guard(self) -> bool:
        return self.cleaned_data.get("submit") == "override"


class AttachmentForm(forms.Form):
    # Empty files pass here: the upload check (lms.uploads) says what is wrong with them.
    file = forms.FileField(
        allow_empty_file=True,
        error_messages={
            **messages_for(gettext_lazy("Choose a file to attach.")),
            "missing": gettext_lazy("Choose a file to attach."),
        },
    )


class QuizForm(forms.Form):
    """One field per question (``q-<question id>``): the indexes of the options ticked.

    A value that is not an option's index is dropped, so a forged answer counts as none.
    """

    def __init__(self, data=None, *, questions):
        super().__init__(data)
        self.questions = questions
        for qid, value in questions:
            self.fields[f"q-{qid}"] = LenientMultipleChoiceField(
                choices=[(i, str(i)) for i in range(len(value["options"]))],
                coerce=int,
                required=False,
            )

    def answers(self) -> dict[str, list[int]]:
        return {qid: self.cleaned_data.get(f"q-{qid}", []) for qid, _value in self.questions}
