"""Demo data: each project app may ship a ``demo`` module with ``seed(*, out)``.

``manage.py seed_demo`` calls them in INSTALLED_APPS order, which follows the dependency
direction (accounts before courses before assessments), so ``lms`` imports none of them.
"""

import importlib
import importlib.util

from django.apps import apps

DEMO_PASSWORD = "mediator-demo"  # noqa: S105 - published demo password, refused in production
PROJECT_APPS = ("lms.", "courses", "modules", "assessments", "supervision")


def seeders():
    for config in apps.get_app_configs():
        if not config.name.startswith(PROJECT_APPS):
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is not None:
            yield config.label, importlib.import_module(module_name)
