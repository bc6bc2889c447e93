"""PDF files: the text layer of each page, through pypdfium2 (PDFium, the engine Chromium uses).

A scanned PDF has pages without a text layer; `pages_text` returns "" for them and the
caller decides (OCR, or a problem record). Page images for OCR come from `render_page`."""
from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

MAX_PAGES = 500  # a decision or a report; anything longer is not one of ours


def page_count(path: Path) -> int:
    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def pages_text(path: Path, max_pages: int = MAX_PAGES) -> list[str]:
    """The text of each page in reading order, lines separated by \\n ("" for a page with no
    text layer). Raises ValueError for more than `max_pages` pages."""
    doc = pdfium.PdfDocument(str(path))
    try:
        if len(doc) > max_pages:
            raise ValueError(f"{len(doc)} pages > {max_pages}")
        out = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_bounded() or ""
            finally:
                textpage.close()
                page.close()
            out.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        return out
    finally:
        doc.close()


def text_of(path: Path) -> str:
    """All pages' text, one page after another (for reports)."""
    return "\n".join(pages_text(path))


def render_page(path: Path, index: int, dpi: int = 300):
    """Page `index` as a PIL image at `dpi` (for OCR of scans)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        try:
            return page.render(scale=dpi / 72).to_pil()
        finally:
            page.close()
    finally:
        doc.close()
