"""The table of the database cache (CACHES, by default ``dbcache://cdor_cache``), which
every process shares for its limits and counters: made by ``migrate``, so no set-up
(demo, tests, production) can forget ``createcachetable``. With Redis it makes nothing."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_rolechange")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
