from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.loader import DEMO_ACCOUNTS, DEMO_PASSWORD, seed


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and content (idempotent; never in production)."

    def handle(self, *args, **options):
        # The demo app is not in production's INSTALLED_APPS; this guards a copy that is.
        if settings.LMS_ENVIRONMENT == "production":
            raise CommandError(
                "seed_demo refuses to run with production settings: it sets known passwords."
            )
        with transaction.atomic():
            seed(out=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        )
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account['email']:<26} {account['note']}")
