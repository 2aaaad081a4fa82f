from django.core.management.base import BaseCommand

from citydeal.services import idempotency_keys_purge


class Command(BaseCommand):
    help = (
        "Delete the idempotency keys of creates (API and page forms) older than 24 hours; "
        "no request can use them any more. Safe to run at any time, e.g. daily."
    )

    def handle(self, *args, **options):
        deleted = idempotency_keys_purge()
        self.stdout.write(self.style.SUCCESS(f"{deleted} expired idempotency keys deleted."))
