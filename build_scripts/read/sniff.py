"""Tell a file's format from its first bytes (a renamed .xlsx is found out here)."""
from __future__ import annotations

import zipfile
from pathlib import Path

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path, head: bytes) -> str:
    """One of xlsx, xls, docx, html, csv, text-like names, or a description of what it is not."""
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return "damaged zip"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        return "zip"
    if head.startswith(OLE2):
        return "xls"  # also old .doc; the Excel reader then reports it cannot read it
    if head.startswith(b"%PDF"):
        return "pdf"
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta", b"<head", b"<body")) \
            or b"<table" in head.lower():
        return "html"
    return "csv"
