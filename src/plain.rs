//! The plain-text, line-by-line mode: screen readers, dumb terminals, pipes and scripts.

use std::io::{BufRead, Write};

use crate::bank::Bank;
use crate::cli::Failure;
use crate::session::Started;

/// Asks the questions line by line. Returns what to print at the end (already written).
pub fn run(
    _bank: &Bank,
    _started: Started,
    _input: &mut dyn BufRead,
    _output: &mut dyn Write,
) -> Result<String, Failure> {
    Err(Failure::Runtime(
        "weighup: the plain-text mode is not built yet".to_string(),
    ))
}
