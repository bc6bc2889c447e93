"""Stage 3, validate: normalised rows against the constraints in the Table Schemas.

The schemas in datasets/schemas/ say what is required, allowed and well-formed; this module
only reads them. Cells a normaliser already reported are not reported twice."""
from __future__ import annotations

import json
from functools import cache

import pandas as pd

from . import SCHEMAS
from .normalise.common import Cells


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def check(frame: pd.DataFrame, cells: Cells, schema_name: str, *, present: set[str],
          extra_enums: dict[str, list[str]] | None = None) -> None:
    """Report every cell of `frame` that breaks its field's constraints.

    A field the source must supply is reported empty only where the source has the column
    (a missing column was reported once, as column.missing). A field the build fills
    (所属区县, 记录编号, the authority …) is reported empty only on rows with no error yet:
    there, its emptiness is a consequence already explained."""
    extra_enums = extra_enums or {}
    source = _source_required(schema_name)
    for fd in schema(schema_name)["fields"]:
        name = fd["name"]
        if name not in frame.columns:
            continue
        c = fd.get("constraints", {})
        values = frame[name].astype(str)
        empty = values == ""
        failed_here = {i for i, f in cells.failed if f == name}
        failed_rows = {i for i, _ in cells.failed}

        def report(mask, rule, detail="", skip=failed_here):
            for i in mask.to_numpy().nonzero()[0]:
                if int(i) not in skip:
                    cells.at(rule, int(i), name, values.iat[i], detail)

        if c.get("required"):
            if name in source:
                if name in present:
                    report(empty, "value.required")
            else:
                report(empty, "value.required", skip=failed_rows)
        enum = extra_enums.get(name) or c.get("enum")
        if enum:
            report(~empty & ~values.isin(enum), "value.enum", "、".join(enum))
        if "pattern" in c:
            ok = values.str.fullmatch(c["pattern"]).fillna(False).astype(bool)
            report(~empty & ~ok, "value.pattern")
        if "minimum" in c and fd["type"] in ("number", "integer"):
            nums = pd.to_numeric(values.where(~empty), errors="coerce")
            report(nums < c["minimum"], "value.minimum", str(c["minimum"]))


@cache
def _source_required(schema_name: str) -> frozenset[str]:
    """Fields the source itself must supply (required in <name>.columns.yml)."""
    from .columns import spec
    try:
        return frozenset(spec(schema_name).required)
    except FileNotFoundError:
        return frozenset()
