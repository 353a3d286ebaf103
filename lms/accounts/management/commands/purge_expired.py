from django.core.management.base import BaseCommand

from lms.privacy.retention import retention_purge


class Command(BaseCommand):
    help = "Purge drafts, process notes and uploads past their retention (dry run unless --apply)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Really purge (default: report only)."
        )

    def handle(self, *args, apply=False, **options):
        for line in retention_purge(apply=apply):
            verb = "purged" if apply else "would purge"
            self.stdout.write(
                f"{line.name}: {verb} {line.count} ({line.describe}; before {line.cutoff})"
            )
        if not apply:
            self.stdout.write("Dry run: nothing changed. Run with --apply to purge.")
