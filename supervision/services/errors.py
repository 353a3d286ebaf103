from django.core.exceptions import ValidationError


class PracticeError(ValidationError):
    """A rule of the practice log was broken; the message is for the mediator."""
