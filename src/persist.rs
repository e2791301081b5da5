//! Saving and loading answer sheets: atomic, private, and never over someone else's file.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use thiserror::Error;
use time::OffsetDateTime;

use crate::sheet::{
    MIGRATIONS, SCHEMA, SCHEMA_PREFIX, SCHEMA_VERSION, Sheet, schema_version, upgrade,
};

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
    #[error(
        "{path}: this answer sheet was made by a newer weighup (format {schema}), so this weighup will not overwrite it. Update weighup, or choose another file name."
    )]
    Newer { path: String, schema: String },
    #[error(
        "{path}: this is a link to another file, and saving would replace the link with a file of its own, so weighup will not write to it.\n    fix: give the file the link points to ({target}), or another file name with --out"
    )]
    Link { path: String, target: String },
    #[error(
        "{path}: another weighup (process {pid}) is saving answers to this file right now, so this one will not write to it.\n    fix: give another file name with --out, or wait until the other session ends"
    )]
    Busy { path: String, pid: u32 },
    #[error("{path}: the answer sheet has answers this question bank cannot take:\n{problems}")]
    Answers {
        path: String,
        problems: crate::problem::Problems,
    },
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
/// A name another session has reserved (see [`reserve`]) counts as taken.
pub fn new_path(dir: &Path, label: Option<&str>, now: OffsetDateTime) -> PathBuf {
    candidates(dir, label, now)
        .find(|p| !p.exists() && !reserved_by_other(p))
        .expect("the candidates never end")
}

/// Like [`new_path`], and reserves the name for this session at once (see [`reserve`]), so
/// that two sessions started in the same minute in one folder never share a file.
pub fn reserve_new(
    dir: &Path,
    label: Option<&str>,
    now: OffsetDateTime,
) -> Result<PathBuf, PersistError> {
    for path in candidates(dir, label, now) {
        if path.exists() {
            continue;
        }
        match reserve(&path) {
            Ok(()) if !path.exists() => return Ok(path),
            Ok(()) => release(&path),
            Err(PersistError::Busy { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    unreachable!("the candidates never end")
}

/// The file names [`new_path`] tries, in order.
fn candidates(
    dir: &Path,
    label: Option<&str>,
    now: OffsetDateTime,
) -> impl Iterator<Item = PathBuf> + use<> {
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
    let dir = dir.to_path_buf();
    (1usize..).map(move |n| {
        if n == 1 {
            dir.join(format!("{base}.json"))
        } else {
            dir.join(format!("{base}-{n}.json"))
        }
    })
}

// ---- one writer per file ----

/// The lock files this process holds.
static HELD: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn held() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The lock file of an answers file: `.NAME.lock` next to it.
pub fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "answers".into(), |n| n.to_string_lossy().into_owned());
    folder_of(path).join(format!(".{name}.lock"))
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuses to save to a symbolic link: the rename would replace the link with a regular file
/// (and the file it points to would never get the answers).
pub fn refuse_link(path: &Path) -> Result<(), PersistError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(PersistError::Link {
            path: path.display().to_string(),
            target: fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_default(),
        }),
        _ => Ok(()),
    }
}

/// Reserves an answers file for this session: a lock file `.NAME.lock` next to it, created
/// exclusively, holds this process's id. A second session that wants the same file is
/// refused ([`PersistError::Busy`]) while this process lives; a lock left by a process that
/// has ended (a crash, a power cut) is stale and taken over. Released by [`release`] or
/// [`release_all`] on exit. The folder is created (private) if needed, so a folder that
/// cannot be written is found before the first question.
pub fn reserve(path: &Path) -> Result<(), PersistError> {
    refuse_link(path)?;
    let dir = folder_of(path);
    let cannot = |e: &std::io::Error| {
        let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "a file of that name is in the way".to_string()
        } else {
            e.to_string()
        };
        PersistError::Io {
            path: path.display().to_string(),
            message: format!(
                "weighup cannot save answers in the folder {} ({why})\n    fix: choose a folder you may write to, with --out",
                dir.display()
            ),
        }
    };
    create_private_dir(&dir).map_err(|e| cannot(&e))?;
    let lock = lock_path(path);
    if held().contains(&lock) {
        return Ok(());
    }
    for _ in 0..3 {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            opts.mode(0o600);
        }
        match opts.open(&lock) {
            Ok(mut f) => {
                writeln!(f, "{}", std::process::id()).map_err(|e| PersistError::io(&lock, &e))?;
                held().push(lock);
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let owner = lock_owner(&lock);
                match owner {
                    Some(pid) if pid == std::process::id() => {
                        held().push(lock);
                        return Ok(());
                    }
                    Some(pid) if process_alive(pid) => {
                        return Err(PersistError::Busy {
                            path: path.display().to_string(),
                            pid,
                        });
                    }
                    _ => take_over_stale(&lock, owner),
                }
            }
            Err(e) => return Err(cannot(&e)),
        }
    }
    Err(PersistError::io(
        &lock,
        &std::io::Error::other("the lock file keeps changing; is another weighup starting?"),
    ))
}

