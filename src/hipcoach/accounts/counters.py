"""The cache that rate-limit counts live in: Django's database cache, with an atomic increment.

Every app process shares the database, so a count made by one is seen by all. Django's own
`DatabaseCache.incr` reads then writes, so two processes counting at once could both write the
same number; here the read and the write happen in one transaction that holds the row
(PostgreSQL: `SELECT … FOR UPDATE`; SQLite: the write lock its IMMEDIATE transactions take at
`BEGIN`), so no count is lost.
"""

from __future__ import annotations

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class SharedCounterCache(DatabaseCache):
    def incr(self, key, delta=1, version=None):
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        with transaction.atomic(using=alias):
            if connection.features.has_select_for_update:
                table = connection.ops.quote_name(self._table)
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",
                        [self.make_and_validate_key(key, version=version)],
                    )
            return super().incr(key, delta, version)
