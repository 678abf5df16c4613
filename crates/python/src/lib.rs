//! `lede._lede`, the extension module of the Python package `lede` (the Python side is in
//! `python/lede`): it owns the binding only. The extraction is `lede::texts` (the per-item path
//! and the row building of `lede run`), the schemas are `export::schema` (one file for the Parquet
//! tables and these), the command line is `lede::cli`.
//!
//! Arrow crosses the boundary through the C data interface: input through the Arrow PyCapsule
//! interface (any object with `__arrow_c_stream__` or `__arrow_c_array__`), output as pyarrow
//! tables. The GIL is released while rows are cleaned and extracted.

use arrow_array::ffi_stream::RecordBatchStreamReader;
use arrow_array::RecordBatch;
use arrow_pyarrow::{FromPyArrow, IntoPyArrow, PyArrowType, ToPyArrow};
use export::{Table, Tables};
use lede::texts::{Columns, Extractor as Inner, Output};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

/// The per-article tables and `failures`, by name, in the order of [`Table::PER_ARTICLE`].
fn table_by_name(name: &str) -> PyResult<Table> {
    Table::ALL
        .into_iter()
        .find(|t| t.name() == name)
        .ok_or_else(|| PyValueError::new_err(format!("no table {name:?}")))
}

/// The Arrow schema of a lede table (`articles`, `entities`, ... `failures`), as pyarrow.
#[pyfunction]
fn schema(py: Python<'_>, table: &str) -> PyResult<Py<PyAny>> {
    Ok(table_by_name(table)?
        .schema()
        .as_ref()
        .to_pyarrow(py)?
        .unbind())
}

/// Models loaded once, and the workers that run them (one per core).
#[pyclass(frozen, module = "lede._lede")]
struct Extractor {
    inner: Inner,
}

/// Output tables accumulated over the batches of one call.
struct Collected {
    tables: Vec<(Table, Vec<RecordBatch>)>,
    failures: Vec<RecordBatch>,
}

impl Collected {
    fn new(tables: Tables) -> Self {
        Collected {
            tables: tables.per_article().map(|t| (t, Vec::new())).collect(),
            failures: Vec::new(),
        }
    }

    fn add(&mut self, out: Output) {
        for ((t, b), (have, into)) in out.tables.into_iter().zip(&mut self.tables) {
            debug_assert_eq!(t, *have);
            into.push(b);
        }
        self.failures.push(out.failures);
    }

    fn into_dict(self, py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let dict = PyDict::new(py);
        let all = self
            .tables
            .into_iter()
            .chain(std::iter::once((Table::Failures, self.failures)));
        for (t, batches) in all {
            let table = arrow_pyarrow::Table::try_new(batches, t.schema())
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            dict.set_item(t.name(), table.into_pyarrow(py)?)?;
        }
        Ok(dict)
    }
}

#[pymethods]
impl Extractor {
    /// Loads the models of `data_dir/models`, or the ones built into the extension when
    /// `data_dir` is None (as `lede run` without `--data`).
    #[new]
    #[pyo3(signature = (data_dir = None, tokens = false))]
    fn new(py: Python<'_>, data_dir: Option<PathBuf>, tokens: bool) -> PyResult<Self> {
        let source = extract::ModelSource::from_dir(data_dir.as_deref());
        let inner = py
            .detach(|| Inner::load(&source, Tables { tokens }))
            .map_err(|e| PyRuntimeError::new_err(format!("{e:#}")))?;
        Ok(Extractor { inner })
    }

    /// Cleans and extracts every row of `data` (an Arrow stream or array: pyarrow, polars,
    /// DuckDB...), a batch at a time without the GIL; returns `{table name: pyarrow.Table}`.
    #[pyo3(signature = (data, text, id = None, published = None, title = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        data: &Bound<'py, PyAny>,
        text: String,
        id: Option<String>,
        published: Option<String>,
        title: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let cols = Columns {
            text,
            id,
            published,
            title,
        };
        let mut out = Collected::new(self.inner.tables());
        let mut run = |batch: RecordBatch| -> PyResult<()> {
            let done = py.detach(|| {
                lede::texts::rows(&batch, &cols).and_then(|rows| self.inner.extract(rows))
            });
            out.add(done.map_err(|e| PyValueError::new_err(e.to_string()))?);
            Ok(())
        };
        if data.hasattr("__arrow_c_stream__")? {
            // Batches are pulled with the GIL held (a Python-backed stream may need it).
            let reader = RecordBatchStreamReader::from_pyarrow_bound(data)?;
            for batch in reader {
                run(batch.map_err(|e| PyValueError::new_err(e.to_string()))?)?;
            }
        } else if data.hasattr("__arrow_c_array__")? {
            run(RecordBatch::from_pyarrow_bound(data)?)?;
        } else {
            let kind = data.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "expected Arrow data (an object with __arrow_c_stream__ or __arrow_c_array__: a \
                 pyarrow Table or RecordBatch, a polars DataFrame, a DuckDB relation), got {kind}"
            )));
        }
        out.into_dict(py)
    }

    /// The per-article tables this extractor returns (and `failures`).
    fn table_names(&self) -> Vec<&'static str> {
        table_names(self.inner.tables())
    }
}

/// The per-article tables of `tables` and `failures`, by name: what an extraction returns.
fn table_names(tables: Tables) -> Vec<&'static str> {
    tables
        .per_article()
        .chain(std::iter::once(Table::Failures))
        .map(|t| t.name())
        .collect()
}

/// Runs the `lede` command line with `argv` (the program name first); returns its exit status.
#[pyfunction]
fn cli_main(py: Python<'_>, argv: Vec<OsString>) -> u8 {
    let code = py.detach(|| lede::cli::main(argv));
    (0..=u8::MAX)
        .find(|n| ExitCode::from(*n) == code)
        .unwrap_or(1)
}

/// The surname key of a catalog row (`label`, `canonical`), as `entity_catalog.same_as` matches
/// people by it: `None` but for a person (`PER`). For the corpus tables' group-by (README).
#[pyfunction]
fn surname_key(label: &str, canonical: &str) -> Option<String> {
    let per = model::EntityLabel::Per;
    extract::resolve::surname_key(per, canonical).filter(|_| label == per.as_str())
}

/// An empty pyarrow table of `table`'s schema (what a batch without rows gives).
#[pyfunction]
fn empty(table: &str) -> PyResult<PyArrowType<arrow_pyarrow::Table>> {
    let t = table_by_name(table)?;
    arrow_pyarrow::Table::try_new(Vec::new(), t.schema())
        .map(PyArrowType)
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

#[pymodule]
fn _lede(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(empty, m)?)?;
    m.add_function(wrap_pyfunction!(cli_main, m)?)?;
    m.add_function(wrap_pyfunction!(surname_key, m)?)?;
    m.add("SCHEMA_VERSION", export::schema::SCHEMA_VERSION)?;
    // What `Pipeline.extract` returns without the opt-in tables: `lede.TABLES`.
    m.add("TABLES", table_names(Tables::default()))?;
    Ok(())
}
