//! The `lede` binary: the command line of [`lede::cli`].

use std::process::ExitCode;

fn main() -> ExitCode {
    lede::cli::main(std::env::args_os())
}
