"""What every test shares: nothing is written to the real home folder; a count of parsed files."""

from collections.abc import Iterator

import pytest

from scorecard import loader


@pytest.fixture(autouse=True, scope="session")
def _user_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point the per-user cache key (see scorecard.userkey) at a temporary folder, for this
    process and every command it starts."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The evidence files parsed since the set was last cleared."""
    seen: set[str] = set()
    real = loader.load_yaml_bytes

    def counting(raw, path, **options):
        if path.startswith("evidence/"):
            seen.add(path)
        return real(raw, path, **options)

    monkeypatch.setattr(loader, "load_yaml_bytes", counting)
    return seen
