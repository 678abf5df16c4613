# lede's everyday recipes. `just --list` shows them.

out := "out"

# Run lede on the bundled sample (data/sample) into ./out, then print where the tables are and a
# query to try (`just query`). The first run compiles lede (a few minutes): cargo shows its progress.
run inbox="data/sample" out=out:
    cargo run --release -- run {{inbox}} --out {{out}}

# Install `lede` into ~/.cargo/bin (on the PATH with rustup): models and lexicons are built in,
# so it runs from any folder (`lede report --out OUT` then draws the tables).
install:
    cargo install --path . --locked

# Watch an inbox as a daemon (Ctrl-C stops cleanly).
watch inbox="data/sample" out=out:
    cargo run --release --quiet -- watch {{inbox}} --out {{out}}

# What is done, pending and failed.
status out=out:
    cargo run --release --quiet -- status --out {{out}}

# The whole test suite (its Python readers come from the project's .venv/: see `venv`), then the
# Python package's (`test-python`).
test: venv
    LEDE_PYTHON="{{justfile_directory()}}/.venv/bin/python" cargo test --workspace --all-targets
    just test-python

# The Python package (crates/python): its wheel built with maturin in the dev profile (the
# workspace's target/, so what `cargo test` built is reused), installed into .venv/, then its
# pytest tests, local Spark (needs `java`) and Ray included. Extra pytest arguments pass through.
test-python *args: python-deps
    #!/usr/bin/env bash
    set -euo pipefail
    rm -rf target/wheels/dev
    start=$(date +%s)
    .venv/bin/maturin build --quiet --profile dev --manifest-path crates/python/Cargo.toml --interpreter .venv/bin/python --out target/wheels/dev
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall target/wheels/dev/lede-*.whl
    echo "just test-python: wheel built and installed in $(( $(date +%s) - start )) s" >&2
    cd crates/python/tests && ../../../.venv/bin/python -m pytest -q -p no:cacheprovider {{args}}

# What the Python package's build and tests need (crates/python/tests/requirements.txt: maturin,
# pytest, polars, pyspark, ray), into .venv/ once.
python-deps: venv
    #!/usr/bin/env bash
    set -euo pipefail
    exec 9>.venv.lock && flock 9
    if ! .venv/bin/python -c "import maturin, pytest, polars, pyspark, ray" 2>/dev/null; then
        echo "just python-deps: installing maturin, pytest, polars, pyspark, ray into .venv/ (once)" >&2
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r crates/python/tests/requirements.txt
    fi

# The release wheel (one abi3 wheel for CPython 3.9+, the models inside) in target/wheels/:
# `pip install target/wheels/lede-*.whl` gives `import lede` and the `lede` command.
wheel: venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "maturin>=1.5,<2"
    .venv/bin/maturin build --release --manifest-path crates/python/Cargo.toml --out target/wheels

