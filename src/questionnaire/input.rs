//! One input grammar for every front end: what a person may type or choose as an answer, and
//! the words that correct a wrong entry. The full-screen app, the plain mode and the workshop
//! server all read answers through these functions, so "1,500", "1.2bn", "yes" or "3" mean the
//! same everywhere.

use crate::answers::{Answer, did_you_mean, read_number};
use crate::bank::{Kind, Question, format_number};

/// The id used for "Not sure" among a question's choices.
pub const NOT_SURE: &str = "not_sure";

/// Notes longer than this many characters are refused with a message (the text is kept).
pub const NOTE_MAX: usize = 1000;

/// One choice offered on a question: an option, then "Not sure" when the question has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRow {
    pub id: String,
    pub label: String,
    pub description: String,
    /// Chosen alone on a multiple-choice question ("None of these", "Not sure").
    pub exclusive: bool,
}

/// The choices of a question in the order every front end numbers them: its options, then
/// "Not sure" when the question offers it.
pub fn choices(q: &Question) -> Vec<ChoiceRow> {
    let mut rows: Vec<ChoiceRow> = q
        .options
        .iter()
        .map(|o| ChoiceRow {
            id: o.id.clone(),
            label: o.label.clone(),
            description: o.description.clone(),
            exclusive: o.exclusive,
        })
        .collect();
    if q.not_sure.is_some() {
        rows.push(ChoiceRow {
            id: NOT_SURE.into(),
            label: "Not sure".into(),
            description:
                "It goes on your list of things to find out, and makes the advice less certain."
                    .into(),
            exclusive: true,
        });
    }
    rows
}

/// The answer that choice `row` of [`choices`] stands for.
pub fn answer_for_choice(row: &ChoiceRow) -> Answer {
    if row.id == NOT_SURE {
        Answer::NotSure
    } else {
        Answer::Choice(row.id.clone())
    }
}

/// A multiple-choice answer from ticked choice ids, in the bank's order; `None` when nothing
/// is ticked (no answer). "Not sure" ticked stands alone.
pub fn answer_for_ticks(q: &Question, ticks: &[String]) -> Option<Answer> {
    if ticks.is_empty() {
        return None;
    }
    if ticks.iter().any(|t| t == NOT_SURE) {
        return Some(Answer::NotSure);
    }
    Some(Answer::Choices(
        q.options
            .iter()
            .filter(|o| ticks.contains(&o.id))
            .map(|o| o.id.clone())
            .collect(),
    ))
}

/// Why a typed answer was not taken.
#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// Not an answer to this question; the message says what to type instead.
    Wrong(String),
    /// A number probably typed another way ("0,2", or people in full where the unit is
    /// millions): the number meant, and the "did you mean" sentence.
    Suggest { value: f64, message: String },
}

impl InputError {
    /// The message, as one sentence.
    pub fn message(&self) -> &str {
        match self {
            InputError::Wrong(m) | InputError::Suggest { message: m, .. } => m,
        }
    }
}

/// Reads a typed answer to `q`: a number as people write it, a choice by its number, id or
/// label (and "yes"/"no"), several choices separated by commas or spaces, "not sure", or a
/// note. Empty text is not an answer (front ends decide what Enter alone means).
pub fn read_answer(q: &Question, text: &str) -> Result<Answer, InputError> {
    let t = text.trim();
    if is_not_sure(t) {
        return if q.not_sure.is_some() {
            Ok(Answer::NotSure)
        } else {
            Err(InputError::Wrong(
                "This question is optional, so it has no \"not sure\": leave it empty to skip it."
                    .to_string(),
            ))
        };
    }
    match q.kind {
        Kind::Text => check_note(t).map(Answer::Text).map_err(InputError::Wrong),
        Kind::Number => read_number_text(q, t).map(Answer::Number),
        Kind::Multi => read_choices(q, t),
        Kind::Single | Kind::YesNo | Kind::Scale => match pick(q, t) {
            Some(Pick::Option(k)) => Ok(Answer::Choice(q.options[k].id.clone())),
            Some(Pick::NotSure) => Ok(Answer::NotSure),
            None => Err(InputError::Wrong(format!(
                "\"{t}\" is not one of the choices: {}",
                hint(q)
            ))),
        },
    }
}

