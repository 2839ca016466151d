"""The browser suite's hooks and fixtures. They live in e2e_support, which the tests import by that name: a module
called "conftest" is ambiguous once other test folders have their own conftest.py."""

from e2e_support import (  # noqa: F401 (pytest finds hooks and fixtures by their names here)
    _patient_pages,
    app_server,
    browser_context_args,
    browser_type_launch_args,
    pytest_report_collectionfinish,
    pytest_runtest_setup,
)
