"""API tokens moved from DRF's authtoken (stored in clear) to django-rest-knox (stored as
a digest). DRF's table is dropped with every token in it, and its migration records go,
so the app could be installed again from scratch. Users ask for a new token."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_cache_table")]

    operations = [
        migrations.RunSQL(
            [
                "DROP TABLE IF EXISTS authtoken_token",
                "DELETE FROM django_migrations WHERE app = 'authtoken'",
            ],
            migrations.RunSQL.noop,
        )
    ]
