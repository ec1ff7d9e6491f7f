"""API tokens expire: `expires` is set when a token is made; tokens made before this get the
full lifetime from now."""

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def give_existing_tokens_a_lifetime(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    ends = timezone.now() + dt.timedelta(days=settings.API_TOKEN_DAYS)
    ApiToken.objects.filter(expires__isnull=True).update(expires=ends)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_rate_limit_counts")]
    operations = [
        migrations.AddField(
            model_name="apitoken", name="expires", field=models.DateTimeField(null=True)
        ),
        migrations.RunPython(give_existing_tokens_a_lifetime, migrations.RunPython.noop),
        migrations.AlterField(model_name="apitoken", name="expires", field=models.DateTimeField()),
    ]
