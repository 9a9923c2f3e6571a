"""The site's URLs as `make run` serves them (DEBUG): with the uploaded files under /media/."""

from config.urls import media_urlpatterns
from config.urls import urlpatterns as site_urlpatterns

handler404 = "editorial.views.page_not_found"
handler500 = "editorial.views.server_error"

urlpatterns = media_urlpatterns() + site_urlpatterns
