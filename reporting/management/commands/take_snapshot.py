from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from reporting.services import snapshot_create
from teams.selectors import programme_current


class Command(BaseCommand):
    help = (
        "Freeze the current programme's state as a snapshot, as a core team member does on "
        "the snapshots page (the same rule and service): e.g. before a meeting of the "
        'directors, `take_snapshot --by kernteam1 "Update directeurenoverleg 24 maart"`.'
    )

    def add_arguments(self, parser):
        parser.add_argument("title", help="The snapshot's title (one line).")
        parser.add_argument("--by", required=True, help="The username of a core team member.")

    def handle(self, *args, title: str, by: str, **options):
        user = User.objects.filter(username=by).first()
        if user is None:
            raise CommandError(f"No user {by!r}.")
        try:
            snapshot = snapshot_create(programme=programme_current(), by=user, title=title)
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Snapshot {snapshot.pk} taken: {snapshot.title}"))