/// Reads a typed number and checks it against the question's range: "12", "0.5", "1,500",
/// "1 500", "900 million", "1.2bn". A decimal comma or a count typed in full where the unit is
/// millions is a [`InputError::Suggest`].
pub fn read_number_text(q: &Question, text: &str) -> Result<f64, InputError> {
    if let Some((value, message)) = did_you_mean(q, text) {
        return Err(InputError::Suggest { value, message });
    }
    read_number(q, text).map_err(|m| InputError::Wrong(sentence(&m)))
}

/// A note: any text up to [`NOTE_MAX`] characters, trimmed.
pub fn check_note(text: &str) -> Result<String, String> {
    let t = text.trim();
    let n = t.chars().count();
    if n > NOTE_MAX {
        Err(format!(
            "Please keep the note under {NOTE_MAX} characters (it has {n})."
        ))
    } else {
        Ok(t.to_string())
    }
}

/// "not sure" in any case, spacing, with underscores or hyphens.
pub fn is_not_sure(text: &str) -> bool {
    squash(text) == "notsure"
}

/// A word without spaces, underscores or hyphens, in lower case (how commands are compared).
pub fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .collect::<String>()
        .to_lowercase()
}

/// What to type, for corrections: "type a number from 1 to 5." and the like.
pub fn hint(q: &Question) -> String {
    let n = q.options.len() + usize::from(q.not_sure.is_some());
    match q.kind {
        Kind::Number => {
            let (lo, hi) = q.number.as_ref().map_or((0.0, 0.0), |s| (s.min, s.max));
            format!(
                "type a number from {} to {}{}.",
                format_number(lo),
                format_number(hi),
                if q.not_sure.is_some() {
                    ", or \"not sure\""
                } else {
                    ""
                }
            )
        }
        Kind::Multi => format!("type one or more numbers from 1 to {n}, such as 1,3."),
        Kind::Text => "type a note, or leave it empty to skip.".to_string(),
        _ => format!("type a number from 1 to {n}."),
    }
}

enum Pick {
    Option(usize),
    NotSure,
}

/// The option a word stands for: its number, its id, its label, or yes/no.
fn pick(q: &Question, word: &str) -> Option<Pick> {
    let n = q.options.len();
    if let Ok(k) = word.parse::<usize>() {
        return match k {
            k if (1..=n).contains(&k) => Some(Pick::Option(k - 1)),
            k if k == n + 1 && q.not_sure.is_some() => Some(Pick::NotSure),
            _ => None,
        };
    }
    let w = word.to_lowercase();
    if q.kind == Kind::YesNo {
        let id = match w.as_str() {
            "y" | "yes" => "yes",
            "n" | "no" => "no",
            _ => "",
        };
        if let Some(k) = q.options.iter().position(|o| o.id == id) {
            return Some(Pick::Option(k));
        }
    }
    if is_not_sure(word) && q.not_sure.is_some() {
        return Some(Pick::NotSure);
    }
    q.options
        .iter()
        .position(|o| o.id.to_lowercase() == w || o.label.to_lowercase() == w)
        .map(Pick::Option)
}

