"""The Code of Practice status is kept per chapter, with its dates and history, by the obligations
app; its migration 0002 recorded a status for every provider this yes/no field marked before the
field goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0002_rulebook_help_texts"),
        ("obligations", "0002_seed_kinds_periods_and_code_of_practice"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="provider",
            name="code_of_practice_signatory",
        ),
    ]
