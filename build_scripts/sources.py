"""Where inputs live: datasets/sources/{penalties,decisions,reports,withdrawals}/.

Any number of files of any year per folder. Skipped: hidden files, README files, Office
lock files (~$…) and sidecars (*.meta.yml, which describe the file beside them)."""
from __future__ import annotations

from pathlib import Path

from .combine import export_order

KINDS = ("penalties", "decisions", "reports", "withdrawals")


def is_source(path: Path) -> bool:
    name = path.name
    return path.is_file() and not (
        name.startswith((".", "~$")) or name.lower().startswith("readme") or name.endswith((".meta.yml", ".meta.yaml"))
    )


def list_sources(root: Path, kind: str) -> list[tuple[Path, str]]:
    """(path, name shown in reports and on pages) of each source file, oldest export first.
    The shown name is relative to the sources folder, e.g. penalties/2024-….xlsx."""
    folder = root / kind
    if not folder.is_dir():
        return []
    files = {p.relative_to(root).as_posix(): p for p in folder.rglob("*") if is_source(p)}
    return [(files[name], name) for name in export_order(list(files))]
