import argparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.scale import ScaleDataRefused, generate_scale_data


def _whole_number(minimum: int):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < minimum:
            raise argparse.ArgumentTypeError(
                f"must be a whole number of {minimum} or more, not {value!r}"
            )
        return number

    return parse


class Command(BaseCommand):
    help = (
        "Add N times the seed's volume to the programme the portal shows (activities, "
        "goals, cases, events, partners, decisions, and 48 x N spending requests in every "
        "state with their trail), and M more programmes of the seed's volume. Adds only: "
        "a second run adds another batch. The same --seed on the same database gives the "
        "same rows. Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=_whole_number(1),
            required=True,
            help="N: the programme grows to N times the seed's volume (100: 4,800 requests).",
        )
        parser.add_argument(
            "--programmes",
            type=_whole_number(0),
            default=0,
            help="M more programmes (six teams each) of the seed's volume; default 0.",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random choices; default 1."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Generate even though DEBUG is off (a test machine, never production).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: generated data does not belong in a live portal. "
                "Use --force on a test machine."
            )
        try:
            report = generate_scale_data(
                scale=options["scale"], programmes=options["programmes"], seed=options["seed"]
            )
        except ScaleDataRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(self.style.SUCCESS(report.summary()))
