"""What every app's rules are made of: the ``Verdict`` and the role predicates.

A rule returns a ``Verdict``: truthy when allowed, and otherwise carrying the reason the
user sees as the 403 message. Each app keeps its own rules in its ``permissions.py``;
they build on the predicates here, which look only at the user (its groups, and the
team and case links the user has), so this module imports no app.
"""

from dataclasses import dataclass

from citydeal.roles import Role


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


def deny(reason) -> Verdict:
    return Verdict(False, str(reason))


# -- predicates on the user alone (cached on the user object for one request) --------


def active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_any_role(user) -> bool:
    return active(user) and (user.is_superuser or any(user.has_role(role) for role in Role))


def is_core_team(user) -> bool:
    return active(user) and user.has_role(Role.CORE_TEAM)


def is_director(user) -> bool:
    return active(user) and user.has_role(Role.DIRECTOR)


def is_team_lead(user) -> bool:
    return active(user) and user.has_role(Role.TEAM_LEAD)


def is_case_owner(user) -> bool:
    return active(user) and user.has_role(Role.CASE_OWNER)


def is_functional_admin(user) -> bool:
    return (
        active(user)
        and user.is_staff
        and (user.is_superuser or user.has_role(Role.FUNCTIONAL_ADMIN))
    )


def linked(user, relation: str) -> list:
    """The objects behind one of the user's role links (``led_teams``, ``owned_cases``),
    read once per user object: the rules and the navigation share the one query."""
    cache = f"_{relation}_rows"
    rows = getattr(user, cache, None)
    if rows is None:
        rows = list(getattr(user, relation).all())
        setattr(user, cache, rows)
    return rows


def _linked_ids(user, relation: str) -> frozenset[int]:
    """The keys behind one of the user's role links, read once per user object."""
    return frozenset(row.pk for row in linked(user, relation))


def led_team_ids(user) -> frozenset[int]:
    """The keys of the teams the user leads (the ``led_teams`` link), for team leads."""
    return _linked_ids(user, "led_teams") if is_team_lead(user) else frozenset()


def owned_case_ids(user) -> frozenset[int]:
    """The keys of the cases the user owns (the ``owned_cases`` link), for case owners."""
    return _linked_ids(user, "owned_cases") if is_case_owner(user) else frozenset()
