"""Shared fixtures: the knowledge from data/ and the seed texts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.loader import Knowledge, load_knowledge
from bot.settings import DEFAULT_DATA, DEFAULT_SEEDS
from tests.localbot import LocalBot


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge(DEFAULT_DATA)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert DEFAULT_SEEDS.is_dir(), f"the seed documents are expected in {DEFAULT_SEEDS}"
    return DEFAULT_SEEDS


@pytest.fixture(scope="session")
def seed_text(kb: Knowledge, seeds_dir: Path) -> Callable[[str], str]:
    def read(doc_id: str) -> str:
        return (seeds_dir / kb.documents[doc_id].seed).read_text(encoding="utf-8")

    return read


@pytest.fixture(scope="module")
def local_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBot]:
    """The real bot in local mode, shared by the tests of one module (use distinct user ids)."""
    bot = LocalBot(tmp_path_factory.mktemp("bot")).start()
    yield bot
    bot.stop()
