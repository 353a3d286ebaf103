"""The trainer's forms on the grading page: the grade, a return for revision, moderation."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.forms.base import (
    INCOMPLETE,
    IdChoiceField,
    LenientChoiceField,
    Pressed,
    messages_for,
)
from assessments.models import Grade, Submission
from assessments.scoring import criteria
from lms.accounts.models import User

MAX_FEEDBACK = Grade._meta.get_field("comment").max_length
MAX_CRITERION_COMMENT = 2000
MAX_REVISION_NOTE = Submission._meta.get_field("revision_note").max_length
MAX_MODERATION_NOTE = Grade._meta.get_field("moderation_note").max_length
NOT_A_NUMBER = gettext_lazy("Enter the score as a number.")


class GradeForm(forms.Form):
    """A level and a comment per rubric criterion (``level-<id>``, ``comment-<id>``), or a
    score when the assignment has no rubric; the feedback; and the grade's version when the
    page was opened, so a colleague's grade saved meanwhile is not overwritten."""

    lock_version = forms.IntegerField(error_messages=messages_for(INCOMPLETE))
    score = forms.DecimalField(required=False, error_messages={"invalid": NOT_A_NUMBER})
    comment = forms.CharField(
        label=gettext_lazy("Feedback (Markdown)"),
        required=False,
        strip=False,
        max_length=MAX_FEEDBACK,
    )
    final = Pressed()

    def __init__(self, data=None, *, assignment, grade=None):
        super().__init__(
            data,
            initial={"comment": grade.comment, "score": grade.score} if grade else {},
        )
        self.assignment = assignment
        self.criteria = criteria(assignment.rubric) if assignment.rubric else []
        if self.criteria:
            del self.fields["score"]  # the rubric gives the score
        chosen = grade.choices if grade else {}
        comments = grade.criterion_comments if grade else {}
        for cid, value in self.criteria:
            self.fields[f"level-{cid}"] = LenientChoiceField(
                choices=[(i, level["title"]) for i, level in enumerate(value["levels"])],
                coerce=int,
                empty_value=None,
                required=False,
                initial=chosen.get(cid),
            )
            self.fields[f"comment-{cid}"] = forms.CharField(
                label=value["title"],
                required=False,
                strip=False,
                max_length=MAX_CRITERION_COMMENT,
                initial=comments.get(cid, ""),
            )

    def clean(self):
        cleaned = super().clean()
        if self.criteria:
            if any(cleaned.get(f"level-{cid}") is None for cid, _value in self.criteria):
                raise forms.ValidationError(_("Choose a level for every criterion of the rubric."))
        elif "score" not in self.errors:
            score = cleaned.get("score")
            if score is None:
                self.add_error("score", NOT_A_NUMBER)
            elif not 0 <= score <= self.assignment.max_score:
                self.add_error(
                    "score",
                    _("The score must be between 0 and %(max)s.")
                    % {"max": self.assignment.max_score},
                )
        return cleaned

    def chosen(self) -> dict[str, int]:
        """The level of each criterion as ticked (a bound form) or as saved."""
        levels = {}
        for cid, _value in self.criteria:
            name = f"level-{cid}"
            level = self.fields[name].clean(self[name].value())  # never raises: lenient
            if level is not None:
                levels[cid] = level
        return levels

    def comments(self) -> dict[str, str]:
        return {cid: self[f"comment-{cid}"].value() or "" for cid, _value in self.criteria}

    def rows(self) -> list[dict]:
        """The rubric as the page lays it out, with what is chosen and written so far."""
        chosen, comments = self.chosen(), self.comments()
        return [
            {
                "id": cid,
                "title": value["title"],
                "levels": list(enumerate(value["levels"])),
                "chosen": chosen.get(cid),
                "comment": comments[cid],
            }
            for cid, value in self.criteria
        ]

    def grade_values(self) -> dict:
        """The keyword arguments of ``grade_save`` (a valid form)."""
        data = self.cleaned_data
        return {
            "choices": self.chosen(),
            "criterion_comments": {cid: data[f"comment-{cid}"] for cid, _value in self.criteria},
            "comment": data["comment"],
            "manual_score": data.get("score"),
            "final": data["final"],
            "lock_version": data["lock_version"],
        }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Feedback (Markdown)"),
        max_length=MAX_REVISION_NOTE,
        error_messages={"required": gettext_lazy("Say what to revise: the trainee will see it.")},
    )


class ModerationRequestForm(forms.Form):
    moderator = IdChoiceField(
        queryset=User.objects.none(),
        error_messages=messages_for(gettext_lazy("Choose another trainer to moderate.")),
    )

    def __init__(self, data=None, *, trainers):
        super().__init__(data)
        self.fields["moderator"].queryset = trainers


class ModerationDoneForm(forms.Form):
    moderation_note = forms.CharField(
        label=gettext_lazy("Moderation note"), required=False, max_length=MAX_MODERATION_NOTE
    )
