# The guided seated test read by the phone's own camera (`Method.camera_guided`).

from django.db import migrations, models

METHODS = ("goniometer", "inclinometer", "phone", "sensor", "camera_guided", "camera", "estimate")


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0013_profile_language"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="measurement",
            name="measurement_method_known",
        ),
        migrations.AlterField(
            model_name="measurement",
            name="method",
            field=models.CharField(
                choices=[(m, m.replace("_", " ")) for m in METHODS], max_length=15
            ),
        ),
        migrations.AddConstraint(
            model_name="measurement",
            constraint=models.CheckConstraint(
                condition=models.Q(("method__in", METHODS)),
                name="measurement_method_known",
            ),
        ),
    ]
