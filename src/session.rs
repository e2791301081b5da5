//! Starting a questionnaire: a new sheet, or one resumed from disk, and where it is saved.
//! Shared by the full-screen app and the plain-text mode.

use std::path::PathBuf;

use time::OffsetDateTime;

use crate::bank::Bank;
use crate::cli::Failure;
use crate::persist;
use crate::sheet::Sheet;

/// What the person asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// `Some(empty path)` means "the latest unfinished sheet".
    pub resume: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub scenario: Option<String>,
    pub label: Option<String>,
}

/// A sheet ready to answer, and where every answer is saved.
#[derive(Debug, Clone)]
pub struct Started {
    pub sheet: Sheet,
    pub path: PathBuf,
    /// Things to tell the person before starting (bank changed, answers kept...).
    pub notices: Vec<String>,
    pub resumed: bool,
}

/// Prepares a new or resumed sheet.
pub fn start(bank: &Bank, opts: &StartOptions, now: OffsetDateTime) -> Result<Started, Failure> {
    if let Some(resume) = &opts.resume {
        let path = if resume.as_os_str().is_empty() {
            let dir = persist::default_dir().ok_or_else(|| {
                Failure::Runtime("weighup: cannot find your data folder".to_string())
            })?;
            persist::latest_unfinished(&dir).ok_or_else(|| {
                Failure::Input(format!(
                    "weighup: there is no unfinished answer sheet in {}",
                    dir.display()
                ))
            })?
        } else {
            resume.clone()
        };
        let sheet = persist::load(&path).map_err(|e| Failure::Input(format!("weighup: {e}")))?;
        let mut notices = Vec::new();
        if sheet.bank_differs(bank) {
            notices.push(format!(
                "These answers were given on question bank {} version {}; this is version {}.",
                sheet.bank.id, sheet.bank.version, bank.meta.version
            ));
        }
        let unknown = sheet.unknown_answers(bank);
        if !unknown.is_empty() {
            notices.push(format!(
                "{} answer(s) are for questions this bank no longer asks; they are kept in the file.",
                unknown.len()
            ));
        }
        let path = opts.out.clone().unwrap_or(path);
        return Ok(Started {
            sheet,
            path,
            notices,
            resumed: true,
        });
    }
    let mut sheet = Sheet::new(bank, now);
    sheet.respondent.clone_from(&opts.label);
    sheet.scenario.clone_from(&opts.scenario);
    let path = if let Some(p) = &opts.out {
        p.clone()
    } else {
        let dir = persist::default_dir().ok_or_else(|| {
            Failure::Runtime(
                "weighup: cannot find your data folder; give a file with --out".to_string(),
            )
        })?;
        persist::new_path(&dir, opts.label.as_deref(), now)
    };
    Ok(Started {
        sheet,
        path,
        notices: Vec::new(),
        resumed: false,
    })
}
