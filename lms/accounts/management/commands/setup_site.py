"""`manage.py setup_site`: what a fresh production site needs once, after `migrate`.

The home page and the Wagtail site's address, the program catalogue (and whatever other
apps' ``site_setup`` modules add), the centre's particulars that certificates print, and the
first administrator, asked for at the terminal or given as options with --noinput. Safe to
run again: what exists is kept, and nothing is asked for twice.
"""

import getpass
import importlib
import importlib.util
import os

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from lms.home import site_setup
from lms.roles import Role

PROJECT_APPS = ("lms.", "courses", "modules", "assessments", "supervision")
PASSWORD_VARIABLE = "DJANGO_SUPERUSER_PASSWORD"  # noqa: S105 - a variable's name, as Django's
CENTRE_PROMPTS = {
    "name": "Centre's full name, in Russian (printed on certificates)",
    "name_en": "Centre's name in English (optional)",
    "short_name": "Short name for the site's header (optional)",
    "city": "City (printed on certificates)",
    "address": "Postal address (optional)",
    "phone": "Phone (optional)",
    "email": "Contact email (optional)",
    "signatory_name": "Name of the person who signs certificates",
    "signatory_position": "Their position",
}
ADMIN_FIELDS = ("email", "last_name", "first_name", "patronymic")


def site_setups():
    """Each project app's ``site_setup`` module, in app order (the kernel's first)."""
    for config in apps.get_app_configs():
        if config.name.startswith(PROJECT_APPS):
            name = f"{config.name}.site_setup"
            if importlib.util.find_spec(name) is not None:
                yield importlib.import_module(name)


@transaction.atomic
def administrator_create(*, email, last_name, first_name, patronymic, password):
    """A superuser with the editor role whose address counts as confirmed: signing in must
    not wait for mail. The second factor is set up at the first sign-in."""
    user = get_user_model().objects.create_superuser(
        email=email,
        password=password,
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
    )
    user.groups.add(Group.objects.get(name=Role.EDITOR))
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


class Command(BaseCommand):
    help = (
        "Prepare a fresh site once after migrate: home page, catalogue, the centre's "
        "particulars and the first administrator (safe to run again)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Ask nothing: take the particulars from the options and the administrator's "
            f"password from {PASSWORD_VARIABLE}.",
        )
        centre = parser.add_argument_group("the centre (Settings → Training centre in the admin)")
        for name, prompt in CENTRE_PROMPTS.items():
            flag = f"--centre-{name.replace('_', '-')}"
            centre.add_argument(flag, dest=f"centre_{name}", help=prompt)
        admin = parser.add_argument_group("the first administrator")
        for name in ADMIN_FIELDS:
            admin.add_argument(f"--admin-{name.replace('_', '-')}", dest=f"admin_{name}")
        admin.add_argument(
            "--no-admin", action="store_true", help="Create no administrator (one exists)."
        )

    def handle(self, *args, interactive, no_admin, **options):
        self.interactive = interactive
        self.stdout.write("Pages:")
        for module in site_setups():
            module.setup(out=self.stdout)
        self.centre({k[7:]: v for k, v in options.items() if k.startswith("centre_")})
        if not no_admin:
            self.administrator({k[6:]: v for k, v in options.items() if k.startswith("admin_")})
        self.stdout.write(self.style.SUCCESS("\nThe site is set up."))
        self.stdout.write(
            "Next: sign in at /accounts/login/ as the administrator; you will be asked to set "
            "up a one-time-code app (TOTP) first. Then add programs under the catalogue in "
            "the admin (/admin/) and give staff their roles."
        )

    # The centre's particulars -------------------------------------------------------------

    def centre(self, given: dict[str, str | None]) -> None:
        values = {name: value for name, value in given.items() if value is not None}
        missing = [name for name in site_setup.centre_missing() if not values.get(name)]
        if missing and self.interactive:
            self.stdout.write("\nThe centre's particulars (Enter keeps the value in brackets):")
            current = site_setup.CentreSettings.load()
            for name, prompt in CENTRE_PROMPTS.items():
                if name in values:
                    continue
                required = name in site_setup.CENTRE_REQUIRED
                answer = self.ask(prompt, default=getattr(current, name), required=required)
                values[name] = answer
            missing = []
        if missing:
            flags = ", ".join(f"--centre-{name.replace('_', '-')}" for name in missing)
            raise CommandError(f"The centre's particulars are incomplete: give {flags}.")
        if values:
            try:
                centre = site_setup.centre_update(**values)
            except ValidationError as error:
                raise CommandError(f"The centre's particulars: {error}") from error
            self.stdout.write(f"Centre: {centre.name}, {centre.city} (saved)")
        else:
            self.stdout.write(f"Centre: {site_setup.CentreSettings.load().name} (kept)")

    # The first administrator --------------------------------------------------------------

    def administrator(self, given: dict[str, str | None]) -> None:
        User = get_user_model()
        email = given.get("email")
        if email is None:
            existing = User.objects.filter(is_superuser=True, is_active=True).first()
            if existing is not None:
                self.stdout.write(f"Administrator: {existing.email} (exists)")
                return
            if self.interactive:
                email = self.ask("Administrator's email (the sign-in)", required=True)
        if not email:
            raise CommandError("Give the first administrator's --admin-email (or --no-admin).")
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        account = User.objects.filter(email__iexact=email).first()
        if account is not None and account.is_superuser:
            self.stdout.write(f"Administrator: {account.email} (exists)")
            return
        if account is not None:
            raise CommandError(f"{email} already has an account: make it a superuser in the admin.")
        fields = {"email": email}
        for name, prompt, required in (
            ("last_name", "Last name", True),
            ("first_name", "First name", True),
            ("patronymic", "Patronymic (optional)", False),
        ):
            value = given.get(name)
            if value is None and self.interactive:
                value = self.ask(prompt, required=required)
            if required and not value:
                raise CommandError(f"Give the administrator's --admin-{name.replace('_', '-')}.")
            fields[name] = (value or "").strip()
        fields["password"] = self.password(User(**fields))
        user = administrator_create(**fields)
        self.stdout.write(self.style.SUCCESS(f"Administrator: {user.email} (created)"))

    def password(self, user) -> str:
        if not self.interactive:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Set {PASSWORD_VARIABLE} for the administrator's password.")
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            return password
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password

    def ask(self, prompt: str, *, default: str = "", required: bool = False) -> str:
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        while True:
            try:
                answer = input(shown).strip() or default
            except EOFError as error:
                raise CommandError(
                    "No answer at the terminal: use --noinput with options."
                ) from error
            if answer or not required:
                return answer
            self.stderr.write("This one is needed.")
