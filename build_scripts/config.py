"""Publisher settings: datasets/publisher.yml, checked against its JSON Schema."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import jsonschema
import yaml

from . import SCHEMAS
from .problems import Problem, problem


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message_en for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    authority: str
    uscc: str
    marks: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass
class Publisher:
    data: dict
    path: Path

    @property
    def name(self) -> str:
        return self.data["publisher"]["name"]

    @property
    def uscc(self) -> str:
        return self.data["publisher"]["uscc"]

    @property
    def site(self) -> dict:
        return self.data["site"]

    @property
    def site_url(self) -> str:
        return self.data["site"]["url"]

    @property
    def sample_data(self) -> bool:
        return bool(self.data["sample_data"])

    @property
    def publicity(self) -> dict:
        return self.data["publicity"]

    @property
    def masking(self) -> dict:
        return self.data["masking"]

    @property
    def licence(self) -> dict:
        return self.data["licence"]

    @cached_property
    def units(self) -> list[Unit]:
        return [
            Unit(
                code=u["code"], name=u["name"], authority=u["authority"],
                uscc=u.get("uscc") or self.uscc,
                marks=tuple(u.get("marks", [])), aliases=tuple(u.get("aliases", [])),
            )
            for u in self.data["units"]
        ]

    @cached_property
    def docno_rules(self):
        """Which spellings of a decision number are one number (normalise.values.parse_docno)."""
        from .normalise.values import DocnoRules
        return DocnoRules(organs=tuple(self.data.get("docno", {}).get("organs", [])),
                          marks=frozenset(m for u in self.units for m in u.marks))

    @cached_property
    def unit_by_mark(self) -> dict[str, Unit]:
        return {m: u for u in self.units for m in u.marks}

    @cached_property
    def home_unit(self) -> Unit:
        """The unit whose decisions carry no county mark: the publisher itself."""
        for u in self.units:
            if not u.marks:
                return u
        return self.units[0]

    def unit_for_authority(self, authority: str) -> Unit | None:
        """The unit named by a 处罚机关 field: its exact authority name, else the longest alias
        found in it. Branches are tried before the home unit, whose name they contain."""
        authority = authority.strip()
        for u in self.units:
            if authority == u.authority:
                return u
        for group in ([u for u in self.units if u is not self.home_unit], [self.home_unit]):
            found = [(len(a), u) for u in group for a in (u.authority, *u.aliases) if a and a in authority]
            if found:
                return max(found, key=lambda f: f[0])[1]
        return None


def load(path: Path) -> Publisher:
    """Read and check publisher.yml; raise ConfigError with problem records if it is wrong."""
    shown = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError([problem("config.invalid", file=shown, detail="文件不存在 file not found")])
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ConfigError([problem("config.invalid", file=shown, detail=str(e).splitlines()[0])])
    schema = json.loads((SCHEMAS / "publisher.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise ConfigError([
            problem("config.invalid", file=shown,
                    column=".".join(str(p) for p in e.absolute_path), detail=e.message)
            for e in errors
        ])
    pub = Publisher(data=data, path=Path(path))
    marks = [m for u in pub.units for m in u.marks]
    if len(marks) != len(set(marks)):
        raise ConfigError([problem("config.invalid", file=shown, column="units",
                                   detail="同一区县标记用于多个单位 a mark is used by several units")])
    return pub
