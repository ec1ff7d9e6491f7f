"""Rate-limit counts in a table of their own (an atomic upsert, a plain read), and sessions
that know whose they are.

The counts were kept in Django's database cache (`hipcoach_rate_limits`), whose reads delete
expired rows and whose first count of a key could fail on a duplicate key; that table is
dropped (its counts, at most two hours' worth, start again). The live sessions of Django's own
table are moved into the new one, each marked with its person, so nobody is logged out.
"""

from django.db import migrations, models


def move_sessions(apps, schema_editor):
    from django.contrib.sessions.backends.db import SessionStore as Old
    from django.utils import timezone

    from hipcoach.accounts.sessions import user_id_of

    alias = schema_editor.connection.alias
    if "django_session" not in schema_editor.connection.introspection.table_names():
        return
    Session = apps.get_model("sessions", "Session")
    PersonSession = apps.get_model("accounts", "PersonSession")
    decode = Old().decode
    live = Session.objects.using(alias).filter(expire_date__gt=timezone.now())
    batch = []
    for row in live.iterator(chunk_size=2000):
        batch.append(
            PersonSession(
                session_key=row.session_key,
                session_data=row.session_data,
                expire_date=row.expire_date,
                user_id=user_id_of(decode(row.session_data)),
            )
        )
        if len(batch) >= 2000:
            PersonSession.objects.using(alias).bulk_create(batch, ignore_conflicts=True)
            batch = []
    PersonSession.objects.using(alias).bulk_create(batch, ignore_conflicts=True)
    Session.objects.using(alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_token_expiry"), ("sessions", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="PersonSession",
            fields=[
                (
                    "session_key",
                    models.CharField(
                        max_length=40, primary_key=True, serialize=False, verbose_name="session key"
                    ),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(db_index=True, verbose_name="expire date")),
                ("user_id", models.BigIntegerField(db_index=True, null=True)),
            ],
            options={
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="RateCount",
            fields=[
                ("name", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("count", models.IntegerField()),
                ("started", models.FloatField()),
                ("last", models.FloatField()),
                ("expires", models.FloatField(db_index=True)),
            ],
        ),
        migrations.RunPython(move_sessions, migrations.RunPython.noop),
        migrations.RunSQL("DROP TABLE IF EXISTS hipcoach_rate_limits", migrations.RunSQL.noop),
    ]
