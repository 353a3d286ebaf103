from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lms.demo import DEMO_PASSWORD, seeders


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and content (idempotent; never in production)."

    def handle(self, *args, **options):
        if settings.LMS_ENVIRONMENT == "production":
            raise CommandError(
                "seed_demo refuses to run with production settings: it sets known passwords."
            )
        with transaction.atomic():
            for label, module in seeders():
                module.seed(out=self.stdout)
                self.stdout.write(f"  demo data: {label}")
        from lms.accounts.demo import DEMO_ACCOUNTS

        self.stdout.write(
            self.style.SUCCESS(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        )
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<26} {account.role_note}")
