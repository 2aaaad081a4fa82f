"""Queueing background tasks (django-tasks) so that a task exists exactly when the write
that asked for it does."""

from django.db import router, transaction


def enqueue_with_transaction(task, *, model, **kwargs) -> None:
    """Queue ``task`` with ``kwargs`` as part of the current transaction's write of ``model``.

    A queue in the database takes the task row in this transaction: it commits with the
    write or rolls back with it, and a connection that drops after the commit (before any
    on_commit hook runs) cannot lose it. A queue outside the database (the immediate
    backend of the demo and the tests sends at once) only hears of the write after the
    commit, so a rolled-back write never sends mail.
    """
    if queue_in_transaction(task.get_backend(), model=model):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))


def queue_in_transaction(backend, *, model) -> bool:
    """Whether ``backend`` stores its tasks in the database that holds ``model``."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    return isinstance(backend, DatabaseBackend) and router.db_for_write(
        DBTaskResult
    ) == router.db_for_write(model)
