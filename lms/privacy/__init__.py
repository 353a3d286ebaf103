"""Personal data: what each app keeps about a person, their export, erasure and retention.

Each app declares its models in ``<app>/personal_data.py`` (loaded when Django starts), so
``lms`` never imports the apps that depend on it, and a test checks that every model which
reaches a user is declared.
"""
