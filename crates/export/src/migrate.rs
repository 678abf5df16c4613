//! Rows written by an older schema version, brought to the current one ([`conform`]).
//!
//! Version 1 wrote offsets, counts, codes and batch ids as unsigned integers; version 2 (issue 21)
//! writes every integer signed (`int32`, or `int64` for batch ids and corpus-wide counts). The
//! engine rewrote an output folder of version 1 once, part by part, through [`conform`] (see
//! `docs/SCHEMA.md`, Versions). Version 3 adds the events' actor code columns ([`ADDED_IN_3`]):
//! the engine refuses an older folder (they need the articles extracted again), and [`conform`]
//! reads them as nulls in an older snapshot (`lede report` on a folder not rebuilt yet).

use crate::schema::Table;
use crate::store::RecordBatch;
use crate::ExportError;
use arrow_array::new_null_array;
use arrow_cast::{cast_with_options, CastOptions};

/// The `events` columns version 3 added: null in rows of an older version.
pub const ADDED_IN_3: &[&str] = &[
    "actor1_code",
    "actor1_country",
    "actor1_type",
    "actor2_code",
    "actor2_country",
    "actor2_type",
];

/// `rows` of `table` (read from a part of any schema version) with the current schema: columns
/// taken by name, integers cast to the current integer type. A value that does not fit (lede never
/// wrote one) or a column missing or of another kind is an error, never a changed value.
pub fn conform(table: Table, rows: &RecordBatch) -> Result<RecordBatch, ExportError> {
    let schema = table.schema();
    let exact = CastOptions {
        safe: false,
        ..CastOptions::default()
    };
    let mut columns = Vec::with_capacity(schema.fields().len());
    for f in schema.fields() {
        let name = format!("{}.{}", table.name(), f.name());
        if table == Table::Events
            && ADDED_IN_3.contains(&f.name().as_str())
            && rows.column_by_name(f.name()).is_none()
        {
            columns.push(new_null_array(f.data_type(), rows.num_rows()));
            continue;
        }
        let c = rows
            .column_by_name(f.name())
            .ok_or_else(|| ExportError::Corrupt(format!("{name} is missing")))?;
        if c.data_type() == f.data_type() {
            columns.push(c.clone());
        } else if c.data_type().is_integer() && f.data_type().is_integer() {
            let cast = cast_with_options(c, f.data_type(), &exact).map_err(|e| {
                ExportError::Corrupt(format!(
                    "{name}: a value does not fit {}: {e}",
                    f.data_type()
                ))
            })?;
            columns.push(cast);
        } else {
            return Err(ExportError::Corrupt(format!(
                "{name} is {}, not {}: not a layout lede wrote",
                c.data_type(),
                f.data_type()
            )));
        }
    }
    Ok(RecordBatch::try_new(schema, columns)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int32Type;
    use arrow_array::{ArrayRef, Float32Array, Int32Array, StringArray, UInt32Array, UInt64Array};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;

    /// A `quotes` batch as version 1 wrote it: unsigned offsets.
    fn quotes_v1(start: u32, speaker: Option<u32>) -> RecordBatch {
        let current = Table::Quotes.schema();
        let mut fields = Vec::new();
        let mut columns: Vec<ArrayRef> = Vec::new();
        for f in current.fields() {
            let (t, c): (DataType, ArrayRef) = match f.data_type() {
                DataType::Int32 if f.name().starts_with("speaker") => {
                    (DataType::UInt32, Arc::new(UInt32Array::from(vec![speaker])))
                }
                DataType::Int32 => (DataType::UInt32, Arc::new(UInt32Array::from(vec![start]))),
                DataType::Float32 => (DataType::Float32, Arc::new(Float32Array::from(vec![0.5]))),
                DataType::Utf8 => (DataType::Utf8, Arc::new(StringArray::from(vec!["x"]))),
                other => panic!("quotes has no {other} column"),
            };
            fields.push(Field::new(f.name(), t, f.is_nullable()));
            columns.push(c);
        }
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap()
    }

    #[test]
    fn unsigned_columns_of_version_1_become_the_signed_ones_with_the_same_values() {
        let old = quotes_v1(7, None);
        let new = conform(Table::Quotes, &old).unwrap();
        assert_eq!(new.schema(), Table::Quotes.schema());
        let start = new.column_by_name("start_char").unwrap();
        assert_eq!(start.as_primitive::<Int32Type>().value(0), 7);
        assert!(new.column_by_name("speaker_start_char").unwrap().is_null(0));
        assert_eq!(
            new.column_by_name("text")
                .unwrap()
                .as_string::<i32>()
                .value(0),
            "x"
        );
        // A batch of the current schema is left as it is.
        assert_eq!(conform(Table::Quotes, &new).unwrap(), new);
    }

    #[test]
    fn events_of_version_2_read_with_null_actor_codes() {
        let current = Table::Events.schema();
        let mut fields = Vec::new();
        let mut columns: Vec<ArrayRef> = Vec::new();
        for f in current.fields() {
            if ADDED_IN_3.contains(&f.name().as_str()) {
                continue;
            }
            fields.push(f.as_ref().clone());
            columns.push(arrow_array::new_null_array(f.data_type(), 0));
        }
        let old = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap();
        let new = conform(Table::Events, &old).unwrap();
        assert_eq!(new.schema(), current);
        // Only those columns: another one missing is still an error.
        let no_actor1 = old.project(&[0, 1]).unwrap();
        assert!(conform(Table::Events, &no_actor1).is_err());
    }

    #[test]
    fn a_value_that_does_not_fit_or_a_foreign_layout_is_an_error() {
        let too_big = quotes_v1(u32::MAX, Some(1));
        assert!(conform(Table::Quotes, &too_big).is_err());
        let wrong: ArrayRef = Arc::new(Int32Array::from(vec![1]));
        let batch_id = RecordBatch::try_from_iter([("batch_id", wrong)]).unwrap();
        assert!(
            conform(Table::Articles, &batch_id).is_err(),
            "columns missing"
        );
        let b: ArrayRef = Arc::new(UInt64Array::from(vec![u64::MAX]));
        let old = quotes_v1(1, None);
        let mut columns = old.columns().to_vec();
        let i = old.schema().index_of("text").unwrap();
        columns[i] = b;
        let mut fields: Vec<Field> = old
            .schema()
            .fields()
            .iter()
            .map(|f| f.as_ref().clone())
            .collect();
        fields[i] = Field::new("text", DataType::UInt64, false);
        let foreign = RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).unwrap();
        assert!(
            conform(Table::Quotes, &foreign).is_err(),
            "an integer for a string"
        );
    }
}
