//! Saving and loading answer sheets: atomic, private, and never over someone else's file.

use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use thiserror::Error;
use time::OffsetDateTime;

use crate::sheet::{SCHEMA_PREFIX, Sheet};

/// Set this to put saved answers somewhere other than the user's data folder.
pub const DATA_DIR_ENV: &str = "WEIGHUP_DATA_DIR";

#[derive(Debug, Error)]
pub enum PersistError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error(
        "{path}: this file exists and is not a weighup answer sheet, so weighup will not overwrite it. Choose another file name."
    )]
    NotASheet { path: String },
    #[error("{path}:{line}:{column}: {message}\n    fix: {fix}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
        fix: String,
    },
}

impl PersistError {
    fn io(path: &Path, e: &std::io::Error) -> Self {
        PersistError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }
}

/// The folder answers are saved in by default.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "weighup").map(|p| p.data_dir().join("answers"))
}

/// A readable file name that does not collide with an existing one:
/// `weighup-2026-11-30-1412.json`, then `weighup-2026-11-30-1412-2.json`...
pub fn new_path(dir: &Path, label: Option<&str>, now: OffsetDateTime) -> PathBuf {
    let stamp = format!(
        "{:04}-{:02}-{:02}-{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute()
    );
    let slug: String = label
        .unwrap_or("")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if slug.is_empty() {
        format!("weighup-{stamp}")
    } else {
        format!("weighup-{slug}-{stamp}")
    };
    let mut path = dir.join(format!("{base}.json"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.json"));
        n += 1;
    }
    path
}

/// Is the file at `path` a weighup answer sheet (by its `schema` field)?
pub fn is_sheet_file(path: &Path) -> bool {
    let Ok(text) = fs::read_to_string(path) else {
        return false;
    };
    serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| {
        v.get("schema")
            .and_then(|s| s.as_str())
            .is_some_and(|s| s.starts_with(SCHEMA_PREFIX))
    })
}

/// Saves atomically: a temporary file in the same folder, flushed to disk, then renamed over
/// the target. The file is private to the user (mode 0600 on Unix). Refuses to replace a file
/// that is not a weighup answer sheet.
pub fn save(path: &Path, sheet: &Sheet) -> Result<(), PersistError> {
    if path.exists() && !is_sheet_file(path) {
        return Err(PersistError::NotASheet {
            path: path.display().to_string(),
        });
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| PersistError::io(&dir, &e))?;
    let name = path
        .file_name()
        .map_or_else(|| "answers".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut text = serde_json::to_string_pretty(sheet).expect("a sheet always serialises");
    text.push('\n');
    let write = || -> std::io::Result<()> {
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        PersistError::io(path, &e)
    })
}

/// Loads a sheet, with a clear message (path, line:column, fix) when it cannot.
/// The file is only read, never changed.
pub fn load(path: &Path) -> Result<Sheet, PersistError> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|e| PersistError::io(path, &e))?;
    let invalid = |line, column, message: String, fix: &str| PersistError::Invalid {
        path: shown.clone(),
        line,
        column,
        message,
        fix: fix.to_string(),
    };
    if text.trim().is_empty() {
        return Err(invalid(
            1,
            1,
            "the file is empty".into(),
            "open another answer sheet, or start a new questionnaire",
        ));
    }
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        let p = crate::problem::Problem::from_json(&shown, &e);
        invalid(e.line(), e.column(), p.message, &p.fix)
    })?;
    let schema = value.get("schema").and_then(|s| s.as_str());
    match schema {
        Some(s) if s.starts_with(SCHEMA_PREFIX) => {}
        _ => {
            return Err(invalid(
                1,
                1,
                "this is JSON, but not a weighup answer sheet (it has no \"schema\": \"weighup.answers/1\")".into(),
                "give the path of a file weighup saved",
            ));
        }
    }
    serde_json::from_str::<Sheet>(&text).map_err(|e| {
        let p = crate::problem::Problem::from_json(&shown, &e);
        invalid(e.line(), e.column(), p.message, &p.fix)
    })
}

/// Every answer sheet in a folder that loads, newest update first.
pub fn list_sheets(dir: &Path) -> Vec<(PathBuf, Sheet)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, Sheet)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| load(&p).ok().map(|s| (p, s)))
        .collect();
    out.sort_by(|a, b| b.1.updated.cmp(&a.1.updated).then(a.0.cmp(&b.0)));
    out
}

/// The most recently updated unfinished sheet in a folder.
pub fn latest_unfinished(dir: &Path) -> Option<PathBuf> {
    list_sheets(dir)
        .into_iter()
        .find(|(_, s)| !s.complete)
        .map(|(p, _)| p)
}
