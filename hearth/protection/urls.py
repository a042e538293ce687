from django.urls import path

from hearth.protection import views

app_name = "protection"
urlpatterns = [
    path("cases/<int:referral_id>/strategy-discussion/", views.strategy_discussion, name="strategy_discussion"),
    path("enquiries/<int:pk>/outcome/", views.section47_outcome, name="section47_outcome"),
    path("enquiries/<int:pk>/book-conference/", views.conference_book, name="conference_book"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/hold/", views.conference_hold, name="conference_hold"),
    path("conferences/<int:pk>/checklist/", views.checklist, name="checklist"),
    path("conferences/<int:pk>/escalate/", views.escalation_raise, name="escalation_raise"),
    path("escalation-stages/<int:pk>/", views.escalation_step, name="escalation_step"),
    path("plans/<int:pk>/review/", views.review_conference, name="review_conference"),
    path("plans/<int:pk>/book-review/", views.review_book, name="review_book"),
    path("plans/<int:pk>/core-group/", views.core_group, name="core_group"),
    path("plans/<int:pk>/end/", views.plan_end, name="plan_end"),
    path("my-conferences/", views.chairs_work, name="chairs_work"),
]
