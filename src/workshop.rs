//! Workshop mode: scenario cards and the facilitator's comparison of the room's sheets.

use std::path::PathBuf;

use crate::bank::Bank;
use crate::cli::{CompareFormat, Failure};

/// `weighup compare`: returns what to print on stdout.
pub fn compare_command(
    _bank: &Bank,
    _paths: &[PathBuf],
    _format: Option<CompareFormat>,
) -> Result<String, Failure> {
    Err(Failure::Runtime(
        "weighup: compare is not built yet".to_string(),
    ))
}

/// `weighup scenarios`: the list of scenario cards.
pub fn scenarios_command() -> Result<String, Failure> {
    Err(Failure::Runtime(
        "weighup: scenarios are not built yet".to_string(),
    ))
}
