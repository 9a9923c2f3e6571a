"""A small DOM built with the standard library's html.parser, for asserting what a page shows.

doc = parse(response.content.decode())
[h1.text for h1 in doc.find_all("h1")]
doc.find("nav", class_="language-switcher").find_all("a")
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"

    def get(self, name: str, default: str | None = None) -> str | None:
        value = self.attrs.get(name, default)
        return default if value is None else value

    @property
    def classes(self) -> set[str]:
        return set((self.get("class") or "").split())

    @property
    def text(self) -> str:
        """The text content, whitespace collapsed."""
        parts: list[str] = []

        def collect(node: Element) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    collect(child)

        collect(self)
        return " ".join("".join(parts).split())

    def iter(self) -> Iterator[Element]:
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> list[Element]:
        found = []
        for element in self.iter():
            if tag is not None and element.tag != tag:
                continue
            if class_ is not None and class_ not in element.classes:
                continue
            if any(element.get(name.rstrip("_").replace("_", "-")) != value for name, value in attrs.items()):
                continue
            found.append(element)
        return found

    def find(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None

    def ids(self) -> set[str]:
        return {element.get("id") for element in self.iter() if element.get("id")}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID_ELEMENTS:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str | bytes) -> Element:
    """The document tree of `html`; the returned element is the document itself."""
    if isinstance(html, bytes):
        html = html.decode()
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def html_lang(doc: Element) -> str | None:
    html = doc.find("html")
    return html.get("lang") if html else None
