"""Intake-supplied values outside what a laboratory or prescriber could plausibly send.

An upper limit of normal (ULN) decides a hepatic criterion as much as the lab value
itself: `ast_uln: 1000` turns an AST of 200 into 0.2 × ULN. A dose of 1e-7 mg/m²
meets every dosing rule. Such values are not refused (the format allows them) but
never silently decided on: intake lists them as warnings and `flags.review_flags`
sends the request to a physician, so a nurse cannot approve past them.

The ranges are data with their sources: `ixreview/resources/plausibility/ranges.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ixreview.domain.case import Case


@dataclass(frozen=True)
class Range:
    path: str  # case-format field path, "labs.ast_uln"
    low: Decimal
    high: Decimal
    unit: str
    label: str
    source: str


@dataclass(frozen=True)
class Implausible:
    path: str
    message: str


@cache
def ranges() -> tuple[Range, ...]:
    text = (
        resources.files("ixreview")
        .joinpath("resources/plausibility/ranges.yaml")
        .read_text(encoding="utf-8")
    )
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return tuple(
        Range(
            path,
            Decimal(str(spec["low"])),
            Decimal(str(spec["high"])),
            str(spec["unit"]),
            str(spec["label"]),
            " ".join(str(spec["source"]).split()),
        )
        for path, spec in data.items()
    )


def _value(case: Case, path: str) -> float | None:
    section, name = path.split(".")
    value = getattr(getattr(case, section), name)
    return None if value is None else float(value)


def _num(x: Decimal) -> str:
    return f"{x.normalize():f}"


def implausible_inputs(case: Case) -> list[Implausible]:
    """Every intake-supplied limit or dose outside its plausible range, in words."""
    out: list[Implausible] = []
    for r in ranges():
        value = _value(case, r.path)
        if value is None:
            continue
        d = Decimal(str(value))
        if r.low <= d <= r.high:
            continue
        out.append(
            Implausible(
                r.path,
                f"{r.label[0].upper()}{r.label[1:]} is given as {_num(d)} {r.unit}, outside "
                f"the {_num(r.low)}–{_num(r.high)} {r.unit} a laboratory or prescriber "
                "could plausibly send; it may be a unit or typing mistake",
            )
        )
    return out
