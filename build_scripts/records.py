"""Stage 5c, record pages: one page per decision, company, county and year list.

MkDocs renders a handful of "shell" pages (the theme's header, banner, footer and assets,
with placeholders where a record goes), at each folder depth and search setting needed.
Each shell becomes a Jinja template; every record page is that template filled with its
own body (rendered from site_src/templates/records/). This keeps tens of thousands of
record pages out of MkDocs' navigation and costs one template render per page."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .render import environment, href

SHELL_ROOT = "_shells"
SLOT = "[[gs:{}]]"


@dataclass(frozen=True)
class Shell:
    depth: int          # folders below the site root: penalties/x/ is 2
    searchable: bool    # indexed by the site search

    @property
    def md_path(self) -> str:
        name = f"d{self.depth}{'s' if self.searchable else 'n'}.md"
        return "/".join([SHELL_ROOT, *["x"] * (self.depth - 2), name]) if self.depth >= 2 else f"{SHELL_ROOT}-{name}"

    @property
    def url(self) -> str:
        return self.md_path[:-3] + "/"


def shell_markdown(shell: Shell) -> str:
    meta = {k: SLOT.format(k) for k in ("title", "column_name", "column_type", "pub_date", "head")}
    lines = ["---", *[f'{k}: "{v}"' for k, v in meta.items()], f'article_title: "{SLOT.format("title")}"',
             f"search_exclude: {'false' if shell.searchable else 'true'}", "---",
             f"<h1>{SLOT.format('title')}</h1>", '<div class="gs-record">', SLOT.format("body"), "</div>", ""]
    return "\n".join(lines)


def load_shells(site_dir: Path, shells: list[Shell], site_url: str) -> dict[Shell, jinja2.Template]:
    """Turn the rendered shells into templates and remove them from the site."""
    env = jinja2.Environment(variable_start_string="[[gs:", variable_end_string="]]",
                             block_start_string="[%gs", block_end_string="%]",
                             comment_start_string="[#gs", comment_end_string="#]", autoescape=True)
    out = {}
    for shell in shells:
        html_path = site_dir / shell.url / "index.html"
        html = html_path.read_text(encoding="utf-8")
        html = html.replace(f'href="{site_url}{shell.url}"', 'href="[[gs:canonical]]"')
        out[shell] = env.from_string(html)
    return out


class PageWriter:
    """Writes record pages into the site through the shells."""

    def __init__(self, site_dir: Path, shells: dict[Shell, jinja2.Template], site_url: str):
        self.site_dir, self.shells, self.site_url = site_dir, shells, site_url
        self.bodies = environment("templates")
        self.written: list[str] = []

    def write(self, path: str, template: str, *, title: str, column: str, column_type: str, pub_date: str,
              head: str = "", searchable: bool = True, **context) -> None:
        depth = path.strip("/").count("/") + 1
        base = "../" * depth
        body = self.bodies.get_template(template).render(base=base, **context)
        html = self.shells[Shell(depth, searchable)].render(
            title=title, column_name=column, column_type=column_type, pub_date=pub_date, head=Markup(head),
            body=Markup(body), canonical=self.site_url + href(path))
        target = self.site_dir / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        self.written.append(path)
