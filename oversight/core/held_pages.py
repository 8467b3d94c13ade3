"""What a web process answered lately, held in its memory for
PUBLIC_PAGES_IN_MEMORY_SECONDS so that the busiest kept pages are answered
without the database. Held from when it was read from the database:
answering from memory does not extend it, or a page busy for longer would
never see another process's publication."""

from time import monotonic
from typing import Generic, TypeVar

from django.conf import settings

Page = TypeVar("Page")


class Held(Generic[Page]):
    def __init__(self, most: int = 500) -> None:
        self.most = most
        self._held: dict[str, tuple[float, Page]] = {}

    def get(self, path: str) -> Page | None:
        found = self._held.get(path)
        if found is None or monotonic() - found[0] > settings.PUBLIC_PAGES_IN_MEMORY_SECONDS:
            return None
        return found[1]

    def hold(self, path: str, page: Page) -> None:
        """`page` as just read from the database (or just kept there)."""
        if not settings.PUBLIC_PAGES_IN_MEMORY_SECONDS:
            return
        if len(self._held) >= self.most:
            self._held.clear()
        self._held[path] = (monotonic(), page)

    def clear(self) -> None:
        self._held.clear()
