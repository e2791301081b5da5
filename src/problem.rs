//! Problems found in input files: what is wrong, where, and how to fix it.

use std::fmt;

/// One problem in one file. `place` is `line:column` or a JSON path such as
/// `questions[2].options[0].effects[1].weight`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub place: String,
    pub message: String,
    pub fix: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        place: impl Into<String>,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            place: place.into(),
            message: message.into(),
            fix: fix.into(),
        }
    }

    /// A problem reported by the JSON parser, with its line and column.
    pub fn from_json(file: &str, err: &serde_json::Error) -> Self {
        let (message, fix) = describe_json_error(err);
        Problem::new(
            file,
            format!("{}:{}", err.line(), err.column()),
            message,
            fix,
        )
    }
}

impl Problem {
    /// A problem in a file that is valid JSON but not of the form expected (the parser may
    /// still call it a syntax error, for example an answer with two kinds at once).
    pub fn from_json_shape(file: &str, err: &serde_json::Error) -> Self {
        let (message, fix) = describe_json_error(err);
        let message = match message.strip_prefix("this is not valid JSON: ") {
            Some(rest) => {
                format!("this is valid JSON, but not in the form weighup expects here: {rest}")
            }
            None => message,
        };
        Problem::new(
            file,
            format!("{}:{}", err.line(), err.column()),
            message,
            fix,
        )
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}\n    fix: {}",
            self.file, self.place, self.message, self.fix
        )
    }
}

/// Several problems, reported together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// Turns a `serde_json` error into a plain message and a fix.
fn describe_json_error(err: &serde_json::Error) -> (String, String) {
    use serde_json::error::Category;
    let text = err.to_string();
    // serde_json appends " at line L column C"; we print the place separately.
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    match err.classify() {
        Category::Eof if text.contains("EOF while parsing") => (
            "the file ends too early (it looks cut off or empty)".to_string(),
            "restore the file from a copy, or complete the missing brackets".to_string(),
        ),
        Category::Eof | Category::Syntax => (
            format!("this is not valid JSON: {text}"),
            "check for a missing comma, quote or bracket just before this place".to_string(),
        ),
        Category::Data if text.starts_with("unknown field") => (
            text.clone(),
            "remove the field or correct its spelling (see the expected fields listed)".to_string(),
        ),
        Category::Data if text.starts_with("missing field") => (
            text.clone(),
            "add the field; every field without a default is required".to_string(),
        ),
        Category::Data => (
            text,
            "give the value the type and form the format expects".to_string(),
        ),
        Category::Io => (text, "check that the file can be read".to_string()),
    }
}

/// Finds where the value at a JSON path (`questions[2].options[0].id`) starts in `text`, as
/// 1-based (line, column). The path may end before the point a problem names (a missing
/// field): the nearest existing ancestor is used.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let segments = parse_path(path)?;
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    let mut found = pos;
    for seg in &segments {
        match (seg, bytes.get(pos)) {
            (Segment::Key(k), Some(b'{')) => match find_key(bytes, pos, k) {
                Some(p) => pos = p,
                None => break,
            },
            (Segment::Index(n), Some(b'[')) => match find_index(bytes, pos, *n) {
                Some(p) => pos = p,
                None => break,
            },
            _ => break,
        }
        found = pos;
    }
    let before = &text[..found.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}

enum Segment {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            out.push(Segment::Key(name.to_string()));
        }
        for idx in rest.split('[') {
            let idx = idx.trim_end_matches(']');
            if !idx.is_empty() {
                out.push(Segment::Index(idx.parse().ok()?));
            }
        }
    }
    Some(out)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of the JSON value starting at `i` (just after it).
fn skip_value(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => skip_string(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < b.len() {
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            j
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']') && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            j
        }
    }
}

fn skip_string(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    j
}

/// Inside the object at `i`, the start of the value for `key`.
fn find_key(b: &[u8], i: usize, key: &str) -> Option<usize> {
    let mut j = skip_ws(b, i + 1);
    while j < b.len() && b[j] == b'"' {
        let end = skip_string(b, j);
        let name = std::str::from_utf8(&b[j + 1..end.saturating_sub(1)]).ok()?;
        j = skip_ws(b, end);
        if b.get(j) != Some(&b':') {
            return None;
        }
        j = skip_ws(b, j + 1);
        if name == key {
            return Some(j);
        }
        j = skip_ws(b, skip_value(b, j));
        if b.get(j) == Some(&b',') {
            j = skip_ws(b, j + 1);
        }
    }
    None
}

/// Inside the array at `i`, the start of item `n`.
fn find_index(b: &[u8], i: usize, n: usize) -> Option<usize> {
    let mut j = skip_ws(b, i + 1);
    for _ in 0..n {
        if matches!(b.get(j), None | Some(b']')) {
            return None;
        }
        j = skip_ws(b, skip_value(b, j));
        if b.get(j) != Some(&b',') {
            return None;
        }
        j = skip_ws(b, j + 1);
    }
    (!matches!(b.get(j), None | Some(b']'))).then_some(j)
}

/// Reads every `*.json` file of a folder, in file-name order: (path, text). Every file that
/// cannot be read is reported at once; `what` says what the folder should hold, for the fix.
pub fn read_json_folder(
    dir: &std::path::Path,
    what: &str,
) -> Result<Vec<(std::path::PathBuf, String)>, Problems> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Problems(vec![Problem::new(
            &shown,
            "folder",
            format!("cannot read this folder: {e}"),
            format!("give the path of a folder that holds {what}"),
        )])
    })?;
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        // Regular files only, with a cap enforced while reading (a FIFO or a device behind
        // a .json name is reported, never waited on or read without end).
        match crate::files::read_regular(&path, crate::files::MAX_READ) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push((path, text)),
                Err(_) => problems.push(Problem::new(
                    path.display().to_string(),
                    "file",
                    "this is not a text file (it has bytes that are not UTF-8 text)",
                    "save the file as UTF-8 text",
                )),
            },
            Err(e @ crate::files::ReadError::Io(_)) => problems.push(Problem::new(
                path.display().to_string(),
                "file",
                e.to_string(),
                "check the file's permissions",
            )),
            Err(e) => problems.push(Problem::new(
                path.display().to_string(),
                "file",
                e.to_string(),
                format!("remove it from the folder, which should hold only {what}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(Problems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": [1, {\"b\": \"x,]\"},\n    {\"c\": 3}],\n  \"d\": 4\n}";
        assert_eq!(locate(text, "a[2].c"), Some((3, 11)));
        assert_eq!(locate(text, "d"), Some((4, 8)));
        assert_eq!(locate(text, "a[1].b"), Some((2, 18)));
        // A missing field points at its nearest ancestor.
        assert_eq!(locate(text, "a[2].missing"), Some((3, 5)));
    }
}
