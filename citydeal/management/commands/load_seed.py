from django.core.management.base import BaseCommand, CommandError

from citydeal.seed import ResetRefused, database_reset, seed_load

ALREADY_THERE = (
    "The programme is already in the database: the seed was not loaded and no row was "
    "changed. (--reset empties the database first; development only.)"
)


def add_reset_argument(parser) -> None:
    parser.add_argument(
        "--reset",
        action="store_true",
        help="Empty the whole database (all data and accounts) first. Refused with DEBUG off.",
    )


def reset_if_asked(options) -> None:
    """Empty the database when --reset was given; CommandError (nothing changed) without
    DEBUG."""
    if options["reset"]:
        try:
            database_reset()
        except ResetRefused as refused:
            raise CommandError(str(refused)) from None


class Command(BaseCommand):
    help = (
        "Load the programme document (teams, planning, budgets, cases, partners) into a "
        "portal without the programme. When the programme exists, nothing is changed."
    )

    def add_arguments(self, parser):
        add_reset_argument(parser)

    def handle(self, *args, **options):
        reset_if_asked(options)
        if seed_load():
            self.stdout.write(self.style.SUCCESS("Seed data loaded."))
        else:
            self.stdout.write(ALREADY_THERE)
