from lms import navigation as nav
from lms.roles import Role, roles_of


def navigation(request):
    """Navigation entries and role labels for the signed-in user."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": [], "user_role_labels": []}
    labels = dict(Role.choices)
    return {
        "nav_items": nav.items_for(user, request.path),
        "user_role_labels": [labels[name] for name in sorted(roles_of(user)) if name in labels],
    }
