//! Quotes. TODO(helper-events): real implementation.
use crate::doc::Doc;
use model::Quote;

pub fn extract(_doc: &Doc) -> Vec<Quote> {
    todo!("quotes")
}
