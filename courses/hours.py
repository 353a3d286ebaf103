"""The hours rule's answer when bulk publishing would break it (programs and modules)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext
from wagtail.admin.utils import get_valid_next_url_from_request


def refuse_bulk_publishing(request, titles: list[str]):
    """Say which pages broke the rule and go back where the editor came from."""
    messages.error(
        request,
        gettext(
            "Not published: the module hours do not add up to the program's hours in %(programs)s."
        )
        % {"programs": ", ".join(f"«{title}»" for title in titles)},
    )
    # Only a path on this site ("//evil.example" and "/\\evil.example" are not); a bare word
    # would be looked up as a view name.
    next_url = get_valid_next_url_from_request(request)
    return redirect(next_url if next_url.startswith("/") else "wagtailadmin_explore_root")