fn read_choices(q: &Question, t: &str) -> Result<Answer, InputError> {
    let mut picked: Vec<usize> = Vec::new();
    let mut not_sure = false;
    for word in t.split([',', ' ', ';']).filter(|w| !w.is_empty()) {
        match pick(q, word) {
            Some(Pick::Option(k)) => {
                if !picked.contains(&k) {
                    picked.push(k);
                }
            }
            Some(Pick::NotSure) => not_sure = true,
            None => {
                return Err(InputError::Wrong(format!(
                    "\"{word}\" is not one of the choices: {}",
                    hint(q)
                )));
            }
        }
    }
    if not_sure {
        return if picked.is_empty() {
            Ok(Answer::NotSure)
        } else {
            Err(InputError::Wrong(
                "\"Not sure\" goes on its own: type it without other numbers.".to_string(),
            ))
        };
    }
    if picked.len() > 1 {
        if let Some(&k) = picked.iter().find(|&&k| q.options[k].exclusive) {
            return Err(InputError::Wrong(format!(
                "\"{}\" goes on its own: choose it alone, or leave it out.",
                q.options[k].label
            )));
        }
    }
    if picked.is_empty() {
        return Err(InputError::Wrong(format!("Please answer: {}", hint(q))));
    }
    picked.sort_unstable();
    Ok(Answer::Choices(
        picked
            .into_iter()
            .map(|k| q.options[k].id.clone())
            .collect(),
    ))
}

/// Capitalises a library message and ends it with a full stop.
pub fn sentence(m: &str) -> String {
    let mut c = m.chars();
    let mut s = match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    };
    if !s.ends_with('.') && !s.ends_with('?') {
        s.push('.');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    fn bank() -> Bank {
        Bank::builtin().expect("the built-in bank loads")
    }

    #[test]
    fn not_sure_is_read_in_any_case_and_spacing() {
        assert!(is_not_sure("Not Sure"));
        assert!(is_not_sure("not_sure"));
        assert!(is_not_sure(" NOT-SURE "));
        assert!(!is_not_sure("no"));
    }

    #[test]
    fn multi_choice_takes_commas_or_spaces_and_keeps_exclusive_alone() {
        let b = bank();
        let q = b.question("privacy.regulation").unwrap();
        let none = q.options.iter().position(|o| o.exclusive).unwrap() + 1;
        assert_eq!(
            read_answer(q, "2, 1 1"),
            Ok(Answer::Choices(vec![
                q.options[0].id.clone(),
                q.options[1].id.clone()
            ]))
        );
        let e = read_answer(q, &format!("1,{none}")).unwrap_err();
        assert!(e.message().contains("goes on its own"), "{e:?}");
        assert!(read_answer(q, "9").is_err());
        assert!(read_answer(q, ",").is_err(), "no choice is not an answer");
    }

    #[test]
    fn choices_are_read_by_number_label_or_yes_and_no() {
        let b = bank();
        let yes_no = b
            .questions
            .iter()
            .find(|q| q.kind == Kind::YesNo)
            .expect("a yes/no question");
        assert_eq!(read_answer(yes_no, "YES"), Ok(Answer::Choice("yes".into())));
        assert_eq!(read_answer(yes_no, "n"), Ok(Answer::Choice("no".into())));
        let q = b.question("privacy.data_sensitivity").unwrap();
        let label = q.options[1].label.to_uppercase();
        assert_eq!(
            read_answer(q, &label),
            Ok(Answer::Choice(q.options[1].id.clone()))
        );
        assert_eq!(
            read_answer(q, &(q.options.len() + 1).to_string()),
            Ok(Answer::NotSure)
        );
    }

    #[test]
    fn numbers_as_people_type_them_and_did_you_mean() {
        let b = bank();
        let q = b.question("commercial.monthly_users").unwrap();
        assert_eq!(read_answer(q, "1,500"), Ok(Answer::Number(1500.0)));
        assert_eq!(read_answer(q, "1 500"), Ok(Answer::Number(1500.0)));
        assert!(matches!(
            read_answer(q, "200,000"),
            Err(InputError::Suggest { .. })
        ));
        assert!(matches!(read_answer(q, "lots"), Err(InputError::Wrong(_))));
    }

    #[test]
    fn long_notes_are_refused_with_their_length() {
        assert!(check_note(&"a".repeat(NOTE_MAX)).is_ok());
        let e = check_note(&"a".repeat(NOTE_MAX + 5)).unwrap_err();
        assert!(e.contains("1005"), "{e}");
    }
}
