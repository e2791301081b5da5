//! `weighup compare DIR --watch` in text: a line whenever the room changes, saying who is
//! answering and how far each has got, and never anyone's result (the reveal stays with the
//! facilitator). In a terminal, the interactive view does the same with results hidden.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use crate::bank::Bank;
use crate::error::Error;
use crate::persist;
use crate::text::sanitize_line;

/// How often the folders are read again.
const EVERY: Duration = Duration::from_secs(2);

/// What the facilitator sees of one sheet: who, which card, how far.
fn progress_lines(bank: &Bank, paths: &[PathBuf]) -> (usize, usize, Vec<String>) {
    let mut sheets = Vec::new();
    for p in paths {
        if p.is_dir() {
            sheets.extend(persist::list_sheets(p));
        } else if let Ok(s) = persist::load(p) {
            sheets.push((p.clone(), s));
        }
    }
    // Oldest first, so a table keeps its place in the list.
    let mut rows: BTreeMap<String, String> = BTreeMap::new();
    let (mut answering, mut finished) = (0, 0);
    for (path, sheet) in sheets {
        let (done, asked) = sheet.progress(bank);
        let who = sheet.respondent.clone().unwrap_or_else(|| {
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        });
        let card = sheet
            .scenario
            .as_deref()
            .map_or_else(String::new, |c| format!(" ({c})"));
        let state = if sheet.complete {
            finished += 1;
            "finished".to_string()
        } else {
            answering += 1;
            format!("{done} of {asked} answered")
        };
        rows.insert(
            format!("{}{}", sheet.created, path.display()),
            sanitize_line(&format!("  {who}{card}: {state}")),
        );
    }
    (answering, finished, rows.into_values().collect())
}

/// "3 answering, 2 finished", then a line for each sheet: who, which card, how far.
pub(crate) fn status(bank: &Bank, paths: &[PathBuf]) -> String {
    let (answering, finished, rows) = progress_lines(bank, paths);
    let mut block = format!("{answering} answering, {finished} finished\n");
    for r in &rows {
        let _ = writeln!(block, "{r}");
    }
    block
}

/// Writes the room's progress to `out` each time it changes, until interrupted (Ctrl-C ends
/// the process) or `out` is closed, which ends it with an error for the command line to
/// report. It never exits the process itself.
pub fn watch(bank: &Bank, paths: &[PathBuf], out: &mut dyn Write) -> Error {
    let mut last = String::new();
    loop {
        let block = status(bank, paths);
        if block != last {
            let now = time::OffsetDateTime::now_utc();
            let written = write!(
                out,
                "\n{:02}:{:02}:{:02} {block}",
                now.hour(),
                now.minute(),
                now.second()
            )
            .and_then(|()| out.flush());
            if let Err(e) = written {
                return Error::runtime(format!("cannot write the room's progress: {e}"));
            }
            last = block;
        }
        std::thread::sleep(EVERY);
    }
}
