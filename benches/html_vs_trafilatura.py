"""One run, side by side: `lede run` on the 181 pages of the article extraction benchmark (the
whole pipeline: cleaning and extraction, both cores) against trafilatura's `extract` on the same
pages (main text only, one process), both timed in this one run on this machine (issue 19).

Usage: python3 benches/html_vs_trafilatura.py [--data ../shared/data/article_extraction_benchmark]
                                              [--lede target/release/lede]
Prints one line per tool: pages, wall seconds, CPU seconds, pages per CPU-second, and the ratio.
`just bench-html` installs trafilatura into the project's .venv/ and runs this.
"""
import argparse
import gzip
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/article_extraction_benchmark"))
    ap.add_argument("--lede", default=str(ROOT / "target/release/lede"))
    a = ap.parse_args()
    pages = sorted(pathlib.Path(a.data, "html").glob("*.html.gz"))
    if not pages:
        sys.exit(f"no pages in {a.data}/html")
    htmls = [gzip.decompress(p.read_bytes()) for p in pages]
    work = pathlib.Path(tempfile.mkdtemp(prefix="lede-html-bench-"))
    try:
        inbox = work / "inbox"
        inbox.mkdir()
        for p, h in zip(pages, htmls):
            (inbox / p.name.removesuffix(".gz")).write_bytes(h)
        c0, t0 = cpu_children(), time.perf_counter()
        subprocess.run([a.lede, "--quiet", "run", str(inbox), "--out", str(work / "out")],
                       check=True, stdout=subprocess.DEVNULL)
        lede = (time.perf_counter() - t0, cpu_children() - c0)

        import trafilatura  # noqa: E402 (only needed for the second half)

        texts = [h.decode("utf-8", errors="replace") for h in htmls]
        c0, t0 = cpu_self(), time.perf_counter()
        found = sum(1 for t in texts if trafilatura.extract(t))
        traf = (time.perf_counter() - t0, cpu_self() - c0)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    n = len(pages)
    print(f"{'':34} {'pages':>6} {'wall s':>8} {'CPU s':>8} {'pages/CPU-s':>12}")
    print(f"{'lede run (clean + all extraction)':34} {n:>6} {lede[0]:>8.2f} {lede[1]:>8.2f} {n / lede[1]:>12.1f}")
    print(f"{'trafilatura.extract (main text)':34} {found:>6} {traf[0]:>8.2f} {traf[1]:>8.2f} {n / traf[1]:>12.1f}")
    print(f"lede CPU time / trafilatura CPU time: {lede[1] / traf[1]:.2f}")


if __name__ == "__main__":
    main()
