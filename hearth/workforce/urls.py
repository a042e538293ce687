from django.urls import path

from hearth.workforce import views, views_caseloads, views_exceptions, views_supervision

app_name = "workforce"
urlpatterns = [
    path("caseloads/weekly/", views_caseloads.weekly_caseloads, name="weekly_caseloads"),
    path("exceptions/weekly/", views_exceptions.weekly_exceptions_page, name="weekly_exceptions"),
    path("workers/", views_caseloads.workers, name="workers"),
    path("workers/<int:worker_id>/employment/", views_caseloads.worker_employment, name="worker_employment"),
    path("workers/<int:worker_id>/supervision/", views_supervision.worker_supervision, name="worker_supervision"),
    path("teams/<int:team_id>/establishment/", views_caseloads.team_establishment, name="team_establishment"),
    path("<int:referral_id>/allocate/", views.allocate, name="allocate"),
    path("<int:referral_id>/close/", views.close, name="close"),
    path("<int:referral_id>/transfer/", views.transfer, name="transfer"),
    path(
        "<int:referral_id>/allocations/<int:allocation_id>/reason/",
        views.allocation_reason,
        name="allocation_reason",
    ),
]
