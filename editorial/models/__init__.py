"""Editorial models, one module per kind of content."""

from .congress import CongressPage
from .news import ArticlePage, ArticleRelatedLink, ArticleTag, NewsCategory, NewsIndexPage
from .pages import MembersResourcesPage, StandardPage
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

__all__ = [
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "CongressPage",
    "MembersResourcesPage",
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
    "StandardPage",
]
