from lms import navigation as nav
from lms.roles import Role, roles_of


def navigation(request):
    """Navigation entries (flat and as the header's menus) and role labels for the user."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": [], "nav_menu": nav.menu_from([]), "user_role_labels": []}
    labels = dict(Role.choices)
    items = nav.items_for(user, request.path)
    return {
        "nav_items": items,
        "nav_menu": nav.menu_from(items),
        "user_role_labels": [labels[name] for name in sorted(roles_of(user)) if name in labels],
    }
