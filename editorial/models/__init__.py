"""Editorial models, one module per kind of content."""

from .congress import CongressPage
from .news import ArticlePage, ArticleRelatedLink, ArticleTag, NewsCategory, NewsIndexPage
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
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "BasePage",
    "CongressPage",
    "NewsCategory",
    "NewsIndexPage",
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
