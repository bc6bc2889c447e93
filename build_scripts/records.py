"""Stage 5c, record pages: one page per decision, company, county and year list.

MkDocs renders a handful of "shell" pages (the theme's header, banner, footer and assets,
with placeholders where a record goes), at each folder depth and search setting needed.
Each shell becomes a Jinja template; every record page is that template filled with its
own body (rendered from site_src/templates/records/). This keeps tens of thousands of
record pages out of MkDocs' navigation and costs one template render per page."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .cache import PageReuse, digest
from .render import environment, href

SHELL_ROOT = "_shells"
SLOT = "[[gs:{}]]"


@dataclass(frozen=True)
class Shell:
    depth: int          # folders below the site root: penalties/x/ is 2

    @property
    def md_path(self) -> str:
        name = f"d{self.depth}.md"
        return "/".join([SHELL_ROOT, *["x"] * (self.depth - 2), name]) if self.depth >= 2 else f"{SHELL_ROOT}-{name}"

    @property
    def url(self) -> str:
        return self.md_path[:-3] + "/"


def shell_markdown(shell: Shell) -> str:
    meta = {k: SLOT.format(k) for k in ("title", "column_name", "column_type", "pub_date", "head")}
    lines = ["---", *[f'{k}: "{v}"' for k, v in meta.items()], f'article_title: "{SLOT.format("title")}"', "---",
             f"<h1>{SLOT.format('title')}</h1>", f'<div class="gs-record" data-gs-record="{SLOT.format("record")}">',
             SLOT.format("body"), "</div>", ""]
    return "\n".join(lines)


def _slot_env() -> jinja2.Environment:
    """Templates made from rendered HTML: only [[gs:name]] is a placeholder, nothing else."""
    return jinja2.Environment(variable_start_string="[[gs:", variable_end_string="]]",
                              block_start_string="[%gs", block_end_string="%]",
                              comment_start_string="[#gs", comment_end_string="#]", autoescape=True)


def fill_slots(html_path: Path, **values: str) -> None:
    """Fill the [[gs:…]] slots of a page MkDocs rendered before their content existed (the
    open-data page's file sizes and hashes are known only once the datasets are written)."""
    template = _slot_env().from_string(html_path.read_text(encoding="utf-8"))
    html_path.write_text(template.render(**{k: Markup(v) for k, v in values.items()}), encoding="utf-8")


_INDENT = re.compile(r"\n[ \t]+")
_BLANK = re.compile(r"\n{2,}")


def squeeze(html: str) -> str:
    """The theme's indentation out (a third of a record page): each run of a line break and
    spaces becomes one line break, which HTML renders exactly as before. The shells hold no
    <pre> or <textarea>, where it would matter."""
    assert "<pre" not in html and "<textarea" not in html
    return _BLANK.sub("\n", _INDENT.sub("\n", html))


def load_shells(site_dir: Path, shells: list[Shell], site_url: str) -> dict[Shell, tuple[str, jinja2.Template]]:
    """Turn the rendered shells into (source, template) pairs."""
    env = _slot_env()
    out = {}
    for shell in shells:
        html_path = site_dir / shell.url / "index.html"
        html = html_path.read_text(encoding="utf-8")
        html = html.replace(f'href="{site_url}{shell.url}"', 'href="[[gs:canonical]]"')
        html = squeeze(html)
        out[shell] = (html, env.from_string(html))
    return out


def canonical(value) -> str:
    """One text per value, whatever the objects' identities (pickle's memo would make equal
    contexts differ): what a page's fingerprint is computed from."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


class PageWriter:
    """Writes record pages into the site through the shells; a page whose inputs are those of
    the previous build is hard-linked from it instead (see cache.PageReuse)."""

    def __init__(self, site_dir: Path, shells: dict[Shell, tuple[str, jinja2.Template]], site_url: str,
                 reuse: PageReuse | None = None, code: str = ""):
        self.site_dir, self.shells, self.site_url = site_dir, shells, site_url
        self.bodies = environment("templates")
        self.reuse, self.code = reuse or PageReuse(None, {}), code

    def write(self, path: str, template: str, *, title: str, column: str, column_type: str, pub_date: str,
              head: str = "", record: str = "", **context) -> None:
        """One record page at `path`; `record` is the key of the decision it shows (the audit
        finds decision pages by it), empty for company, county and list pages."""
        depth = path.strip("/").count("/") + 1
        rel = f"{path}index.html"
        target = self.site_dir / rel
        source, shell = self.shells[Shell(depth)]
        fingerprint = digest(self.code, source, template, canonical((title, column, column_type, pub_date, head,
                                                                     record, context)))
        if self.reuse.try_reuse(rel, fingerprint, target):
            return
        base = "../" * depth
        body = self.bodies.get_template(template).render(base=base, **context)
        html = shell.render(
            title=title, column_name=column, column_type=column_type, pub_date=pub_date, head=Markup(head),
            record=record, body=Markup(body), canonical=self.site_url + href(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        target.write_bytes(data)
        self.reuse.wrote(rel, fingerprint, data, target)
