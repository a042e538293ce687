from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from hearth.core import views as core_views
from hearth.performance import views as performance_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("sign-in/", core_views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/second-factor/", include("hearth.accounts.urls")),
    path("children/", include("hearth.people.urls")),
    path("mash/", include("hearth.frontdoor.urls")),
    path("cases/", include("hearth.workforce.urls")),
    path("assessments/", include("hearth.assessment.urls")),
    path("protection/", include("hearth.protection.urls")),
    path("children-in-need/", include("hearth.cin.urls")),
    path("care/", include("hearth.care.urls")),
    path("care/", include("hearth.iro.urls")),
    path("care/", include("hearth.duties.urls")),
    path("care/", include("hearth.leavers.urls")),
    path("visits/", include("hearth.visits.urls")),
    path("records/", include("hearth.records.urls")),
    path("documents/", include("hearth.documents.urls")),
    path("worklist/", include("hearth.worklists.urls")),
    path("performance/", include("hearth.performance.urls")),
    path("quality/", include("hearth.quality.urls")),
    path("api/indicators/", performance_views.indicators_json, name="api_indicators"),
    path("api/openapi.json", performance_views.openapi_json, name="api_openapi"),
    path("records-governance/", include("hearth.audit.urls")),
    path("admin/", admin.site.urls),
]
