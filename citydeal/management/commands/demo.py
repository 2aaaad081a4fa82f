import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV

from citydeal.management.commands.load_seed import add_reset_argument


class Command(BaseCommand):
    help = (
        "Migrate, load the seed data into an empty portal with the demo accounts, and "
        "serve the portal at http://127.0.0.1:8000 (development only: needs DEBUG=1). "
        "A portal that has the programme keeps its data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            nargs="?",
            default="127.0.0.1:8000",
            help="Address and port to serve at, as for runserver (default 127.0.0.1:8000).",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare the database, do not start the server."
        )
        add_reset_argument(parser)

    def handle(self, *args, **options):
        # runserver's autoreloader runs this command again in a child process (and again
        # after every change of a source file); only the first process prepares the data.
        if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            call_command("migrate", interactive=False, verbosity=1)
            call_command("seed_demo", reset=options["reset"], verbosity=1)
        if not options["no_serve"]:
            call_command("runserver", options["addrport"])
