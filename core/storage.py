"""Storage of the files only their owners may read (private generated documents, uploads):
outside MEDIA_ROOT, with no URL; a view that checks who asks hands them out.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT`` (read at each use), never given an address."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(
            "private files have no public address; hand them out through a view that checks who asks"
        )


def private_storage() -> PrivateStorage:
    """A callable, so that migrations do not record a path."""
    return PrivateStorage()
