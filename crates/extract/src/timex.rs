//! Temporal expressions. TODO(helper-events): real implementation.
use crate::doc::Doc;
use model::Timex;

pub fn extract(_doc: &Doc) -> Vec<Timex> {
    todo!("timex")
}
