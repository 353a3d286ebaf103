#!/usr/bin/env python
import sys


def main():
    # Development settings only where no production env file exists (lms/envfile.py):
    # /etc/mediator-lms/env, or the file LMS_ENV_FILE names, is read first.
    from lms.envfile import load_or_exit

    load_or_exit(default_settings="lms.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
