from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citydeal.seed import DEMO_ACCOUNTS, demo_accounts_create, seed_load


class Command(BaseCommand):
    help = (
        "Load the seed data and create the demo accounts (password from DEMO_PASSWORD, "
        "default 'citydeal2021'). Idempotent. Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create the demo accounts even though DEBUG is off (never in production).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: demo accounts are not created on a production set-up. "
                "Use --force on a test machine."
            )
        seed_load()
        demo_accounts_create()
        names = ", ".join(account.username for account in DEMO_ACCOUNTS)
        self.stdout.write(self.style.SUCCESS(f"Seed data loaded; demo accounts: {names}."))
