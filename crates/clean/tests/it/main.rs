//! The clean crate's integration tests, one binary: the input formats on written fixtures
//! (`formats`), the five real seed articles word for word (`seeds`), web pages' leaks cut
//! (`web_pages`) and properties on generated
//! input (`props`); `support` holds the fixtures, which the bench reuses.

mod formats;
mod props;
mod seeds;
mod support;
mod web_pages;
