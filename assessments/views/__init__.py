"""The assessments pages, one module per area (see assessments/urls.py)."""
