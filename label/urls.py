from django.urls import re_path

from . import views

app_name = "label"

urlpatterns = [
    re_path(
        r"^label/palmares/(?P<year>\d{4})/palmares-(?P<file_year>\d{4})\.(?P<fmt>csv|json)$",
        views.palmares_download,
        name="palmares_download",
    ),
]
