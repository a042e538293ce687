from django.urls import path

from hearth.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.index, name="index"),
    path("published/", views.published, name="published"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("quarterly/report.pdf", views.quarterly_pdf, name="quarterly_pdf"),
    path("quarterly/workbook.xlsx", views.quarterly_workbook, name="quarterly_workbook"),
    path("published/<int:pk>/", views.published_month, name="published_month"),
    path("published/<int:pk>/workbook.xlsx", views.published_workbook, name="published_workbook"),
    path("published/<int:pk>/report.pdf", views.published_month_pdf, name="published_month_pdf"),
    path("published/<int:pk>/changes/", views.published_changes, name="published_changes"),
    path("published/<int:pk>/pdf/<slug:report>/", views.report_pdf, name="report_pdf"),
    path("published/<int:pk>/corporate-parenting/", views.corporate_parenting, name="corporate_parenting"),
    path("published/<int:pk>/corporate-parenting.pdf", views.corporate_parenting_pdf, name="corporate_parenting_pdf"),
    path(
        "published/<int:pk>/corporate-parenting.xlsx",
        views.corporate_parenting_workbook,
        name="corporate_parenting_workbook",
    ),
    path("commentary/<str:indicator_id>/<str:month>/", views.commentary_edit, name="commentary_edit"),
    path("targets/", views.targets, name="targets"),
    path("population/", views.population, name="population"),
    path("targets/<str:indicator_id>/<int:year>/", views.target_edit, name="target_edit"),
    path("<str:indicator_id>/", views.drilldown, name="drilldown"),
]