/// Moves a stale lock aside (atomically, so only one of two sessions doing this at once
/// succeeds) and removes it, unless it turns out to belong to a live session after all.
fn take_over_stale(lock: &Path, owner: Option<u32>) {
    let aside = lock.with_extension(format!("stale.{}", std::process::id()));
    if fs::rename(lock, &aside).is_err() {
        return;
    }
    if lock_owner(&aside) == owner {
        let _ = fs::remove_file(&aside);
    } else {
        // Someone took it over meanwhile: give it back.
        let _ = fs::rename(&aside, lock);
    }
}

/// The process id in a lock file (`None` when it cannot be read or holds no number).
fn lock_owner(lock: &Path) -> Option<u32> {
    let bytes = read_regular(lock, 64).ok()?;
    std::str::from_utf8(&bytes).ok()?.trim().parse().ok()
}

/// Is another process reserving this file right now?
fn reserved_by_other(path: &Path) -> bool {
    lock_owner(&lock_path(path)).is_some_and(|pid| pid != std::process::id() && process_alive(pid))
}

/// Is process `pid` still running, and is it a weighup (a process id can be reused)?
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_dir = Path::new("/proc");
    if proc_dir.join("self").exists() {
        let theirs = proc_dir.join(pid.to_string());
        if !theirs.exists() {
            return false;
        }
        // Same program name as ours, or unreadable (then assume it is).
        let ours = fs::read_to_string(proc_dir.join("self/comm")).ok();
        let name = fs::read_to_string(theirs.join("comm")).ok();
        return match (ours, name) {
            (Some(o), Some(n)) => o == n,
            _ => true,
        };
    }
    // No /proc: ask `kill -0`, which sends nothing.
    std::process::Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Gives up this session's reservation of `path`.
pub fn release(path: &Path) {
    let lock = lock_path(path);
    let mut held = held();
    if let Some(i) = held.iter().position(|l| *l == lock) {
        held.remove(i);
        if lock_owner(&lock) == Some(std::process::id()) {
            let _ = fs::remove_file(&lock);
        }
    }
}

/// Gives up every reservation this process holds (on exit, also after Ctrl-C).
pub fn release_all() {
    let mut held = held();
    for lock in held.drain(..) {
        if lock_owner(&lock) == Some(std::process::id()) {
            let _ = fs::remove_file(&lock);
        }
    }
}

/// Creates a folder (and its parents) that only the user can open (0700 on Unix), when it
/// does not exist yet. An existing folder is left as it is.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

pub use crate::files::{MAX_READ, ReadError, read_regular};

/// Is the file at `path` a weighup answer sheet (by its `schema` field)?
pub fn is_sheet_file(path: &Path) -> bool {
    sheet_schema(path).is_some()
}

