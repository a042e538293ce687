from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from hearth.accounts import sso
from hearth.core import views as core_views
from hearth.people import urls as people_urls
from hearth.performance import views as performance_views
from hearth.records import views as records_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("sign-in/", core_views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/second-factor/", include("hearth.accounts.urls")),
    # Sign-in through the council's directory (OpenID Connect): 404 unless it is set up.
    path("sign-in/council/", sso.sign_in_start, name="oidc_authentication_init"),
    path("sign-in/council/callback/", sso.sign_in_callback, name="oidc_authentication_callback"),
    path("sign-in/council/refused/", sso.sign_in_refused, name="sso_refused"),
    # The child's page keeps its address and name among the children's pages (people:child_detail),
    # though it is composed by records, above people and every area (hearth/records/child_page.py).
    path(
        "children/",
        include(
            (
                [path("<int:pk>/", records_views.child_page, name="child_detail"), *people_urls.urlpatterns],
                people_urls.app_name,
            )
        ),
    ),
    path("mash/", include("hearth.frontdoor.urls")),
    path("cases/", include("hearth.workforce.urls")),
    path("assessments/", include("hearth.assessment.urls")),
    path("protection/", include("hearth.protection.urls")),
    path("children-in-need/", include("hearth.cin.urls")),
    path("care/", include("hearth.care.urls")),
    path("care/", include("hearth.iro.urls")),
    path("care/", include("hearth.duties.urls")),
    path("care/", include("hearth.leavers.urls")),
    path("care/", include("hearth.missing.urls")),
    path("care/", include("hearth.permanence.urls")),
    path("fostering/", include("hearth.fostering.urls")),
    path("visits/", include("hearth.visits.urls")),
    path("records/", include("hearth.records.urls")),
    path("documents/", include("hearth.documents.urls")),
    path("worklist/", include("hearth.worklists.urls")),
    path("performance/", include("hearth.performance.urls")),
    path("quality/", include("hearth.quality.urls")),
    path("returns/", include("hearth.returns.urls")),
    path("migration/", include("hearth.migration.urls")),
    path("api/indicators/", performance_views.indicators_json, name="api_indicators"),
    path("api/openapi.json", performance_views.openapi_json, name="api_openapi"),
    path("records-governance/", include("hearth.governance.urls")),
    path("admin/", admin.site.urls),
]
