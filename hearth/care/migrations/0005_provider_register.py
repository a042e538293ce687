"""The register of placement providers (Provider), and the placement's derived local authority.

A placement will name its provider in the register instead of holding a carer's name, a provider
code and a URN as free text: this migration adds the register and the placement's link to it
(empty until 0006 fills it), the placement's local authority (PL_LA, derived from its postcode) and
lets `inside_council_area` be not known. Placement types take the DfE's 2025-26 list (K3, Z11-Z14)
while keeping the codes that left it (H5, P2, Z1) on placements recorded with them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

PLACEMENT_TYPES = [
    ("U1", "U1: foster placement with a relative or friend, long term"),
    ("U2", "U2: foster placement with a relative or friend, fostering for adoption or concurrent planning"),
    ("U3", "U3: foster placement with a relative or friend, other"),
    ("U4", "U4: foster placement with another carer, long term"),
    ("U5", "U5: foster placement with another carer, fostering for adoption or concurrent planning"),
    ("U6", "U6: foster placement with another carer, other"),
    ("A3", "A3: placed for adoption with consent, with the current foster carer"),
    ("A4", "A4: placed for adoption with consent, not with the current foster carer"),
    ("A5", "A5: placed for adoption under a placement order, with the current foster carer"),
    ("A6", "A6: placed for adoption under a placement order, not with the current foster carer"),
    ("K1", "K1: secure children's home"),
    ("K2", "K2: children's home"),
    ("K3", "K3: supported accommodation registered with Ofsted (16 and over)"),
    ("P1", "P1: with parents or another person with parental responsibility"),
    ("P3", "P3: residential employment"),
    ("R1", "R1: residential care home"),
    ("R2", "R2: NHS trust or other medical or nursing establishment"),
    ("R3", "R3: family centre or mother and baby unit"),
    ("R5", "R5: young offender institution or prison"),
    ("S1", "S1: residential school"),
    ("T0", "T0: temporary move, any type"),
    ("T1", "T1: temporary: in hospital"),
    ("T2", "T2: temporary: child on holiday"),
    ("T3", "T3: temporary: foster carer on holiday"),
    ("T4", "T4: temporary: seven days or less, other reason"),
    ("Z11", "Z11: other placement (DfE code Z11)"),
    ("Z12", "Z12: other placement (DfE code Z12)"),
    ("Z13", "Z13: other placement (DfE code Z13)"),
    ("Z14", "Z14: other placement (DfE code Z14)"),
    ("H5", "H5: semi-independent or supported accommodation (before 2025-26)"),
    ("P2", "P2: independent living (before 2025-26)"),
    ("Z1", "Z1: other placement (before 2025-26)"),
]
PROVIDER_CODES = [
    ("PR0", "PR0: parent or other person with parental responsibility"),
    ("PR1", "PR1: this council's own provision"),
    ("PR2", "PR2: another council's provision"),
    ("PR3", "PR3: other public provision (for example the NHS)"),
    ("PR4", "PR4: private provision"),
    ("PR5", "PR5: voluntary or third sector provision"),
]
KINDS = [
    ("COUNCIL_FOSTER", "The council's foster carers (a household)"),
    ("AGENCY_FOSTER", "Foster carers with an independent fostering agency (a household)"),
    ("FOSTERING_AGENCY", "Independent fostering agency"),
    ("ADOPTERS", "Adopters (a household)"),
    ("CHILDRENS_HOME", "Children's home"),
    ("SUPPORTED", "Supported accommodation"),
    ("OTHER_COUNCIL", "Another council's provision"),
    ("OTHER_SETTING", "Other setting (school, hospital, family centre, custody)"),
    ("PARENTS", "Parents or others with parental responsibility"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("care", "0004_content_types_follow_the_moved_models"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Provider",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=KINDS, max_length=20)),
                (
                    "name",
                    models.CharField(
                        help_text="The carers' names, or the name of the home or setting", max_length=200
                    ),
                ),
                (
                    "provider_code",
                    models.CharField(choices=PROVIDER_CODES, max_length=3, verbose_name="provider (PLACE_PROVIDER)"),
                ),
                (
                    "urn",
                    models.CharField(
                        blank=True,
                        help_text="The setting's or the fostering service's Ofsted number",
                        max_length=8,
                        verbose_name="Ofsted URN",
                    ),
                ),
                (
                    "postcode",
                    models.CharField(blank=True, help_text="The setting's postcode (blank for a household)", max_length=8),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "agency",
                    models.ForeignKey(
                        blank=True,
                        help_text="For an agency's foster carers: their independent fostering agency",
                        limit_choices_to={"kind": "FOSTERING_AGENCY"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="households",
                        to="care.provider",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "ordering": ["name", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("provider_code__in", [code for code, _ in PROVIDER_CODES])),
                        name="provider_code_in_code_list",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", [kind for kind, _ in KINDS])), name="provider_kind_in_list"
                    ),
                    models.CheckConstraint(condition=models.Q(("name", ""), _negated=True), name="provider_has_name"),
                ],
            },
        ),
        migrations.AddField(
            model_name="placement",
            name="provider_record",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="placements", to="care.provider"
            ),
        ),
        migrations.AddField(
            model_name="placement",
            name="local_authority",
            field=models.CharField(
                blank=True,
                help_text="Derived from the placement postcode",
                max_length=9,
                verbose_name="local authority of the placement",
            ),
        ),
        migrations.AlterField(
            model_name="placement",
            name="inside_council_area",
            field=models.BooleanField(
                help_text="Whether the placement is inside the council's own area (derived; None: not known)",
                null=True,
            ),
        ),
        migrations.RemoveConstraint(model_name="placement", name="placement_type_in_code_list"),
        migrations.AlterField(
            model_name="placement",
            name="placement_type",
            field=models.CharField(choices=PLACEMENT_TYPES, max_length=3),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(("placement_type__in", [code for code, _ in PLACEMENT_TYPES])),
                name="placement_type_in_code_list",
            ),
        ),
    ]
