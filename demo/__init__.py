"""Demo data for development and tests: `manage.py seed_demo` (installed only by the dev and
test settings; the production package leaves this directory out)."""
