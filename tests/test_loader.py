"""Loading and checking data/: clear messages for every kind of mistake."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.loader import DataErrors, check, load_knowledge, read_data
from bot.settings import DEFAULT_DATA, DEFAULT_SEEDS


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, target)
    return target


def edit(path: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(raw)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataErrors) as err:
        load_knowledge(data)
    return [str(p) for p in err.value.problems]


def test_the_real_data_has_no_errors() -> None:
    loaded = read_data(DEFAULT_DATA)
    report = check(loaded, DEFAULT_SEEDS)
    assert loaded.problems == []
    assert report.errors == [], "\n".join(map(str, report.errors))


def test_check_data_exits_0_and_lists_conflicts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-data"]) == 0
    out = capsys.readouterr().out
    assert "FEJL" not in out
    assert "ADVARSEL data/projects/voksenliv.yaml" in out
    assert "kilderne er uenige" in out


def test_loading_all_data_is_fast() -> None:
    started = time.perf_counter()
    load_knowledge(DEFAULT_DATA)
    assert time.perf_counter() - started < 1.0


def test_unknown_field_names_file_and_path(data: Path) -> None:
    edit(data / "projects/voksenliv.yaml", lambda r: r["activities"][0].update(plase="Odense"))
    found = problems(data)
    assert any(
        p.startswith("data/projects/voksenliv.yaml: activities[0]")
        and "plase: er ikke et kendt felt" in p
        for p in found
    ), found


def test_missing_field(data: Path) -> None:
    edit(data / "projects/mestring-born.yaml", lambda r: r.pop("name"))
    assert any("mestring-born.yaml: name: mangler" in p for p in problems(data))


def test_wrong_type_and_bad_date(data: Path) -> None:
    def change(r: dict) -> None:  # type: ignore[type-arg]
        dated = next(a for a in r["activities"] if a.get("occurrences"))
        dated["participants"] = "alle"
        dated["occurrences"][0]["when"] = "31. februar"

    edit(data / "projects/voksenliv.yaml", change)
    found = problems(data)
    assert any("participants: skal være en liste" in p for p in found), found
    assert any("occurrences[0].when" in p and "tidsangivelse" in p for p in found), found


def test_broken_yaml_gives_the_line(data: Path) -> None:
    path = data / "projects/rr2-adhd.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - : [\n", encoding="utf-8")
    found = problems(data)
    assert any(p.startswith("data/projects/rr2-adhd.yaml: linje ") and "YAML" in p for p in found)


def test_missing_project_file(data: Path) -> None:
    (data / "projects/skolefravaer.yaml").unlink()
    assert any("skolefravaer.yaml: mangler" in p for p in problems(data))


def test_cross_references_are_checked(data: Path) -> None:
    def change(r: dict) -> None:  # type: ignore[type-arg]
        r["activities"][0]["phase"] = ["ingen-fase"]
        r["activities"][1]["id"] = r["activities"][2]["id"]
        dated = next(a for a in r["activities"] if a.get("occurrences"))
        dated["occurrences"][0]["when"] = "2030-01"
        dated["occurrences"][0]["source"] = "ukendt-dokument: 1"

    edit(data / "projects/voksenliv.yaml", change)
    report = check(read_data(data), DEFAULT_SEEDS)
    text = "\n".join(map(str, report.errors))
    assert "ukendt fase 'ingen-fase'" in text
    assert "dobbelt id" in text
    assert "2030-01 ligger uden for projektperioden" in text
    assert "ukendt dokument 'ukendt-dokument'" in text


def test_a_quote_that_is_not_in_the_seed_is_an_error(data: Path) -> None:
    edit(
        data / "projects/mestring-born.yaml",
        lambda r: r["sources"].__setitem__(
            0, {"doc": "bilag2-mestring", "section": "x", "quote": "opstartsmødet holdes i Aarhus"}
        ),
    )
    report = check(read_data(data), DEFAULT_SEEDS)
    assert any("citatet står ikke i" in str(p) for p in report.errors)


def test_check_data_exits_1_on_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(data / "strategy.yaml", lambda r: r.update(name=None))
    assert main(["check-data", "--data", str(data)]) == 1
    out = capsys.readouterr().out
    assert "FEJL data/strategy.yaml: name" in out
    assert "Traceback" not in out