/// The `schema` of the answer sheet at `path`, or `None` when it is not one (or unreadable).
fn sheet_schema(path: &Path) -> Option<String> {
    let bytes = read_regular(path, MAX_READ).ok()?;
    let v = serde_json::from_slice::<serde_json::Value>(&bytes).ok()?;
    let s = v.get("schema")?.as_str()?;
    s.starts_with(SCHEMA_PREFIX).then(|| s.to_string())
}

/// Saves atomically: a temporary file in the same folder, flushed to disk, then renamed over
/// the target. The file is private to the user (mode 0600 on Unix). Refuses to replace a file
/// that is not a weighup answer sheet.
pub fn save(path: &Path, sheet: &Sheet) -> Result<(), PersistError> {
    refuse_link(path)?;
    if let Some(pid) =
        lock_owner(&lock_path(path)).filter(|&pid| pid != std::process::id() && process_alive(pid))
    {
        return Err(PersistError::Busy {
            path: path.display().to_string(),
            pid,
        });
    }
    if path.exists() {
        match sheet_schema(path) {
            None => {
                return Err(PersistError::NotASheet {
                    path: path.display().to_string(),
                });
            }
            Some(schema) if schema_version(&schema).is_none_or(|v| v > SCHEMA_VERSION) => {
                return Err(PersistError::Newer {
                    path: path.display().to_string(),
                    schema,
                });
            }
            Some(_) => {}
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&dir).map_err(|e| PersistError::io(&dir, &e))?;
    let name = path
        .file_name()
        .map_or_else(|| "answers".into(), |n| n.to_string_lossy().into_owned());
    let mut text = serde_json::to_string_pretty(sheet).expect("a sheet always serialises");
    text.push('\n');
    // The temporary file gets an unpredictable name and is created exclusively (never through
    // a link or into a file someone planted), private to the user (0600) from the start.
    let write = || -> std::io::Result<()> {
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(fs::Permissions::from_mode(0o600));
        }
        let mut tmp = builder.tempfile_in(&dir)?;
        tmp.write_all(text.as_bytes())?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    };
    write().map_err(|e| PersistError::io(path, &e))?;
    note_latest(path, sheet);
    Ok(())
}

/// A sheet as loaded, with what was done to read it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub sheet: Sheet,
    /// The schema version the file was written in.
    pub from_version: u32,
    /// The upgrade steps applied (empty when the file was already current).
    pub upgraded: Vec<&'static str>,
}

/// Loads a sheet, with a clear message (path, line:column, fix) when it cannot.
/// The file is only read, never changed.
pub fn load(path: &Path) -> Result<Sheet, PersistError> {
    load_detailed(path).map(|l| l.sheet)
}

/// Loads a sheet and says whether it was upgraded from an earlier schema version.
/// The file is only read, never changed (an upgraded sheet is written in the current
/// version the next time it is saved).
pub fn load_detailed(path: &Path) -> Result<Loaded, PersistError> {
    let shown = path.display().to_string();
    let bytes = read_regular(path, MAX_READ).map_err(|e| PersistError::Io {
        path: shown.clone(),
        message: match e {
            ReadError::Io(_) => {
                format!("{e}\n    fix: check the file name and that you may read it")
            }
            _ => format!("{e}\n    fix: give the path of a .json file weighup saved"),
        },
    })?;
    parse_detailed(&shown, bytes)
}

