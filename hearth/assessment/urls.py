from django.urls import path

from hearth.assessment import views

app_name = "assessment"
urlpatterns = [
    path("start/<int:referral_id>/", views.start, name="start"),
    path("backlog/", views.backlog, name="backlog"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/record/", views.record, name="record"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/return/", views.return_to_worker, name="return"),
    path("<int:pk>/authorise/", views.authorise, name="authorise"),
    path("<int:pk>/internal-review/", views.internal_review, name="internal_review"),
]
