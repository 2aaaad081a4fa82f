"""The Dutch names of what other packages show in the admin: their apps under our own
app configs (a verbose name they do not translate, or have no Dutch for), and their
texts marked here so that the portal's catalogue (``locale/``, which Django reads before
the packages' own) holds them in Dutch."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_tasks_db.apps import TasksAppConfig


class LoginSecurityConfig(AxesAppConfig):
    """django-axes: failed logins and lockouts."""

    verbose_name = _("Login security")


class TaskQueueConfig(TasksAppConfig):
    """The database backend of django-tasks: the mail queue."""

    verbose_name = _("Task queue")


# The models' names of django-axes (no Dutch catalogue of its own) and django-tasks-db,
# and three column headings of Django's admin index that its Dutch catalogue lacks.
THIRD_PARTY_TEXTS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
)
