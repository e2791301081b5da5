//! Scenario cards: an organisation to play in a workshop, the facts a participant needs to
//! answer every question, questions for the debrief, and a note for the facilitator.
//!
//! The built-in cards live in `assets/scenarios/*.json` and are embedded in the binary. Each
//! file holds one card. Unknown fields are errors, and every problem in every file is reported
//! at once, with the file, the place (line:column or a JSON path) and the fix.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;
// The number of single-character edits that turn one id into another (Levenshtein).
use strsim::levenshtein as distance;

use crate::bank::{Bank, Verdict};
use crate::problem::{Problem, Problems};
use crate::text::{wrap, wrap_indent};

/// The built-in cards, in the order they are listed: (file name, contents).
/// A test checks that this list matches the files in `assets/scenarios/`.
pub(crate) static BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "01-regional-hospital.json",
        include_str!("../../assets/scenarios/01-regional-hospital.json"),
    ),
    (
        "02-seed-saas.json",
        include_str!("../../assets/scenarios/02-seed-saas.json"),
    ),
    (
        "03-global-platform.json",
        include_str!("../../assets/scenarios/03-global-platform.json"),
    ),
    (
        "04-eu-bank-documents.json",
        include_str!("../../assets/scenarios/04-eu-bank-documents.json"),
    ),
    (
        "05-public-agency.json",
        include_str!("../../assets/scenarios/05-public-agency.json"),
    ),
    (
        "06-university-lab.json",
        include_str!("../../assets/scenarios/06-university-lab.json"),
    ),
    (
        "07-seasonal-retailer.json",
        include_str!("../../assets/scenarios/07-seasonal-retailer.json"),
    ),
    (
        "08-distilling-ai-company.json",
        include_str!("../../assets/scenarios/08-distilling-ai-company.json"),
    ),
];

/// The built-in cards' file names, in list order.
pub fn builtin_file_names() -> Vec<&'static str> {
    BUILTIN_FILES.iter().map(|(n, _)| *n).collect()
}

/// The folder the built-in cards come from, for messages.
pub const BUILTIN_DIR: &str = "assets/scenarios";

/// A brief is about half a page: at least this many words...
pub const BRIEF_MIN_WORDS: usize = 80;
/// ...and at most this many.
pub const BRIEF_MAX_WORDS: usize = 400;
/// The longest short name, so that tables fit 80 columns.
pub const SHORT_MAX: usize = 24;
/// How many discussion questions a card has.
pub const DISCUSSION_RANGE: std::ops::RangeInclusive<usize> = 2..=5;

/// One fact on a card, such as "Where the records may go: never outside our own servers".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: String,
    pub value: String,
    /// The bank questions this fact answers (for the facilitator and for checking that the
    /// card covers every question).
    pub questions: Vec<String>,
}

/// What only the facilitator sees (unless they choose to show it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facilitator {
    /// What to watch for, and how to steer the debrief.
    pub note: String,
    /// The verdicts a careful reading of the card supports, the most likely first.
    pub expected: Vec<Verdict>,
    /// Why those verdicts, in plain words.
    pub reasoning: String,
}

/// A validated scenario card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// Stable id, saved in answer sheets: lowercase letters, digits and hyphens.
    pub id: String,
    /// "A regional hospital with patient records".
    pub title: String,
    /// A short name for tables, such as "Regional hospital" (at most [`SHORT_MAX`] characters).
    pub short: String,
    /// One line for lists.
    pub summary: String,
    /// About half a page; paragraphs are separated by a blank line.
    pub brief: String,
    pub facts: Vec<Fact>,
    /// Two to five questions for the debrief.
    pub discussion: Vec<String>,
    pub facilitator: Facilitator,
    /// The file it was read from.
    pub file: String,
}

// The card as written in JSON. `expected` is read as text so that a wrong verdict gets a
// clear message rather than serde's.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: String,
    title: String,
    short: String,
    summary: String,
    brief: String,
    facts: Vec<RawFact>,
    discussion: Vec<String>,
    facilitator: RawFacilitator,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    label: String,
    value: String,
    #[serde(default)]
    questions: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacilitator {
    note: String,
    expected: Vec<String>,
    reasoning: String,
}

/// The built-in cards, checked against the built-in question bank.
pub fn scenarios() -> Result<Vec<Scenario>, Problems> {
    let bank = Bank::builtin()?;
    builtin_for(&bank)
}

/// The built-in cards, checked against `bank` (which must be the built-in bank or one that
/// asks the same questions).
pub fn builtin_for(bank: &Bank) -> Result<Vec<Scenario>, Problems> {
    let files: Vec<(String, String)> = BUILTIN_FILES
        .iter()
        .map(|(n, c)| (format!("{BUILTIN_DIR}/{n}"), (*c).to_string()))
        .collect();
    from_files(&files, bank)
}

