"""gongshi: build the Bozhou Ecology and Environment Bureau's disclosure site and open data.

Stages, one module each: read → normalise → validate → publish datasets → render pages →
render feeds → build site. `build_scripts.pipeline` runs them; `build_scripts.cli` is the
`gongshi` command.
"""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "datasets" / "schemas"
SITE_SRC = ROOT / "site_src"
