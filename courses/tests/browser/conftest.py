from lms.tests.browser.conftest import (  # noqa: F401 - shared browser fixtures
    browser_context_args,
    browser_type_launch_args,
    pytest_collection_modifyitems,
    site,
)
