"""Jinja environments and filters shared by the page, record and text templates."""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote

import jinja2

from . import SITE_SRC


def href(path: str) -> str:
    """A site-relative path made safe for an href (Chinese slugs percent-encoded once)."""
    return quote(path, safe="/-_.~#?=&%")


def wan(text) -> str:
    return f"{text} 万元" if text not in ("", None) else "—"


def yuan(text) -> str:
    if text in ("", None):
        return ""
    value = Decimal(str(text)) * 10000
    return f"{value.quantize(Decimal('0.01')):,}".removesuffix(".00") + " 元"


def thousands(n) -> str:
    return f"{int(n):,}"


def nbytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def environment(folder: str, **delimiters) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(SITE_SRC / folder), str(SITE_SRC / "templates")]),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, **delimiters,
    )
    env.filters.update(href=href, wan=wan, yuan=yuan, thousands=thousands, nbytes=nbytes)
    return env
