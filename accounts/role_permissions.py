"""The Django permissions of the role groups: the admin through a role, not superuser powers.

The functional admin (Role.FUNCTIONAL_ADMIN) is staff, not a superuser. Its group gives it
what the brief gives it: read every model of the portal; manage users and their roles
(team lead and case owner links on the teams' and cases' pages); unlock accounts (Axes
access attempts); keep the reference data (municipalities, organisations, contact
persons). Groups are read, never changed, in the admin: editing a role group's
permissions would turn a role into superuser powers.

The other roles get the admin permissions of the writes their services allow them
(the core team: budget lines, budget space, decisions, events; team leads: goals,
activities, related programmes; case owners: cases). They matter only for an account
that is also staff; the services' rules still decide per object.

Permissions exist only once ``post_migrate`` of each app has run (auth creates them
there), and production runs ``migrate``, never ``seed_demo``. So the groups are brought
up to date by a ``post_migrate`` receiver (accounts/apps.py) after every app's
migration, and by ``ensure_role_groups`` in the seed. Missing permissions are added;
none is taken away.
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
    "workshops",
    "reporting",
    "axes",
    "django_tasks_database",
)

# The programme's data, read by every role that writes some of it in the admin.
DOMAIN_APPS = ("teams", "activities", "budgets", "cases", "partners", "events")

# What each role may do in the admin besides, by (app label, model): actions.
GRANTS: dict[Role, dict[tuple[str, str], tuple[str, ...]]] = {
    Role.FUNCTIONAL_ADMIN: {
        ("accounts", "user"): ("add", "change", "delete"),  # delete: only without history
        ("axes", "accessattempt"): ("delete",),  # deleting the attempts unlocks
        ("cases", "municipality"): ("add", "change"),
        ("partners", "organisation"): ("add", "change"),
        ("partners", "contact"): ("add", "change"),
        ("teams", "team"): ("change",),  # its team leads
        ("cases", "case"): ("change",),  # its case owners
        ("citydeal", "reading"): ("view", "change"),  # the portal's readings of the plan
    },
    Role.CORE_TEAM: {
        ("budgets", "budgetline"): ("view", "change"),
        ("budgets", "budgetspace"): ("view", "change"),
        ("budgets", "decision"): ("view", "add"),
        ("events", "event"): ("view", "add", "change"),
        ("cases", "municipality"): ("view", "add", "change"),
        ("partners", "organisation"): ("view", "add", "change"),
        ("partners", "contact"): ("view", "add", "change"),
    },
    Role.TEAM_LEAD: {
        ("teams", "goal"): ("view", "change"),
        ("activities", "activity"): ("view", "add", "change"),
        ("partners", "relatedprogramme"): ("view", "change"),
    },
    Role.CASE_OWNER: {
        ("cases", "case"): ("view", "change"),
    },
}


def role_permissions(role: Role, using: str = "default"):
    """The permissions of ``role``'s group, those that exist in the database now."""
    wanted = Q(pk__in=[])
    if role == Role.FUNCTIONAL_ADMIN:
        wanted |= Q(content_type__app_label__in=VIEW_APPS, codename__startswith="view_")
    elif role in GRANTS:
        # The rows their forms pick from (autocomplete asks for the view permission).
        wanted |= Q(content_type__app_label__in=DOMAIN_APPS, codename__startswith="view_")
    for (app_label, model), actions in GRANTS.get(role, {}).items():
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    return Permission.objects.using(using).filter(wanted)


def role_groups_ensure(using: str = "default") -> dict[Role, Group]:
    """Create the role groups if missing and add the permissions they lack."""
    groups = {}
    for role in Role:
        group, _ = Group.objects.using(using).get_or_create(name=role.value)
        missing = list(role_permissions(role, using).exclude(group=group))
        if missing:
            group.permissions.add(*missing)
        groups[role] = group
    return groups


def ensure_on_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: after each app's migration, its permissions exist."""
    role_groups_ensure(using=using)
