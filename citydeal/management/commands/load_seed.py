from django.core.management.base import BaseCommand

from citydeal.seed import seed_load


class Command(BaseCommand):
    help = "Load the programme document (teams, planning, budgets, cases, partners). Idempotent."

    def handle(self, *args, **options):
        seed_load()
        self.stdout.write(self.style.SUCCESS("Seed data loaded."))
