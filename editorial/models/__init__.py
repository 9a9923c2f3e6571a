"""Editorial models, one module per kind of content."""

from .pages import BasePage, StandardPage
from .press import (
    PressContact,
    PressKitArchive,
    PressKitContact,
    PressKitDocument,
    PressKitPage,
    PressKitPhoto,
    PressReleaseContact,
    PressReleaseDocument,
    PressReleasePage,
    PressReleasePdf,
    PressRoomContact,
    PressRoomPage,
)
from .site_settings import SiteSettings, SocialLinkBlock

__all__ = [
    "BasePage",
    "PressContact",
    "PressKitArchive",
    "PressKitContact",
    "PressKitDocument",
    "PressKitPage",
    "PressKitPhoto",
    "PressReleaseContact",
    "PressReleaseDocument",
    "PressReleasePage",
    "PressReleasePdf",
    "PressRoomContact",
    "PressRoomPage",
    "SiteSettings",
    "SocialLinkBlock",
    "StandardPage",
]