/// Cards from a folder of `*.json` files (one card per file), in file-name order.
pub fn from_dir(dir: &Path, bank: &Bank) -> Result<Vec<Scenario>, Problems> {
    let shown = dir.display().to_string();
    let mut problems = Vec::new();
    let files: Vec<(String, String)> =
        match crate::problem::read_json_folder(dir, "scenario cards (*.json)") {
            Ok(files) => files
                .into_iter()
                .map(|(path, text)| (path.display().to_string(), text))
                .collect(),
            Err(Problems(ps)) => {
                problems = ps;
                Vec::new()
            }
        };
    if files.is_empty() && problems.is_empty() {
        problems.push(Problem::new(
            &shown,
            "folder",
            "there are no scenario cards (*.json files) in this folder",
            "add one JSON file per card, such as 01-regional-hospital.json",
        ));
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    from_files(&files, bank)
}

/// Parses and checks cards from (file name, contents) pairs, one card per file. Every
/// problem in every file is reported at once.
pub fn from_files(files: &[(String, String)], bank: &Bank) -> Result<Vec<Scenario>, Problems> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (file, text) in files {
        let raw = match serde_json::from_str::<RawScenario>(text) {
            Ok(r) => r,
            Err(e) => {
                problems.push(Problem::from_json(file, &e));
                continue;
            }
        };
        if let Some(first) = seen.get(&raw.id) {
            problems.push(Problem::new(
                file,
                "id",
                format!("scenario id '{}' is also used by {first}", raw.id),
                "give every card its own id; sheets record the id of the card played",
            ));
        } else {
            seen.insert(raw.id.clone(), file.clone());
        }
        let before = problems.len();
        let card = check(file, raw, bank, &mut problems);
        if problems.len() == before {
            out.push(card);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Problems(problems))
    }
}

/// Is `id` a valid card id: lowercase ASCII letters, digits and single hyphens?
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

