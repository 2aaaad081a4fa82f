from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Migrate, load the seed data with the demo accounts, and serve the portal at "
        "http://127.0.0.1:8000 (development only: needs DEBUG=1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the database, do not start the server."
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=1)
        call_command("seed_demo", verbosity=1)
        if not options["no_serve"]:
            call_command("runserver", options["addrport"])