# The project-local Python (.venv/, gitignored) with the readers `just query` and the tests use
# (tests/requirements.txt: DuckDB, pandas, pyarrow); created once, nothing installed system-wide.
venv:
    #!/usr/bin/env bash
    set -euo pipefail
    # One install at a time (CI starts these while cargo compiles; the recipes wait on the lock).
    exec 9>.venv.lock && flock 9
    if ! .venv/bin/python -c "import duckdb, pandas, pyarrow" 2>/dev/null; then
        echo "just venv: installing DuckDB, pandas and pyarrow into .venv/ (once)" >&2
        python3 -m venv .venv || { echo "just venv: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements.txt
    fi

# Criterion benches: end to end and per stage.
bench:
    cargo bench --bench pipeline
    cargo bench -p clean --bench clean
    cargo bench -p clean --bench html
    cargo bench -p extract

# One run, side by side: `lede run` on the 181 benchmark web pages against trafilatura (pip, into
# .venv/) on the same pages: wall and CPU seconds (issue 19).
bench-html: venv
    cargo build --release --quiet
    .venv/bin/python -m pip install --quiet --disable-pip-version-check trafilatura lxml_html_clean
    .venv/bin/python benches/html_vs_trafilatura.py

# Daemon benchmarks: a burst of 10,000 articles (time to visible, peak RSS, parts before/after
# compaction) and single-file latency p50/p99.
bench-daemon: venv
    cargo build --release --quiet
    .venv/bin/python benches/daemon_bench.py --burst 10000 --latency 30

# Scores against the gold data in ../shared/data (see docs/MODEL.md): test splits only.
eval:
    cargo run --release --quiet -- eval ner --conll ../shared/data/conll2003/iob1_original/eng.testb
    cargo run --release --quiet -- eval ner --conll ../shared/data/conll2003/iob2_conllpp/conllpp_test.txt
    cargo run --release --quiet -- eval ner --meantime ../shared/data/meantime_newsreader_en/data/meantime_newsreader_english_oct15
    cargo run --release --quiet -- eval timex
    cargo run --release --quiet -- eval timex --meantime
    cargo run --release --quiet -- eval quotes
    cargo run --release --quiet -- eval events
    cargo run --release --quiet -- eval events --ecbplus --meantime
    cargo run --release --quiet -- eval syntax --conllu ../shared/data/ud_english/en_ewt-ud-test.conllu
    cargo run --release --quiet -- eval syntax --conllu ../shared/data/ud_english/en_gum-ud-test.conllu
    cargo run --release --quiet -- eval syntax --conllu ../shared/data/ud_english/en_gum-ud-test.conllu --genre news
    cargo run --release --quiet -- eval syntax --conllu ../shared/data/ud_english/en_ewt-ud-test.conllu --raw
    cargo run --release --quiet -- eval html
    cargo run --release --quiet -- eval coref --conllu ../shared/data/ud_english/en_gum-ud-test.conllu

# Train the NER model (writes data/models/).
train-ner:
    cargo run --release -p eval --bin train-ner

# Train the syntax models (tagger, lemmatiser, parser) on UD English (writes data/models/syntax.bin).
train-syntax *args:
    cargo run --release -p eval --bin train-syntax -- {{args}}

# Learn the coreference stage's noun types and pronoun ranker from GUM train (openly licensed
# genres) into crates/extract/lexicons/coref_{noun_types,pronoun_weights}.tsv (seconds;
# deterministic; rebuild lede after). `just train-coref --tune` scores the settings on GUM dev.
train-coref *args:
    cargo run --release -p eval --bin train-coref -- {{args}}

# Query the tables with DuckDB (Python duckdb from the project's .venv/, installed on first use).
query sql="SELECT canonical, label, n_mentions, n_articles FROM read_parquet('out/entity_catalog/*.parquet') ORDER BY n_mentions DESC LIMIT 20": venv
    .venv/bin/python -c "import duckdb,sys; duckdb.sql(sys.argv[1]).show(max_width=200)" "{{sql}}"

# Merge small part files.
compact out=out:
    cargo run --release --quiet -- compact --out {{out}}

# Formatting and lints, as CI runs them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Soak (issue 14, item 12): time and peak RSS of a one-file batch on OUTs of 10k, 100k and 1M
# small articles (a few large JSONL files plus one small changed file). Slow: building 1M articles
# takes long on a small machine; `just soak 10000,100000` stops earlier. Pass another binary
# (e.g. the previous release) with its own OUT to compare: `just soak 10000 /path/to/lede old`.
soak sizes="10000,100000,1000000" lede="target/release/lede" out="out":
    cargo build --release --quiet
    python3 benches/soak.py --sizes {{sizes}} --lede {{lede}} --out-name {{out}}

# Fuzz clean and then the whole extraction under a per-article time budget, with libFuzzer
# (`cargo install cargo-fuzz`; stable Rust via RUSTC_BOOTSTRAP; no sanitizer, the code is safe Rust;
# no compare tracing, 4x faster here). TARGET: html, json, text or clean. A hang is an input over
# 5 s; crashes land in crates/clean/fuzz/artifacts.
fuzz target="html" runs="1000000" max_len="4096":
    cd crates/clean/fuzz && mkdir -p corpus/{{target}} && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none --no-trace-compares {{target}} corpus/{{target}} ../tests/fixtures ../tests/fixtures/seeds ../../../data/sample -- -runs={{runs}} -max_len={{max_len}} -timeout=5 -rss_limit_mb=2048 -print_final_stats=1

# A snapshot of every output (rows of `lede run data/sample`, every quote found on PolNeAR train
# and dev, the `just eval` report) in DIR; with AGAINST, compare with an older snapshot (exit 1 on
# any difference). A change that should not change outputs: `just golden target/golden-before`
# before it, `just golden target/golden-after target/golden-before` after.
golden dir="target/golden" against="":
    cargo build --release --quiet
    python3 scripts/golden.py --out {{dir}} {{ if against != "" { "--against " + against } else { "" } }}
