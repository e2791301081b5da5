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
