"""Every model that keeps personal data has a permission policy, found by its model.

Policies register themselves when built (lms.permissions.policy_for); each app keeps them
in its ``permissions.py``, which this test imports for every project app.
"""

import importlib
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings

from lms.permissions import REGISTRAR, IsUser, RulePolicy, policies_for, policy_for
from lms.privacy.registry import registry


def import_every_permissions_module() -> list[str]:
    """Import ``<app>.permissions`` of every app in this project; the names imported."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        # Ours are the packages at the top of the project (the virtualenv may live there too).
        if not (base / config.name.split(".")[0] / "__init__.py").is_file():
            continue  # third-party apps answer through their own machinery
        name = f"{config.name}.permissions"
        if find_spec(name) is not None:
            importlib.import_module(name)
            found.append(name)
    return found


def test_every_model_with_personal_data_has_a_policy():
    import_every_permissions_module()
    missing = sorted(
        {item.model for item in registry.personal if policy_for(item.model_class) is None}
    )
    assert not missing, (
        f"No RulePolicy for {', '.join(missing)}: declare one in the app's permissions.py"
    )


def test_each_of_those_policies_says_who_may_view():
    import_every_permissions_module()
    silent = sorted(
        item.model
        for item in registry.personal
        if (policy := policy_for(item.model_class)) is not None and "view" not in policy.rules
    )
    assert not silent, f"These policies have no 'view' rule: {', '.join(silent)}"


def test_the_project_apps_permissions_modules_are_found():
    found = import_every_permissions_module()
    assert {"courses.permissions", "modules.permissions", "supervision.permissions"} <= set(found)
    assert "lms.accounts.permissions" in found


def test_policies_register_by_model_first_declared_first():
    from lms.notifications.models import Notification

    import_every_permissions_module()
    before = policy_for(Notification)
    extra = RulePolicy(Notification, view=REGISTRAR)
    try:
        assert policy_for(Notification) is before
        assert policies_for("notifications.Notification")[-1] is extra
    finally:
        from lms import permissions

        permissions._policies.remove(extra)
    assert isinstance(before.rules["view"], IsUser)
