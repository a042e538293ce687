from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from hearth.simulate.council import COUNCIL_NAME, DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo council's sign-ins, one per role."

    def handle(self, *args, **options):
        existing = set(
            get_user_model().objects.filter(username__in=[d[0] for d in DEMO_LOGINS]).values_list("username", flat=True)
        )
        if not existing:
            self.stdout.write("No demo council here: run `manage.py simulate` first.")
            return
        self.stdout.write(f"{COUNCIL_NAME} (synthetic). Sign in as any of these; the password is {DEMO_PASSWORD}")
        for username, first, last, role, _team, title in DEMO_LOGINS:
            if username in existing:
                self.stdout.write(f"  {username:<11} {role.value:<32} {first} {last}, {title}")
