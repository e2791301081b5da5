//! Starting a questionnaire: a new sheet, or one resumed from disk, and where it is saved.
//! Shared by the full-screen app and the plain-text mode.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::bank::Bank;
use crate::error::Error;
use crate::persist;
use crate::sheet::{SCHEMA_PREFIX, Sheet};

/// What the person asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// `Some(empty path)` means "the latest unfinished sheet".
    pub resume: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub scenario: Option<String>,
    pub label: Option<String>,
    /// Opened to review (`weighup open`): the file is only read, so it is not reserved.
    pub review: bool,
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

/// The card of a workshop scenario as a participant gets it (title, brief, facts, discussion
/// questions; never the facilitator's note), shown before the first question and on request.
/// `None` for an id that is not a built-in card (a sheet from another version, say).
pub fn scenario_brief(scenario: &str) -> Option<String> {
    crate::workshop::Scenario::find(scenario)
        .ok()
        .map(|s| s.card_text(crate::report::TEXT_WIDTH, false))
}

/// Refuses a `--scenario` id that is not a card, naming it, the closest ids and how to list
/// them. Called before any screen starts.
pub fn check_scenario(opts: &StartOptions) -> Result<(), Error> {
    match &opts.scenario {
        Some(id) => crate::workshop::Scenario::find(id)
            .map(|_| ())
            .map_err(Error::input),
        None => Ok(()),
    }
}

/// Refuses a `--label` with a control or bidi character in it (it is saved, printed and shown
/// to others), saying which and how to fix it. Called before any screen starts.
pub fn check_label(opts: &StartOptions) -> Result<(), Error> {
    match &opts.label {
        Some(l) if crate::text::has_unsafe(l) => Err(Error::input(format!(
            "the label \"{}\" holds a control character (shown as ?), which would reach other people's screens.",
            crate::text::sanitize_line(l)
        ))
        .fix("give a label of letters, digits, spaces and punctuation only")),
        _ => Ok(()),
    }
}

/// Prepares a new or resumed sheet.
pub fn start(bank: &Bank, opts: &StartOptions, now: OffsetDateTime) -> Result<Started, Error> {
    check_scenario(opts)?;
    check_label(opts)?;
    if let Some(resume) = &opts.resume {
        return resume_sheet(bank, resume, opts);
    }
    let mut sheet = Sheet::new(bank, now);
    sheet.respondent.clone_from(&opts.label);
    sheet.scenario.clone_from(&opts.scenario);
    // The file is reserved now, before the first question, so that a second session cannot
    // pick it too (see persist::reserve).
    let path = if let Some(p) = &opts.out {
        refuse_existing(p)?;
        reserve(p)?;
        p.clone()
    } else {
        let dir = persist::default_dir().ok_or_else(|| {
            Error::runtime("cannot find your data folder").fix("give a file with --out")
        })?;
        persist::reserve_new(&dir, opts.label.as_deref(), now).map_err(Error::from)?
    };
    Ok(Started {
        sheet,
        path,
        notices: Vec::new(),
        resumed: false,
    })
}

/// Reserves an answers file for this session, or says that another session is writing it.
pub fn reserve(p: &Path) -> Result<(), Error> {
    persist::reserve(p).map_err(Error::from)
}

/// A new questionnaire never replaces a file: an earlier sheet is resumed instead, and
/// anything else is someone's data.
pub fn refuse_existing(p: &Path) -> Result<(), Error> {
    let shown = p.display();
    let names_folder = p
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::MAIN_SEPARATOR)
        || p.as_os_str().to_string_lossy().ends_with('/')
        || p.is_dir();
    if names_folder {
        return Err(
            Error::input(format!("{shown} names a folder, not a file.")).fix(format!(
                "give a file name in it, such as {}",
                p.join("answers.json").display()
            )),
        );
    }
    let Ok(meta) = std::fs::metadata(p) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Err(Error::input(format!(
            "{shown} is not a regular file (a device or a pipe), so weighup will not write to it."
        ))
        .fix("give a file name with --out"));
    }
    if persist::is_sheet_file(p) {
        Err(Error::input(format!(
            "{shown} already holds an answer sheet, and a new questionnaire would replace it."
        ))
        .fix(format!(
            "to continue those answers, run `weighup --resume {shown}`; to start afresh, give another file name with --out"
        )))
    } else {
        Err(Error::input(format!(
            "{shown} exists and is not a weighup answer sheet, so weighup will not write over it."
        ))
        .fix("give another file name with --out"))
    }
}

fn resume_sheet(bank: &Bank, resume: &Path, opts: &StartOptions) -> Result<Started, Error> {
    let mut notices = Vec::new();
    let path = if resume.as_os_str().is_empty() {
        let dir =
            persist::default_dir().ok_or_else(|| Error::runtime("cannot find your data folder"))?;
        let picked = persist::latest_unfinished(&dir).ok_or_else(|| {
            Error::input(format!(
                "there is no unfinished answer sheet among the {} most recently saved in {}",
                persist::RESUME_SCAN,
                dir.display()
            ))
            .fix(
                "start a new questionnaire with `weighup`, or give a file: `weighup --resume FILE`",
            )
        })?;
        notices.push(format!(
            "Continuing your latest unfinished answer sheet: {}",
            picked.display()
        ));
        picked
    } else {
        resume.to_path_buf()
    };
    let loaded = persist::load_checked(&path, bank).map_err(Error::from)?;
    let mut sheet = loaded.sheet;
    if !loaded.upgraded.is_empty() {
        notices.push(format!(
            "This sheet was saved in an older format ({SCHEMA_PREFIX}{}); it is upgraded when next saved: {}.",
            loaded.from_version,
            loaded.upgraded.join("; ")
        ));
    }
    notices.extend(sheet.bank_notices(bank));
    let (answered, asked) = sheet.progress(bank);
    let notes = sheet
        .answers
        .iter()
        .filter(|(id, a)| {
            matches!(a.answer, crate::answers::Answer::Text(_))
                && bank.question(id).is_some_and(|q| !q.kind.is_decision())
        })
        .count();
    let notes = match notes {
        0 => String::new(),
        1 => " and 1 note".to_string(),
        n => format!(" and {n} notes"),
    };
    notices.push(format!(
        "{answered} of {asked} questions answered{notes}, last saved {}.",
        crate::clock::human(&sheet.updated)
    ));
    if opts.label.is_some() && opts.label != sheet.respondent {
        sheet.respondent.clone_from(&opts.label);
        notices.push("The participant label is changed to the one you gave.".to_string());
    }
    if opts.scenario.is_some() && opts.scenario != sheet.scenario {
        sheet.scenario.clone_from(&opts.scenario);
        notices.push("The scenario is changed to the one you gave.".to_string());
    }
    let path = match &opts.out {
        Some(out) if out != &path => {
            refuse_existing(out)?;
            notices.push(format!(
                "Your answers will be saved to {}; {} is left as it was.",
                out.display(),
                path.display()
            ));
            out.clone()
        }
        _ => path,
    };
    if !opts.review {
        reserve(&path)?;
    }
    Ok(Started {
        sheet,
        path,
        notices,
        resumed: true,
    })
}
