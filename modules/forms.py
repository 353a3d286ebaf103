"""Admin forms of the module pages."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from courses.tree import program_of

HOUR_FIELDS = ("contact_hours", "self_study_hours", "supervision_hours")


def hours_over_program(module, hours: int, program) -> int | None:
    """The program's module total with ``module`` at ``hours``, if it exceeds the program's."""
    from modules.models import ModulePage

    if program is None:
        return None
    siblings = ModulePage.objects.descendant_of(program)
    if module.pk:
        siblings = siblings.exclude(pk=module.pk)
    total = hours + sum(sibling.total_hours for sibling in siblings)
    return total if total > program.total_hours else None


class ModulePageForm(WagtailAdminPageForm):
    """Publishing one module cannot take its program past the program's hours.

    The program's own form checks the sum when the program is published; without this a
    module published later showed 258 hours of modules under a 254-hour program.
    """

    def clean(self):
        cleaned = super().clean()
        if "action-publish" not in self.data:
            return cleaned
        if any(cleaned.get(name) is None for name in HOUR_FIELDS):
            return cleaned
        program = program_of(self.parent_page or self.instance.get_parent())
        if program is None:
            return cleaned
        total = hours_over_program(self.instance, sum(cleaned[n] for n in HOUR_FIELDS), program)
        if total is not None:
            self.add_error(
                "contact_hours",
                _(
                    "The modules add up to %(modules)s hours but the program has %(total)s. "
                    "Make them equal before publishing."
                )
                % {"modules": total, "total": program.total_hours},
            )
        return cleaned
