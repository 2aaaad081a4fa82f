from django.core.management.base import BaseCommand

from citydeal.plan_readings import PLAN_READINGS, plan_readings_record


class Command(BaseCommand):
    help = (
        "Record the portal's readings of the plan (where the seed says more than the plan) "
        "on a programme loaded before they existed. A reading already there is left as it "
        "is; one whose row was deleted since is skipped and named."
    )

    def handle(self, *args, **options):
        missing = plan_readings_record(skip_missing=True)
        for row in missing:
            self.stdout.write(
                f"Skipped: {row.model} {'/'.join(map(str, row.key))} is not in the database."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Readings of the plan: {len(PLAN_READINGS) - len(missing)} in place, "
                f"{len(missing)} skipped."
            )
        )
