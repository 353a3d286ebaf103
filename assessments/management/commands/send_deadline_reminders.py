from django.core.management.base import BaseCommand

from assessments.services import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Email and notify trainees 48 hours before an assignment is due (run hourly; sends once)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"reminders sent: {send_deadline_reminders()}")