/// Reads a sheet from the bytes of a file (named `shown` in messages), checked as strictly as
/// [`load_detailed`] checks a file: every command that reads sheets goes through here.
pub fn parse_detailed(shown: &str, bytes: Vec<u8>) -> Result<Loaded, PersistError> {
    let shown = shown.to_string();
    let invalid =
        |(line, column): (usize, usize), message: String, fix: &str| PersistError::Invalid {
            path: shown.clone(),
            line,
            column,
            message,
            fix: fix.to_string(),
        };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let at = line_col(&String::from_utf8_lossy(good), good.len());
            return Err(invalid(
                at,
                "this is not a text file (it has bytes that are not UTF-8 text)".into(),
                "give the path of a .json file weighup saved",
            ));
        }
    };
    // A byte order mark (Notepad adds one) is not part of the JSON: skip it.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(invalid(
            (1, 1),
            "the file is empty".into(),
            "open another answer sheet, or start a new questionnaire",
        ));
    }
    let mut value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        let p = crate::problem::Problem::from_json(&shown, &e);
        invalid((e.line(), e.column()), p.message, &p.fix)
    })?;
    // serde_json keeps only one of two equal keys: a field given twice would be read as
    // whichever came last, so it is refused, naming the field.
    if let Some((key, at)) = duplicate_key(&text) {
        return Err(invalid(
            line_col(&text, at),
            format!("the field \"{key}\" is given twice; a sheet has each field once"),
            "remove one of the two, keeping the right value",
        ));
    }
    let not_a_sheet = "give the path of a file weighup saved (its first field is \"schema\": \"weighup.answers/1\")";
    let Some(map) = value.as_object() else {
        let kind = match &value {
            serde_json::Value::Array(_) => "a list",
            serde_json::Value::String(_) => "a text",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::Bool(_) => "true or false",
            _ => "null",
        };
        return Err(invalid(
            first_token(&text),
            format!("this is JSON, but {kind}, not a weighup answer sheet"),
            not_a_sheet,
        ));
    };
    let schema_at = key_position(&text, "schema").unwrap_or_else(|| first_token(&text));
    let Some(schema) = map.get("schema").and_then(|s| s.as_str()) else {
        let message = if map.contains_key("answers") {
            "this is JSON with answers, but not a saved answer sheet (it has no \"schema\" field); \
             `weighup report` reads such a file, but it cannot be resumed"
        } else {
            "this is JSON, but not a weighup answer sheet (it has no \"schema\" field)"
        };
        return Err(invalid(schema_at, message.into(), not_a_sheet));
    };
    let Some(version) = schema_version(schema) else {
        return Err(invalid(
            schema_at,
            format!("\"schema\" is \"{schema}\", which is not a weighup answer sheet"),
            not_a_sheet,
        ));
    };
    if version > SCHEMA_VERSION {
        let maker = map
            .get("app_version")
            .and_then(|v| v.as_str())
            .filter(|v| *v != env!("CARGO_PKG_VERSION"))
            .map_or_else(String::new, |v| {
                format!(" ({})", crate::text::sanitize_line(v))
            });
        return Err(invalid(
            schema_at,
            format!(
                "this answer sheet was made by a newer weighup{maker}: it is in format {schema}, \
                 and this weighup ({}) reads up to {SCHEMA}",
                env!("CARGO_PKG_VERSION")
            ),
            "update weighup to open it; the file is left as it is",
        ));
    }
    if version < SCHEMA_VERSION {
        let upgraded = upgrade(&mut value, version, MIGRATIONS)
            .map_err(|m| invalid(schema_at, m, "give the path of a file weighup saved"))?;
        let sheet = serde_json::from_value::<Sheet>(value).map_err(|e| {
            let p = crate::problem::Problem::from_json(&shown, &e);
            invalid(schema_at, p.message, &p.fix)
        })?;
        check_fields(&sheet).map_err(|(key, message)| {
            invalid(
                key_position(&text, key).unwrap_or(schema_at),
                message,
                "repair the field named here from a copy, or start a new questionnaire",
            )
        })?;
        return Ok(Loaded {
            sheet,
            from_version: version,
            upgraded,
        });
    }
    let sheet = serde_json::from_str::<Sheet>(&text).map_err(|e| {
        // The text is valid JSON (it was read above): a field has the wrong form.
        let p = crate::problem::Problem::from_json_shape(&shown, &e);
        invalid(
            (e.line(), e.column()),
            p.message,
            "repair the field named here from a copy, or start a new questionnaire",
        )
    })?;
    check_fields(&sheet).map_err(|(key, message)| {
        invalid(
            key_position(&text, key).unwrap_or_else(|| first_token(&text)),
            message,
            "repair the field named here from a copy, or start a new questionnaire",
        )
    })?;
    Ok(Loaded {
        sheet,
        from_version: version,
        upgraded: Vec::new(),
    })
}

