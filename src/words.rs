//! Words a manager reads instead of numbers and codes, shared by the plain mode and the
//! full-screen app so the two say the same thing: how strongly a trade-off pulls, how sure
//! the result is, how urgent a flag is, and "did you mean" for numbers typed the wrong way.

use crate::bank::Question;
use crate::catalogue::Severity;
use crate::engine::{DimensionScore, Evaluation};
use crate::glossary::Glossary;

/// How strongly one trade-off pulls, in words: "closed, clearly", "open weights, slightly",
/// "balanced" (both sides, evenly) or "not affected" (no answer touched it).
pub fn pull(d: &DimensionScore) -> String {
    let strength = match d.net.unsigned_abs() {
        0 => {
            return if d.open_weights + d.closed > 0 {
                "balanced".to_string()
            } else {
                "not affected".to_string()
            };
        }
        1..=2 => "slightly",
        3..=6 => "clearly",
        _ => "strongly",
    };
    let side = if d.net < 0 { "closed" } else { "open weights" };
    format!("{side}, {strength}")
}

/// How strongly one reason pulls, in words, for its weight in the question bank (1 to 5).
pub fn weight(w: i64) -> &'static str {
    match w {
        ..=1 => "slightly",
        2..=3 => "moderately",
        _ => "strongly",
    }
}

/// A flag's urgency as a manager reads it. "Blocks" read as if something were already
/// blocked, when most such flags are a question to settle before choosing.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Blocks => "Check first",
        Severity::ReadCarefully => "Read carefully",
        Severity::Note => "Note",
    }
}

/// "54 out of 100": how sure the result is.
pub fn sure(eval: &Evaluation) -> String {
    match eval.verdict {
        crate::bank::Verdict::Conflict => "sure that these answers conflict".to_string(),
        crate::bank::Verdict::Undecided => {
            format!(
                "{} out of 100: not enough to recommend anything",
                eval.confidence
            )
        }
        _ => format!("{} out of 100", eval.confidence),
    }
}

/// What the "how sure" number means, in one sentence.
pub const SURE_MEANS: &str = "How sure the advice is whatever your open and \"Not sure\" answers turn out to be: higher when your answers point one way, never higher for a \"Not sure\"; 90 at most.";

/// How many questions there are, counted as the "Question 3 of 21" line counts them (optional
/// notes included; some answers bring in more): "21 questions in 6 sections (2 of them
/// optional notes; your answers may add up to 3 more)".
pub fn question_count(bank: &crate::bank::Bank) -> String {
    let asked = bank.asked(&crate::answers::Answers::new());
    let notes = asked
        .iter()
        .filter(|&&i| !bank.questions[i].kind.is_decision())
        .count();
    let extra = bank.questions.len().saturating_sub(asked.len());
    let mut details: Vec<String> = Vec::new();
    match notes {
        0 => {}
        1 => details.push("1 of them an optional note".into()),
        n => details.push(format!("{n} of them optional notes")),
    }
    match extra {
        0 => {}
        1 => details.push("your answers may add 1 more".into()),
        n => details.push(format!("your answers may add up to {n} more")),
    }
    let sections = bank.sections.len();
    let mut out = format!(
        "{} question{} in {sections} section{}",
        asked.len(),
        if asked.len() == 1 { "" } else { "s" },
        if sections == 1 { "" } else { "s" }
    );
    if !details.is_empty() {
        out = format!("{out} ({})", details.join("; "));
    }
    out
}

/// What "a request" is, for questions counted in requests a day (people cannot picture
/// them otherwise).
pub fn requests_example(q: &Question) -> Option<&'static str> {
    q.options
        .iter()
        .any(|o| o.description.to_lowercase().contains("requests a day"))
        .then_some("A request is one message sent to the AI and its reply: a customer chat of five messages is five requests.")
}

/// An everyday example for a number counted in millions, which people otherwise type in full.
pub fn millions_example(unit: &str) -> Option<&'static str> {
    let unit = unit.to_lowercase();
    // People only where people are counted: a sum of money is not "200,000 people".
    unit.contains("million")
        .then_some(if unit.contains("user") {
            "For example, type 0.2 for 200,000 people, or 3 for 3 million."
        } else {
            "For example, type 0.2 for 200,000, or 3 for 3 million."
        })
}

/// A number counted in millions, written out in full: 0.2 -> "200,000".
pub fn in_full(v: f64, unit: &str) -> Option<String> {
    if !unit.to_lowercase().contains("million") || v <= 0.0 {
        return None;
    }
    let n = (v * 1_000_000.0).round();
    let digits = format!("{n:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    Some(out)
}

/// "0,2" or "200,000" where the unit is millions: see [`crate::answers::did_you_mean`].
pub use crate::answers::did_you_mean;

/// Words that stand for a glossary term besides the term's own name, by term id. Short
/// abbreviations match as whole words in capitals.
const TERM_WORDS: &[(&str, &[&str])] = &[
    ("inference", &["inference"]),
    ("distillation", &["distillation", "distil"]),
    ("multimodal", &["multimodal"]),
    ("mlops", &["ml operations", "mlops"]),
    (
        "osaid",
        &["open source initiative", "open source ai definition", "OSI"],
    ),
    ("fine-tuning", &["fine-tun"]),
    ("derivative", &["derivative"]),
    ("mau", &["monthly active users"]),
    ("aup", &["acceptable-use", "acceptable use"]),
    ("data-residency", &["data residency"]),
    ("lock-in", &["lock-in", "locked in"]),
    ("gpu", &["GPU"]),
    ("on-premises", &["on-premises", "on premises"]),
    ("hosting-provider", &["hosting provider", "hosting company"]),
    ("api", &["API"]),
];

/// The glossary terms `text` uses (indices into the glossary, in its order).
pub fn terms_in(glossary: &Glossary, text: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    let whole_word = |needle: &str| {
        text.match_indices(needle).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    glossary
        .terms
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            TERM_WORDS
                .iter()
                .find(|(id, _)| *id == t.id)
                .is_some_and(|(_, words)| {
                    words.iter().any(|w| {
                        if w.chars().all(|c| c.is_ascii_uppercase()) {
                            whole_word(w)
                        } else {
                            lower.contains(w)
                        }
                    })
                })
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    #[test]
    fn commas_and_people_counts_get_a_suggestion() {
        let b = Bank::builtin().unwrap();
        let q = b.question("commercial.monthly_users").unwrap();
        let meant = |t: &str| did_you_mean(q, t).map(|(v, _)| v);
        assert_eq!(meant("0,2"), Some(0.2));
        assert_eq!(meant("200,000"), Some(0.2));
        assert_eq!(meant("200000"), Some(0.2));
        assert_eq!(meant("12"), None);
        assert_eq!(meant("1,500"), None, "1,500 million is in range");
        let (_, m) = did_you_mean(q, "0,2").unwrap();
        assert!(m.starts_with("Did you mean 0.2?"), "{m}");
        assert_eq!(in_full(0.2, "million users").as_deref(), Some("200,000"));
        assert_eq!(
            in_full(1500.0, "million users").as_deref(),
            Some("1,500,000,000")
        );
        assert_eq!(in_full(12.0, "requests"), None);
        let (_, m) = did_you_mean(q, "200,000").unwrap();
        assert!(m.contains("200,000 people is 0.2 million"), "{m}");
    }
}