fn check(file: &str, raw: RawScenario, bank: &Bank, problems: &mut Vec<Problem>) -> Scenario {
    let mut push = |place: &str, message: String, fix: &str| {
        problems.push(Problem::new(file, place, message, fix));
    };
    if !valid_id(&raw.id) {
        push(
            "id",
            format!("'{}' is not a valid scenario id", raw.id),
            "use lowercase letters, digits and hyphens, such as 'regional-hospital'",
        );
    }
    for (place, value) in [
        ("title", &raw.title),
        ("short", &raw.short),
        ("summary", &raw.summary),
        ("brief", &raw.brief),
        ("facilitator.note", &raw.facilitator.note),
        ("facilitator.reasoning", &raw.facilitator.reasoning),
    ] {
        if value.trim().is_empty() {
            push(
                place,
                format!(
                    "the {} is empty",
                    place.replace("facilitator.", "facilitator's ")
                ),
                "write it in plain words for a manager",
            );
        }
    }
    let short_len = raw.short.chars().count();
    if short_len > SHORT_MAX {
        push(
            "short",
            format!("the short name has {short_len} characters; at most {SHORT_MAX} fit in tables"),
            "shorten it, such as \"Regional hospital\"",
        );
    }
    let words = raw.brief.split_whitespace().count();
    if !raw.brief.trim().is_empty() && !(BRIEF_MIN_WORDS..=BRIEF_MAX_WORDS).contains(&words) {
        push(
            "brief",
            format!(
                "the brief has {words} words; a brief is about half a page ({BRIEF_MIN_WORDS} to {BRIEF_MAX_WORDS} words)"
            ),
            if words < BRIEF_MIN_WORDS {
                "say more about the organisation, what it wants the AI for, and its constraints"
            } else {
                "shorten it; put the numbers in the facts"
            },
        );
    }
    if raw.facts.is_empty() {
        push(
            "facts",
            "the card has no facts".to_string(),
            "list the facts a participant needs: data, volumes, users, team, budget, constraints",
        );
    }
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut covered: HashSet<&str> = HashSet::new();
    for (i, f) in raw.facts.iter().enumerate() {
        if f.label.trim().is_empty() {
            push(
                &format!("facts[{i}].label"),
                "this fact has no label".to_string(),
                "give it a short label, such as \"Where the records may go\"",
            );
        } else if let Some(first) = labels.insert(f.label.trim().to_lowercase(), i) {
            push(
                &format!("facts[{i}].label"),
                format!("the label '{}' is also used by facts[{first}]", f.label),
                "give every fact its own label, or merge the two facts",
            );
        }
        if f.value.trim().is_empty() {
            push(
                &format!("facts[{i}].value"),
                "this fact has no value".to_string(),
                "write the fact itself, such as \"About 3,000 letters a week\"",
            );
        }
        for (qi, q) in f.questions.iter().enumerate() {
            if bank.question(q).is_some() {
                covered.insert(q.as_str());
            } else {
                push(
                    &format!("facts[{i}].questions[{qi}]"),
                    format!("there is no question '{q}' in the question bank"),
                    &format!("use a question id from the bank{}", suggest(bank, q)),
                );
            }
        }
    }
    for q in &bank.questions {
        if raw.facts.is_empty() {
            break;
        }
        if q.kind.is_decision() && q.when.is_none() && !covered.contains(q.id.as_str()) {
            push(
                "facts",
                format!(
                    "no fact answers the question '{}' ({}), so a participant would have to guess",
                    q.id, q.short
                ),
                &format!(
                    "add a fact that answers it and list \"{}\" in its \"questions\"",
                    q.id
                ),
            );
        }
    }
    if !DISCUSSION_RANGE.contains(&raw.discussion.len()) {
        push(
            "discussion",
            format!(
                "the card has {} discussion question{}; a card has {} to {}",
                raw.discussion.len(),
                if raw.discussion.len() == 1 { "" } else { "s" },
                DISCUSSION_RANGE.start(),
                DISCUSSION_RANGE.end()
            ),
            "keep two or three questions that start the debrief",
        );
    }
    for (i, d) in raw.discussion.iter().enumerate() {
        if d.trim().is_empty() {
            push(
                &format!("discussion[{i}]"),
                "this discussion question is empty".to_string(),
                "write the question, or remove the empty text",
            );
        }
    }
    let mut expected = Vec::new();
    if raw.facilitator.expected.is_empty() {
        push(
            "facilitator.expected",
            "the card expects no verdict".to_string(),
            "list the verdicts a careful reading supports: \"open-weights\", \"hybrid\", \"closed\", \"conflict\" or \"undecided\"",
        );
    }
    for (i, v) in raw.facilitator.expected.iter().enumerate() {
        let place = format!("facilitator.expected[{i}]");
        match verdict_from_id(v) {
            Some(verdict) if expected.contains(&verdict) => push(
                &place,
                format!("'{v}' is listed twice"),
                "list each verdict once",
            ),
            Some(verdict) => expected.push(verdict),
            None => push(
                &place,
                format!("'{v}' is not a verdict"),
                "use \"open-weights\", \"hybrid\", \"closed\", \"conflict\" or \"undecided\"",
            ),
        }
    }
    Scenario {
        id: raw.id,
        title: raw.title,
        short: raw.short,
        summary: raw.summary,
        brief: raw.brief,
        facts: raw
            .facts
            .into_iter()
            .map(|f| Fact {
                label: f.label,
                value: f.value,
                questions: f.questions,
            })
            .collect(),
        discussion: raw.discussion,
        facilitator: Facilitator {
            note: raw.facilitator.note,
            expected,
            reasoning: raw.facilitator.reasoning,
        },
        file: file.to_string(),
    }
}

/// A verdict from its id (`open-weights`, `hybrid`, `closed`).
pub fn verdict_from_id(id: &str) -> Option<Verdict> {
    Verdict::ALL.into_iter().find(|v| v.id() == id)
}

/// " (did you mean 'x'?)" for an id a few letters away from a real one, else "".
fn suggest(bank: &Bank, id: &str) -> String {
    bank.questions
        .iter()
        .map(|q| (distance(&q.id, id), &q.id))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map_or_else(String::new, |(_, q)| format!(" (did you mean '{q}'?)"))
}

/// The card with this id in a list.
pub fn find_in<'a>(scenarios: &'a [Scenario], id: &str) -> Option<&'a Scenario> {
    scenarios.iter().find(|s| s.id == id)
}

impl Scenario {
    /// The built-in card with this id, or a message that lists the ids there are (without the
    /// command line's prefix).
    pub fn find(id: &str) -> Result<Scenario, String> {
        let all = scenarios().map_err(|p| format!("the scenario cards have problems:\n{p}"))?;
        if let Some(s) = find_in(&all, id) {
            return Ok(s.clone());
        }
        let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
        let near = all
            .iter()
            .find(|s| {
                let needle = id.to_lowercase();
                !needle.is_empty() && (s.id.contains(&needle) || needle.contains(&s.id))
            })
            .or_else(|| {
                all.iter()
                    .map(|s| (distance(&s.id, &id.to_lowercase()), s))
                    .filter(|(d, _)| *d <= 4)
                    .min_by_key(|(d, _)| *d)
                    .map(|(_, s)| s)
            })
            .map_or_else(String::new, |s| format!(" Did you mean '{}'?", s.id));
        Err(format!(
            "there is no scenario '{id}'.{near} The scenarios are: {}. See `weighup scenarios`.",
            ids.join(", ")
        ))
    }

