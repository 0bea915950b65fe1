"""Letter wording as data: YAML templates with `{placeholder}` fields.

`templates/common.yaml` holds labels shared by every letter; one file per kind
(`approval.yaml`, `denial.yaml`, `request_for_information.yaml`) holds the
subject, the signature meaning and an ordered list of sections. A section is
a heading plus paragraphs, or a named component the layout fills in from the
data (the criteria table, the denial reasons, ...). A plan changes its letters
by pointing `load_templates` at a folder with its own copies of these files;
files it does not override come from the package.

Template text may use the small markup reportlab paragraphs understand
(<b>, <i>, <br/>); values put into placeholders are escaped, so a member named
"O'Brien & Sons <x>" prints as typed.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ixreview.letters.errors import TemplateError
from ixreview.letters.model import LetterKind

Component = Literal[
    "re_block",
    "criteria_table",
    "policy_citation",
    "denial_reasons",
    "what_would_change",
    "authorization_table",
    "information_items",
    "signature",
    "cc_block",
]


class _T(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Section(_T):
    heading: str | None = None
    paragraphs: list[str] = Field(default_factory=list)
    component: Component | None = None
    # A section printed only when a placeholder has a value (e.g. a fax number).
    only_if: str | None = None
    # A section left out when a placeholder has a value (the other branch of only_if).
    unless: str | None = None


class KindTemplate(_T):
    subject: str
    meaning: str  # "Approved by", "Denied by", "Requested by"
    sections: list[Section] = Field(min_length=1)
    formats: dict[str, str] = Field(default_factory=dict)


class CommonTemplate(_T):
    month_names: list[str] = Field(min_length=12, max_length=12)
    date_format: str
    datetime_format: str
    labels: dict[str, str]
    status: dict[str, str]
    formats: dict[str, str] = Field(default_factory=dict)
    # Section headings as printed in a policy -> how a letter names them.
    section_names: dict[str, str] = Field(default_factory=dict)
    # Code or acronym -> the words that replace its first use outside policy quotes.
    glossary: dict[str, str] = Field(default_factory=dict)
    # Text replaced everywhere outside policy quotes (e.g. "HCPCS J9207" -> "J9207").
    rewrite: dict[str, str] = Field(default_factory=dict)


class TemplateSet(_T):
    common: CommonTemplate
    kinds: dict[LetterKind, KindTemplate]

    def kind(self, kind: LetterKind) -> KindTemplate:
        return self.kinds[kind]

    def label(self, name: str) -> str:
        try:
            return self.common.labels[name]
        except KeyError:
            raise TemplateError(f"common.yaml: labels.{name} is missing") from None

    def fmt(self, kind: LetterKind | None, name: str) -> str:
        """A format string from the kind's `formats`, falling back to common's."""
        if kind is not None and name in self.kinds[kind].formats:
            return self.kinds[kind].formats[name]
        try:
            return self.common.formats[name]
        except KeyError:
            where = f"{kind.value}.yaml or common.yaml" if kind else "common.yaml"
            raise TemplateError(f"{where}: formats.{name} is missing") from None


_FILES: dict[str, LetterKind | None] = {
    "common.yaml": None,
    "approval.yaml": LetterKind.APPROVAL,
    "denial.yaml": LetterKind.DENIAL,
    "request_for_information.yaml": LetterKind.REQUEST_FOR_INFORMATION,
}


def _read(name: str, override_dir: Path | None) -> tuple[str, str]:
    if override_dir is not None and (override_dir / name).is_file():
        path = override_dir / name
        return str(path), path.read_text(encoding="utf-8")
    source = resources.files("ixreview.letters").joinpath("templates", name)
    return f"templates/{name}", source.read_text(encoding="utf-8")


def _parse(where: str, text: str, model: type[_T]) -> Any:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TemplateError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict):
        raise TemplateError(f"{where}: expected a mapping at the top level")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = ".".join(str(p) for p in first["loc"])
        raise TemplateError(f"{where}: {path}: {first['msg']}") from None


def load_templates(override_dir: Path | None = None) -> TemplateSet:
    """The package templates, with any file found in `override_dir` taking precedence."""
    if override_dir is None:
        return _default_templates()
    return _load(override_dir)


@lru_cache(maxsize=1)
def _default_templates() -> TemplateSet:
    return _load(None)


def _load(override_dir: Path | None) -> TemplateSet:
    common: CommonTemplate | None = None
    kinds: dict[LetterKind, KindTemplate] = {}
    for name, kind in _FILES.items():
        where, text = _read(name, override_dir)
        if kind is None:
            common = _parse(where, text, CommonTemplate)
        else:
            kinds[kind] = _parse(where, text, KindTemplate)
    assert common is not None
    return TemplateSet(common=common, kinds=kinds)


class Markup(str):
    """Text that already is paragraph markup (filled template output): never escaped again."""

    __slots__ = ()


class _Strict(string.Formatter):
    """`str.format` that names the template and placeholder when a value is missing."""

    def __init__(self, where: str) -> None:
        self.where = where

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, int) or key not in kwargs:
            raise TemplateError(f"{self.where}: unknown placeholder {{{key}}}")
        return kwargs[key]


def fill(template: str, values: Mapping[str, object], *, where: str) -> Markup:
    """Put escaped `values` into `template` (which may carry paragraph markup)."""
    safe = {k: v if isinstance(v, Markup) else escape(str(v)) for k, v in values.items()}
    try:
        return Markup(_Strict(where).vformat(template, (), safe))
    except (ValueError, IndexError) as exc:
        raise TemplateError(f"{where}: malformed placeholder in {template!r} ({exc})") from None
