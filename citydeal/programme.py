"""Which programme the portal shows, for the kernel's API base.

The programme is a model of the teams app, which stands above the kernel: the teams app
registers its lookup here when it starts (``TeamsConfig.ready``), so the kernel asks for
the current programme without importing an app.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_lookup: Callable | None = None


def register_programme_lookup(lookup: Callable) -> None:
    global _lookup
    _lookup = lookup


def programme_current():
    """The programme the portal shows (404 if absent), as the registered lookup finds it."""
    if _lookup is None:
        raise ImproperlyConfigured("No app has registered the current programme's lookup.")
    return _lookup()
