"""The Import page's form (GOV.UK components): the zip of past returns, dry run or load, what to do
with children whose rows are refused, and who holds what is imported."""

from django import forms
from django.contrib.auth import get_user_model

from hearth.core.forms import GovukForm
from hearth.core.roles import Role
from hearth.migration.import_runs import ERROR_UPLOAD_REQUIRED
from hearth.workforce.models import Team, Worker

MODE_DRY_RUN, MODE_LOAD = "dry_run", "load"
BAD_REFUSE, BAD_LEAVE_OUT = "refuse", "leave_out"


class ImportForm(GovukForm):
    upload = forms.FileField(
        label="Your past returns (one zip)",
        help_text=(
            "A zip holding a folder for each collection year, named by it (2024-25), with that year's SSDA903 CSV "
            "files and its children in need census XML file; and, if you have it, the CSV file of children's names and "
            "addresses"
        ),
        error_messages={"required": ERROR_UPLOAD_REQUIRED, "empty": "The zip you chose is empty"},
    )
    mode = forms.ChoiceField(
        label="Dry run or load",
        widget=forms.RadioSelect,
        choices=[
            (MODE_DRY_RUN, "Dry run: check everything and report what would be created, writing nothing"),
            (MODE_LOAD, "Load: create the children and their history"),
        ],
        initial=MODE_DRY_RUN,
        error_messages={"required": "Choose a dry run or a load"},
    )
    bad_children = forms.ChoiceField(
        label="If a child's rows are refused",
        widget=forms.RadioSelect,
        choices=[
            (BAD_REFUSE, "Refuse the whole import, listing every problem"),
            (BAD_LEAVE_OUT, "Import the other children, and list each child left out and why"),
        ],
        initial=BAD_REFUSE,
        error_messages={"required": "Choose what to do with a child whose rows are refused"},
    )
    team = forms.ModelChoiceField(
        label="Team holding the imported cases",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team that holds the imported cases"},
    )
    worker = forms.ModelChoiceField(
        label="Worker the imported cases with assessments are allocated to",
        queryset=Worker.objects.none(),
        empty_label="Choose a worker",
        error_messages={"required": "Choose a worker in that team"},
    )
    chair = forms.ModelChoiceField(
        label="Independent reviewing officer named as chair of imported reviews and conferences",
        queryset=get_user_model().objects.none(),
        empty_label="Choose an IRO",
        error_messages={"required": "Choose an independent reviewing officer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(takes_referrals=True).order_by("name")
        self.fields["worker"].queryset = (
            Worker.objects.filter(holds_cases=True, left_on__isnull=True)
            .select_related("user", "team")
            .order_by("user__last_name", "user__first_name")
        )
        self.fields["worker"].label_from_instance = lambda w: f"{w.user.get_full_name() or w.user.username} ({w.team})"
        self.fields["chair"].queryset = (
            get_user_model().objects.filter(is_active=True, groups__name=Role.IRO.value).order_by("last_name")
        )
        self.fields["chair"].label_from_instance = lambda u: u.get_full_name() or u.username
