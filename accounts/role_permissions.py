"""The Django permissions of the functional admin's group: the admin through its role.

The functional admin (Role.FUNCTIONAL_ADMIN) is staff, not a superuser. The group gives
it what the brief gives it: read every model of the portal; manage users and their roles
(team lead and case owner links through the teams' and cases' pages); unlock accounts
(Axes access attempts); keep the reference data (municipalities, organisations, contact
persons). Groups can be read but not changed: editing a role group's permissions would
turn any role into superuser powers.

Permissions exist only once ``post_migrate`` of each app has run (auth creates them
there), and production runs ``migrate``, never ``seed_demo``. So the group is brought up
to date by a ``post_migrate`` receiver (accounts/apps.py) after every app's migration, and
by ``ensure_role_groups`` in the seed. Only missing permissions are added.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from accounts.models import Role

# Apps whose every model the functional admin reads in the admin.
VIEW_APPS = (
    "accounts",
    "auth",
    "teams",
    "activities",
    "budgets",
    "cases",
    "partners",
    "events",
    "spending",
    "axes",
    "django_tasks_database",
)

# What it changes, by app label, model and actions.
CHANGE = {
    ("accounts", "user"): ("add", "change", "delete"),  # delete: only without history
    ("axes", "accessattempt"): ("delete",),  # deleting the attempts unlocks the account
    ("cases", "municipality"): ("add", "change"),
    ("partners", "organisation"): ("add", "change"),
    ("partners", "contact"): ("add", "change"),
    ("teams", "team"): ("change",),  # its team leads
    ("cases", "case"): ("change",),  # its case owners
}


def functional_admin_permissions() -> "list[Permission]":
    """The permissions of the group, those that exist in the database now."""
    wanted = Q(content_type__app_label__in=VIEW_APPS, codename__startswith="view_")
    for (app_label, model), actions in CHANGE.items():
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    return list(Permission.objects.filter(wanted))


def functional_admin_group_ensure(using: str = "default") -> Group:
    """Create the functional admin's group if missing and add the permissions it lacks."""
    group, _ = Group.objects.using(using).get_or_create(name=Role.FUNCTIONAL_ADMIN.value)
    permissions = Permission.objects.using(using).filter(
        pk__in=[permission.pk for permission in functional_admin_permissions()]
    )
    missing = permissions.exclude(group=group)
    if missing.exists():
        group.permissions.add(*missing)
    return group


def ensure_on_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: after each app's migration its permissions exist."""
    functional_admin_group_ensure(using=using)