/// Checks the fields whose form the format fixes (see `assets/answers.schema.json`): the
/// dates are RFC 3339 date-times, the bank hash is `sha256:` and 64 hex digits. Returns the
/// top-level key to point at and the message.
fn check_fields(sheet: &Sheet) -> Result<(), (&'static str, String)> {
    use time::format_description::well_known::Rfc3339;
    for (key, value) in [("created", &sheet.created), ("updated", &sheet.updated)] {
        if OffsetDateTime::parse(value, &Rfc3339).is_err() {
            return Err((
                key,
                format!(
                    "\"{key}\" is \"{}\", which is not a date and time such as 2026-11-30T10:15:00Z",
                    crate::text::sanitize_line(&crate::text::shorten(value, 40))
                ),
            ));
        }
    }
    let hash_ok = sheet.bank.hash.strip_prefix("sha256:").is_some_and(|h| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    if !hash_ok {
        return Err((
            "bank",
            "\"bank.hash\" is not \"sha256:\" followed by 64 hexadecimal digits".to_string(),
        ));
    }
    Ok(())
}

/// Loads a sheet and checks its answers against `bank` (see [`Sheet::check_answers`]):
/// what every command that counts or shows answers reads a sheet with.
pub fn load_checked(path: &Path, bank: &crate::bank::Bank) -> Result<Loaded, PersistError> {
    let loaded = load_detailed(path)?;
    check_loaded(path.display().to_string(), loaded, bank)
}

/// [`Sheet::check_answers`] on a loaded sheet, as a [`PersistError`].
pub fn check_loaded(
    shown: String,
    loaded: Loaded,
    bank: &crate::bank::Bank,
) -> Result<Loaded, PersistError> {
    match loaded.sheet.check_answers(bank, &shown) {
        Ok(()) => Ok(loaded),
        Err(problems) => Err(PersistError::Answers {
            path: shown,
            problems,
        }),
    }
}

/// The 1-based line and column (in characters) of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where the first non-blank character is.
fn first_token(text: &str) -> (usize, usize) {
    let at = text.len() - text.trim_start().len();
    line_col(text, at)
}

/// The keys of the top-level object with the byte offset of each (the opening quote of its
/// name), found by walking the JSON text: keys of nested objects and text inside strings are
/// skipped. Names are as written (escapes not decoded).
fn top_level_keys(text: &str) -> Vec<(&str, usize)> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut expect_key = false;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                depth += 1;
                expect_key = depth == 1;
            }
            b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 1 => expect_key = true,
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if depth == 1 && expect_key {
                    if let Some(name) = text.get(start + 1..i) {
                        keys.push((name, start));
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// Where a key of the top-level object is (1-based line and column).
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    top_level_keys(text)
        .into_iter()
        .find(|(k, _)| *k == key)
        .map(|(_, at)| line_col(text, at))
}

/// The first top-level key given a second time, and where the second one is.
fn duplicate_key(text: &str) -> Option<(String, usize)> {
    let keys = top_level_keys(text);
    let mut seen = std::collections::HashSet::new();
    keys.into_iter()
        .find(|(k, _)| !seen.insert(*k))
        .map(|(k, at)| (crate::text::sanitize_line(k), at))
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

/// How many of the most recently saved files [`latest_unfinished`] looks at.
pub const RESUME_SCAN: usize = 200;

/// The most recently saved unfinished sheet in a folder, found without reading every sheet:
/// the `.json` files are ordered by modification time (one directory listing; links and
/// anything but regular files are passed over), and only the newest [`RESUME_SCAN`] are
/// opened; of the unfinished ones among them, the one with the latest `updated` time wins.
/// A finished sheet is recognised from its `"complete"` field without reading it as a sheet.
/// The index [`LATEST_INDEX`] is tried first.
pub fn latest_unfinished(dir: &Path) -> Option<PathBuf> {
    if let Some(p) = indexed_unfinished(dir) {
        return Some(p);
    }
    let entries = fs::read_dir(dir).ok()?;
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            Path::new(&e.file_name())
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .filter_map(|e| {
            // The entry's own type and time: a link is not followed.
            let meta = e.metadata().ok()?;
            meta.is_file()
                .then(|| (meta.modified().unwrap_or(std::time::UNIX_EPOCH), e.path()))
        })
        .collect();
    let newest_first = |a: &(std::time::SystemTime, PathBuf),
                        b: &(std::time::SystemTime, PathBuf)| {
        b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1))
    };
    if files.len() > RESUME_SCAN {
        files.select_nth_unstable_by(RESUME_SCAN, newest_first);
        files.truncate(RESUME_SCAN);
    }
    files.sort_by(newest_first);
    // Of those, the unfinished sheet saved last by its own "updated" time (a copied file gets
    // a new modification time, not a new "updated").
    files
        .into_iter()
        .map(|(_, p)| p)
        .filter_map(|p| {
            let bytes = read_regular(&p, MAX_READ).ok()?;
            if says_complete(&bytes) {
                return None;
            }
            let sheet = parse_detailed(&p.display().to_string(), bytes).ok()?.sheet;
            (!sheet.complete).then(|| (parse_time(&sheet.updated), p))
        })
        .reduce(|best, next| if next.0 > best.0 { next } else { best })
        .map(|(_, p)| p)
}

