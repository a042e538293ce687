import pytest

from hearth.testing.journeys import make_staff


@pytest.fixture
def staff(db):
    return make_staff()
