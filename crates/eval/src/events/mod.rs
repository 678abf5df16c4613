//! Event evaluation: CAMEO coding on PETRARCH2's validation records ([`petrarch`]), document
//! clustering on ECB+ ([`ecbplus`]) and cross-document event coreference on MEANTIME
//! ([`meantime`]); [`cat`] reads the CAT XML of both corpora and [`coref`] holds the clustering
//! scores (B-cubed, pairwise, MUC, CEAF-e).

pub mod cat;
pub mod coref;
pub mod ecbplus;
pub mod meantime;
pub mod petrarch;

pub use ecbplus::{eval_ecbplus, TopicSplit};
pub use meantime::eval_meantime_events;
pub use petrarch::eval_petrarch;