/// A sheet's RFC 3339 time, for ordering (an unreadable one sorts first).
fn parse_time(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

/// The small index in the data folder: the file name of the sheet last saved there while
/// unfinished, so that start-up need not look through the folder. Only a hint: the sheet it
/// names is read and checked, and the folder is looked through when it is missing or stale.
pub const LATEST_INDEX: &str = ".weighup-latest-unfinished";

/// The sheet the index names, when it is still there and unfinished.
fn indexed_unfinished(dir: &Path) -> Option<PathBuf> {
    let bytes = read_regular(&dir.join(LATEST_INDEX), 4096).ok()?;
    let name = std::str::from_utf8(&bytes).ok()?.trim();
    // A plain file name in this folder, nothing else.
    if name.is_empty() || Path::new(name).file_name() != Some(std::ffi::OsStr::new(name)) {
        return None;
    }
    let path = dir.join(name);
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let bytes = read_regular(&path, MAX_READ).ok()?;
    parse_detailed(&path.display().to_string(), bytes)
        .is_ok_and(|l| !l.sheet.complete)
        .then_some(path)
}

/// Keeps the index of the data folder up to date after a save there: names the sheet when it
/// is unfinished, and drops the entry when the sheet it names is finished. Best effort (it
/// is only a hint); sheets saved elsewhere (--out) leave it alone.
fn note_latest(path: &Path, sheet: &Sheet) {
    let Some(data) = default_dir() else { return };
    let folder = folder_of(path);
    let same = match (fs::canonicalize(&folder), fs::canonicalize(&data)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    if !same {
        return;
    }
    let index = data.join(LATEST_INDEX);
    if sheet.complete {
        let names_this = read_regular(&index, 4096)
            .ok()
            .is_some_and(|b| String::from_utf8_lossy(&b).trim() == name);
        if names_this {
            let _ = fs::remove_file(&index);
        }
        return;
    }
    let write = || -> std::io::Result<()> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(".weighup-index.").suffix(".tmp");
        let mut tmp = builder.tempfile_in(&data)?;
        writeln!(tmp, "{name}")?;
        tmp.persist(&index).map_err(|e| e.error)?;
        Ok(())
    };
    let _ = write();
}

/// Does this file's top-level `"complete"` field say `true`? (A quick look, without reading
/// it as a sheet; anything unclear is `false`, and the sheet is then read in full.)
fn says_complete(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    top_level_keys(text)
        .into_iter()
        .find(|(k, _)| *k == "complete")
        .is_some_and(|(_, at)| {
            let rest = &text[at + "\"complete\"".len()..];
            rest.trim_start()
                .strip_prefix(':')
                .is_some_and(|r| r.trim_start().starts_with("true"))
        })
}
