"""Users with history are deactivated, never deleted.

Deleting a user would turn "changed by" into "system" on every change they made
(django-simple-history's ``history_user`` is SET_NULL) and fails halfway on the trails
that protect their rows. So a user whom any record names (a history entry, a spending
request or transition, a role change, an admin log entry) cannot be deleted, by the admin
or in code: ``pre_delete`` refuses with the reason. Deactivating (``is_active`` off) ends
the login and keeps every name. A user with no history at all may still be deleted.
"""

from collections.abc import Iterable

from django.contrib.admin.models import LogEntry
from django.db import models, transaction
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from accounts.models import User


class UserHasHistory(ProtectedError):
    """Deleting a user whom the history names; the message says why and what to do."""


def _history_relations() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every relation whose rows name a user as what they did.

    Rows that outlive the user (PROTECT, SET_NULL, DO_NOTHING: trails, history entries,
    spending requests) and the admin's log; not what belongs to the account and goes with
    it (CASCADE: tokens, group memberships, team lead links).
    """
    relations = []
    for relation in User._meta.get_fields(include_hidden=True):
        if not (relation.one_to_many and relation.auto_created):
            continue
        if relation.on_delete is models.CASCADE and relation.related_model is not LogEntry:
            continue
        relations.append((relation.related_model, relation.field.name))
    return relations


def user_history(user: User) -> list[str]:
    """What names the user, as the plural names of those records ("role changes", ...)."""
    names: list[str] = []
    for model, field in _history_relations():
        name = str(model._meta.verbose_name_plural)
        if name not in names and model._base_manager.filter(**{field: user.pk}).exists():
            names.append(name)
    return names


def users_with_history(user_ids: Iterable[int]) -> set[int]:
    """The ids among ``user_ids`` of users whom any record names (a query per relation)."""
    ids = set(user_ids)
    found: set[int] = set()
    for model, field in _history_relations():
        rest = ids - found
        if not rest:
            break
        found.update(
            model._base_manager.filter(**{f"{field}__in": rest})
            .values_list(field, flat=True)
            .distinct()
        )
    return found


def deletion_refused_reason(user: User, history: list[str]) -> str:
    return _(
        "%(user)s cannot be deleted: the history names this user (%(records)s). "
        "Deactivate the account instead; the history keeps the name."
    ) % {"user": user.username, "records": ", ".join(history)}


@receiver(pre_delete, sender=User, dispatch_uid="accounts_refuse_deleting_users_with_history")
def refuse_deleting_users_with_history(sender, instance: User, **kwargs) -> None:
    """``user.delete()`` and ``User.objects.filter(...).delete()`` alike."""
    history = user_history(instance)
    if history:
        raise UserHasHistory(deletion_refused_reason(instance, history), {instance})


@transaction.atomic
def users_deactivate(*, user_ids: list[int]) -> list[User]:
    """Deactivate the users: they can no longer log in, by page or token, and their names
    stay in the history. The ones that were active, now deactivated."""
    users = list(
        User.objects.select_for_update().filter(pk__in=user_ids, is_active=True).order_by("pk")
    )
    for user in users:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return users
