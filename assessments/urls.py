from django.urls import path

from assessments import views

urlpatterns = [
    path("assignments/<int:assignment_id>/", views.assignment_page, name="assignment"),
    path("assignments/<int:assignment_id>/autosave/", views.autosave, name="assignment_autosave"),
]
