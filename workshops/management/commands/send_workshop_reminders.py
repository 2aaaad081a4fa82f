from django.core.management.base import BaseCommand

from workshops.services import booking_reminders_send


class Command(BaseCommand):
    help = (
        "Queue the reminder mail of every confirmed workshop booking that starts within two "
        "days and had none yet (to the case and the team). Each booking is reminded once, "
        "so running it more often, or twice at the same moment, sends nothing twice. Run "
        "it daily (cron or a systemd timer); the task worker (db_worker) sends the mail."
    )

    def handle(self, *args, **options):
        queued = booking_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{queued} workshop reminders queued."))
