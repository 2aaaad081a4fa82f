"""Record every role assignment (groups, team lead links, case owner links) in the
append-only RoleChange trail, and log logins, failed logins and logouts."""

import logging
import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from knox.models import AuthToken
from simple_history.models import HistoricalRecords

from accounts.models import Role, RoleChange, RoleChangeAction, User
from citydeal.logsafe import log_safe
from citydeal.middleware import LAST_SEEN_KEY, LOGIN_TIME_KEY

security_log = logging.getLogger("citydeal.security")


def _actor():
    """The user of the request in progress (set by simple_history's middleware), if any."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _record(*, user_ids, action, role, subject=""):
    by = _actor()
    RoleChange.objects.bulk_create(
        RoleChange(by=by, user_id=user_id, action=action, role=role, subject=subject)
        for user_id in user_ids
    )


_ACTIONS = {"post_add": RoleChangeAction.ADDED, "pre_remove": RoleChangeAction.REMOVED}


@receiver(m2m_changed, sender=User.groups.through)
def record_group_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action == "pre_clear":
        # clear() gives no pk_set: record what is about to go.
        pk_set = set(
            (instance.groups if not reverse else instance.user_set).values_list("pk", flat=True)
        )
        action = "pre_remove"
    if action not in _ACTIONS or not pk_set:
        return
    from django.contrib.auth.models import Group

    if reverse:  # group.user_set.add(users)
        roles = {instance.name}
        users = pk_set
    else:  # user.groups.add(groups)
        roles = set(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
        users = {instance.pk}
    for role in roles & set(Role.values):
        _record(user_ids=users, action=_ACTIONS[action], role=role)


def _link_receiver(role: Role, *, forward_attr: str, reverse_attr: str):
    """A receiver for Team.leads / Case.owners: forward is team.leads, reverse user.led_teams."""

    def receive(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action == "pre_clear":
            related = getattr(instance, reverse_attr if reverse else forward_attr)
            pk_set = set(related.values_list("pk", flat=True))
            action = "pre_remove"
        if action not in _ACTIONS or not pk_set:
            return
        if reverse:  # user.led_teams.add(teams)
            for subject in model.objects.filter(pk__in=pk_set):
                _record(
                    user_ids={instance.pk}, action=_ACTIONS[action], role=role, subject=str(subject)
                )
        else:  # team.leads.add(users)
            _record(user_ids=pk_set, action=_ACTIONS[action], role=role, subject=str(instance))

    return receive


def connect_role_link(link, role: Role, *, reverse_attr: str) -> None:
    """Keep the trail of a link that gives a role its subject (``Team.leads``,
    ``Case.owners``). The app that owns the link calls this when it starts, so accounts
    imports none of them."""
    m2m_changed.connect(
        _link_receiver(role, forward_attr=link.field.name, reverse_attr=reverse_attr),
        sender=link.through,
        weak=False,
        dispatch_uid=f"rolechange-{link.field.model._meta.label_lower}-{link.field.name}",
    )


@receiver(user_logged_in)
def stamp_login_time(sender, request, user, **kwargs):
    """Note the login time in the session: SessionLifetimeMiddleware ends it 10 hours later."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_TIME_KEY] = now
        request.session[LAST_SEEN_KEY] = now


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    security_log.info("login user=%s ip=%s", log_safe(user.username), _client_ip(request))


@receiver(user_logged_out)
def log_logout(sender, request, user, **kwargs):
    security_log.info(
        "logout user=%s ip=%s", log_safe(getattr(user, "username", "-")), _client_ip(request)
    )


@receiver(user_login_failed)
def log_login_failed(sender, credentials, request=None, **kwargs):
    security_log.warning(
        "login failed user=%s ip=%s",
        log_safe(credentials.get("username", "-")),
        _client_ip(request),
    )


@receiver(pre_save, sender=User)
def revoke_api_token_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """A new password ends the API tokens too: whoever had the old one loses access."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return  # e.g. last_login at every login: no look-up needed
    old_password = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old_password is not None and old_password != instance.password:
        AuthToken.objects.filter(user_id=instance.pk).delete()
