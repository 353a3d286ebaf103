from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


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
