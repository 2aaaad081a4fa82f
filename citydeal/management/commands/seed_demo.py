from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from citydeal.management.commands.load_seed import (
    ALREADY_THERE,
    add_reset_argument,
    reset_if_asked,
)
from citydeal.seed import demo_accounts_create, demo_workshops_create, seed_load


class Command(BaseCommand):
    help = (
        "Load the seed data into a portal without the programme, create the demo "
        "accounts that are missing (password from DEMO_PASSWORD, default 'citydeal2021') "
        "and a few demo workshops for every team that has none to come. "
        "Changes nothing that exists. Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create the demo accounts even though DEBUG is off (never in production).",
        )
        add_reset_argument(parser)

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: demo accounts are not created on a production set-up. "
                "Use --force on a test machine."
            )
        reset_if_asked(options)
        if seed_load():
            self.stdout.write(self.style.SUCCESS("Seed data loaded."))
        else:
            self.stdout.write(ALREADY_THERE)
        created = demo_accounts_create()
        if created:
            names = ", ".join(user.username for user in created)
            self.stdout.write(self.style.SUCCESS(f"Demo accounts created: {names}."))
        else:
            self.stdout.write("The demo accounts exist already; none was changed.")
        slots = demo_workshops_create()
        if slots:
            self.stdout.write(self.style.SUCCESS(f"Demo workshops published: {len(slots)}."))
        else:
            self.stdout.write("Every team has workshops to come; no demo workshop was added.")
