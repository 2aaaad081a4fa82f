"""The database cache, with an ``incr()`` that counts right when several processes count.

Django's DatabaseCache inherits ``incr()`` from BaseCache: a ``get()`` and then a
``set()``. Two processes that count at the same moment both read 2 and both write 3, and
the ``set()`` gives the key the default timeout (five minutes) instead of the one it was
added with, so an hourly limit would start again after five minutes. Here ``incr()``
locks the row, adds and writes back the value only: the expiry stays as ``add()`` set it.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        select = "SELECT {value}, {expires} FROM {table} WHERE {key} = %s".format(
            value=quote_name("value"),
            expires=quote_name("expires"),
            table=table,
            key=quote_name("cache_key"),
        )
        if connection.features.has_select_for_update:
            select += " FOR UPDATE"
        # On SQLite the transaction itself is the lock: the portal opens it IMMEDIATE.
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(select, [key])
            row = cursor.fetchone()
            if row is None or self._expired(row[1], connection):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                "UPDATE {table} SET {value} = %s WHERE {key} = %s".format(
                    table=table, value=quote_name("value"), key=quote_name("cache_key")
                ),
                [encoded, key],
            )
        return value

    @staticmethod
    def _expired(expires, connection) -> bool:
        """Whether the row is past its expiry, as ``add()`` decides it: expiries are
        stored in whole seconds and ``add()`` keeps a row through its last second. Were
        this stricter, ``hit()`` in that second would find the key neither addable nor
        countable."""
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression)
        for converter in converters + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < tz_now().replace(microsecond=0)
