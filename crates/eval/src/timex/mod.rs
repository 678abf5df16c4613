//! Timex evaluation: TimeML gold data (TempEval-3 platinum, [`tempeval`]) and MEANTIME
//! ([`meantime`]), with the same measures (strict/relaxed extent F1, value accuracy).

pub mod meantime;
pub mod tempeval;

pub use meantime::eval_meantime;
pub use tempeval::eval_tempeval;
