"""Time the web site of the bundled sample against its PDFs, measured in one run on the same machine, and
the site's size (issue 10: under a tenth of the PDFs' time, under 10 MB).

The site is written first, so that it pays for loading the templates and the report module; then the
PDFs (the publication and one breakdown per unit, with the usual worker processes).

    .venv/bin/python bench/site.py [--lang vi|en]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from ranking.pipeline import build, load, sample_paths
from ranking.tables import write_tables

ROOT = Path(__file__).resolve().parent.parent
MAX_RATIO, MAX_BYTES = 0.1, 10_000_000


def cpu() -> float:
    """CPU seconds of this process and its finished children (the PDF workers): fair on a busy machine."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    lang = parser.parse_args().lang
    paths = sample_paths(ROOT)
    ranking = build(*load(paths.criteria, paths.inputs))
    options = {"command": "run", "lang": lang}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_tables(ranking, out, options)
        start, start_cpu = time.perf_counter(), cpu()
        from ranking.site import write_site
        from ranking.views import present

        shown = present(ranking, options, lang)
        files = write_site(shown, out)
        site_time, site_cpu = time.perf_counter() - start, cpu() - start_cpu
        size = sum(p.stat().st_size for p in files)
        start, start_cpu = time.perf_counter(), cpu()
        from ranking.report import write_reports

        pdfs = write_reports(shown, out).files
        pdf_time, pdf_cpu = time.perf_counter() - start, cpu() - start_cpu
    ratio = site_time / pdf_time
    print(f"sample {ranking.criteria.edition}: {len(ranking.units)} units")
    print(f"site: {len(files)} files, {size / 1e6:.1f} MB, {site_time:.2f} s wall, {site_cpu:.2f} s CPU")
    print(f"PDFs: {len(pdfs)} files, {pdf_time:.1f} s wall, {pdf_cpu:.1f} s CPU (with the render workers)")
    print(f"site / PDFs: {ratio:.3f} wall, {site_cpu / pdf_cpu:.3f} CPU (target < {MAX_RATIO}); "
          f"size target < {MAX_BYTES / 1e6:.0f} MB")
    return 0 if ratio < MAX_RATIO and size < MAX_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