    /// The paragraphs of the brief.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.brief
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }

    /// The expected verdicts in words: "Open weights, or a hybrid of open weights and closed".
    pub fn expected_words(&self) -> String {
        self.facilitator
            .expected
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if i == 0 {
                    v.title().to_string()
                } else {
                    lower_first(v.title())
                }
            })
            .collect::<Vec<_>>()
            .join(", or ")
    }

    /// The card as plain text wrapped to `width`, as a participant gets it. With
    /// `facilitator`, the facilitator's note, expected verdicts and reasoning follow, under a
    /// heading that says not to hand them out.
    pub fn card_text(&self, width: usize, facilitator: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Scenario: {}", self.title);
        let _ = writeln!(out, "(play it with: weighup --scenario {})", self.id);
        for p in self.paragraphs() {
            let _ = writeln!(out);
            for l in wrap(p, width) {
                let _ = writeln!(out, "{l}");
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "The facts");
        for f in &self.facts {
            let first = format!("  {}: ", f.label);
            let _ = writeln!(out, "{}", wrap_indent(&f.value, width, &first, "    "));
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "For the discussion");
        for (i, d) in self.discussion.iter().enumerate() {
            let first = format!("  {}. ", i + 1);
            let _ = writeln!(out, "{}", wrap_indent(d, width, &first, "     "));
        }
        if facilitator {
            let _ = writeln!(out);
            let _ = writeln!(out, "For the facilitator (do not hand this part out)");
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(
                    &self.expected_words(),
                    width,
                    "  Expected: ",
                    "            "
                )
            );
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&self.facilitator.reasoning, width, "  Why: ", "       ")
            );
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&self.facilitator.note, width, "  Note: ", "        ")
            );
        }
        out
    }

    /// The card as Markdown, for printing or a slide. `facilitator` as for [`Self::card_text`].
    pub fn card_markdown(&self, facilitator: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## {}", md_escape(&self.title));
        let _ = writeln!(out);
        let _ = writeln!(out, "Play it with `weighup --scenario {}`.", self.id);
        for p in self.paragraphs() {
            let _ = writeln!(out);
            let _ = writeln!(out, "{}", md_escape(p));
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "### The facts");
        let _ = writeln!(out);
        for f in &self.facts {
            let _ = writeln!(
                out,
                "- **{}:** {}",
                md_escape(&f.label),
                md_escape(&f.value)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "### For the discussion");
        let _ = writeln!(out);
        for (i, d) in self.discussion.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", i + 1, md_escape(d));
        }
        if facilitator {
            let _ = writeln!(out);
            let _ = writeln!(out, "### For the facilitator (do not hand this part out)");
            let _ = writeln!(out);
            let _ = writeln!(out, "- **Expected:** {}", self.expected_words());
            let _ = writeln!(out, "- **Why:** {}", md_escape(&self.facilitator.reasoning));
            let _ = writeln!(out, "- **Note:** {}", md_escape(&self.facilitator.note));
        }
        out
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Escapes the characters Markdown would read as formatting or table cells.
pub(crate) fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The decision questions a participant is asked for these answers that no fact on the card
/// answers (for checking a card against a model answer sheet).
pub fn uncovered(
    scenario: &Scenario,
    bank: &Bank,
    answers: &crate::answers::Answers,
) -> Vec<String> {
    let covered: HashSet<&str> = scenario
        .facts
        .iter()
        .flat_map(|f| f.questions.iter().map(String::as_str))
        .collect();
    bank.asked(answers)
        .into_iter()
        .map(|i| &bank.questions[i])
        .filter(|q| q.kind.is_decision() && !covered.contains(q.id.as_str()))
        .map(|q| q.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words_with_hyphens() {
        assert!(valid_id("regional-hospital"));
        assert!(valid_id("eu-bank-2"));
        assert!(!valid_id("Regional"));
        assert!(!valid_id("a--b"));
        assert!(!valid_id("-a"));
        assert!(!valid_id(""));
        assert!(!valid_id("a b"));
    }

    #[test]
    fn distance_counts_edits_in_characters() {
        assert_eq!(
            distance("privacy.data_sensitivty", "privacy.data_sensitivity"),
            1
        );
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("same", "same"), 0);
        // A letter with an accent is one edit, not two bytes.
        assert_eq!(distance("café", "cafe"), 1);
    }

    #[test]
    fn expected_verdicts_read_as_words() {
        let all = scenarios().unwrap();
        let bank = find_in(&all, "eu-bank-documents").unwrap();
        assert_eq!(
            bank.expected_words(),
            "A hybrid: open weights for some work, closed for the rest, or open weights"
        );
    }
}
