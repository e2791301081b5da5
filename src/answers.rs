//! A person's answers: by question id, with "Not sure" as a real answer.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bank::{Bank, Kind, Question};
use crate::problem::{Problem, Problems};

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// One option id (single choice, yes/no, scale).
    Choice(String),
    /// Several option ids (multiple choice).
    Choices(Vec<String>),
    /// A number (number questions).
    Number(f64),
    /// A free-text note.
    Text(String),
    /// "Not sure": lowers confidence and goes on the "to find out" list.
    NotSure,
}

/// Answers by question id. Answers to questions a bank does not have are kept as they are.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answers {
    values: BTreeMap<String, Answer>,
}

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.values.get(id)
    }

    pub fn set(&mut self, id: impl Into<String>, answer: Answer) {
        self.values.insert(id.into(), answer);
    }

    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.values.remove(id)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Answer)> {
        self.values.iter()
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Reads the simple answers file that `weighup report` accepts:
    /// `{"answers": {"privacy.data_sensitivity": "patient_records", "scale.users": 12, ...}}`
    /// (an option id, a list of option ids, a number, a text, or `"not_sure"`).
    pub fn from_simple_json(bank: &Bank, file: &str, text: &str) -> Result<Answers, Problems> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Simple {
            #[serde(default)]
            #[allow(dead_code)]
            label: Option<String>,
            answers: serde_json::Map<String, serde_json::Value>,
        }
        let simple: Simple =
            serde_json::from_str(text).map_err(|e| Problems(vec![Problem::from_json(file, &e)]))?;
        let mut answers = Answers::new();
        let mut problems = Vec::new();
        for (id, value) in simple.answers {
            let place = format!("answers.{id}");
            let Some(q) = bank.question(&id) else {
                problems.push(Problem::new(
                    file,
                    place,
                    format!("there is no question '{id}' in this bank"),
                    "check the id against `weighup check`'s bank, or remove the line",
                ));
                continue;
            };
            match answer_from_value(q, &value) {
                Ok(a) => answers.set(id, a),
                Err(msg) => problems.push(Problem::new(file, place, msg, fix_for(q))),
            }
        }
        if problems.is_empty() {
            Ok(answers)
        } else {
            Err(Problems(problems))
        }
    }
}

/// How to give a valid answer to `q`, for the fix line of a problem.
pub fn fix_for(q: &Question) -> String {
    match q.kind {
        Kind::Number => {
            let (lo, hi) = q.number.as_ref().map_or((0.0, 0.0), |n| (n.min, n.max));
            format!("give a number from {lo} to {hi}, or \"not_sure\"")
        }
        Kind::Text => "give a text in quotes".to_string(),
        Kind::Multi => format!(
            "give a list of option ids from: {}, or \"not_sure\"",
            option_ids(q)
        ),
        _ => format!(
            "give one option id from: {}, or \"not_sure\"",
            option_ids(q)
        ),
    }
}

fn option_ids(q: &Question) -> String {
    q.options
        .iter()
        .map(|o| o.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Interprets a raw JSON value as an answer to `q`, or says what is wrong with it.
pub fn answer_from_value(q: &Question, value: &serde_json::Value) -> Result<Answer, String> {
    use serde_json::Value;
    if value.as_str() == Some("not_sure") && q.not_sure.is_some() {
        return Ok(Answer::NotSure);
    }
    let has = |id: &str| q.options.iter().any(|o| o.id == id);
    match (q.kind, value) {
        (Kind::Text, Value::String(s)) => Ok(Answer::Text(s.clone())),
        (Kind::Number, Value::Number(n)) => {
            let v = n.as_f64().unwrap_or(f64::NAN);
            check_number(q, v).map(|()| Answer::Number(v))
        }
        (Kind::Multi, Value::Array(items)) => {
            let mut ids: Vec<String> = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(id) if ids.iter().any(|i| i == id) => {
                        return Err(format!("'{id}' is given twice"));
                    }
                    Some(id) if has(id) => ids.push(id.to_string()),
                    Some(id) => return Err(format!("'{id}' is not an option of '{}'", q.id)),
                    None => return Err(format!("'{}' takes a list of option ids", q.id)),
                }
            }
            if ids.is_empty() {
                return Err(format!(
                    "the list is empty; '{}' needs at least one option id",
                    q.id
                ));
            }
            if ids.len() > 1 {
                if let Some(o) = q
                    .options
                    .iter()
                    .find(|o| o.exclusive && ids.contains(&o.id))
                {
                    return Err(format!(
                        "'{}' ({}) cannot be given together with other options",
                        o.id, o.label
                    ));
                }
            }
            Ok(Answer::Choices(ids))
        }
        (Kind::Single | Kind::YesNo | Kind::Scale, Value::String(id)) if has(id) => {
            Ok(Answer::Choice(id.clone()))
        }
        (Kind::Single | Kind::YesNo | Kind::Scale, Value::String(id)) => {
            Err(format!("'{id}' is not an option of '{}'", q.id))
        }
        (Kind::Scale, Value::Number(n)) if has(&n.to_string()) => Ok(Answer::Choice(n.to_string())),
        _ => Err(format!(
            "this is not an answer '{}' ({}) can take",
            q.id,
            q.kind.as_str()
        )),
    }
}

/// An answer in the form the simple answers file uses (an option id, a list of them, a
/// number, a text, or `"not_sure"`), so that a sheet's answers are checked by the same rules
/// and with the same messages.
pub fn simple_value(answer: &Answer) -> serde_json::Value {
    use serde_json::Value;
    match answer {
        Answer::Choice(id) => Value::String(id.clone()),
        Answer::Choices(ids) => Value::Array(ids.iter().cloned().map(Value::String).collect()),
        Answer::Number(v) => serde_json::Number::from_f64(*v).map_or(Value::Null, Value::Number),
        Answer::Text(t) => Value::String(t.clone()),
        Answer::NotSure => Value::String("not_sure".into()),
    }
}

/// Checks a number against the question's range.
pub fn check_number(q: &Question, v: f64) -> Result<(), String> {
    let Some(spec) = &q.number else {
        return Err(format!("'{}' does not take a number", q.id));
    };
    if !v.is_finite() {
        return Err("that is not a number".to_string());
    }
    if v < spec.min || v > spec.max {
        // A huge number in full would fill the screen: 1e300, not 300 digits.
        let shown = if v.abs() >= 1e15 {
            format!("{v:e}")
        } else if crate::bank::format_number(v) == crate::bank::format_number(spec.max)
            || crate::bank::format_number(v) == crate::bank::format_number(spec.min)
        {
            // Rounded, it would look like a boundary ("10000 is outside 0 to 10000").
            v.to_string()
        } else {
            crate::bank::format_number(v)
        };
        return Err(format!(
            "{shown} is outside the range {} to {} {}",
            crate::bank::format_number(spec.min),
            crate::bank::format_number(spec.max),
            spec.unit
        ));
    }
    if spec.integer && v.fract() != 0.0 {
        return Err("please give a whole number".to_string());
    }
    Ok(())
}

/// Reads a number as people type it, for any front end: "12", "0.5", "1,500", "1 500",
/// "900 million", "900M", "1.2 billion", "12 million monthly active users" (the question's own
/// unit may follow). Scale words count relative to the unit: where the unit is in millions,
/// "900M" and "900 million" are 900 and "1.2bn" is 1,200. A decimal comma and a count of
/// people typed in full where the unit is millions get a "did you mean" message
/// ([`did_you_mean`]). The range is checked as for saved answers.
pub fn read_number(q: &Question, text: &str) -> Result<f64, String> {
    let spec = q
        .number
        .as_ref()
        .ok_or_else(|| "this question does not take a number".to_string())?;
    if let Some((_, msg)) = did_you_mean(q, text) {
        return Err(msg);
    }
    let lower = text.trim().to_lowercase();
    let unit = spec.unit.to_lowercase();
    // The question's own unit (or its start) may follow the number.
    let mut body = lower.as_str();
    for cut in (1..=unit.split_whitespace().count()).rev() {
        let words: Vec<&str> = unit.split_whitespace().take(cut).collect();
        let tail = words.join(" ");
        if let Some(rest) = body.strip_suffix(tail.as_str()) {
            if rest.ends_with(|c: char| c.is_whitespace() || c.is_ascii_digit()) {
                body = rest.trim_end();
                break;
            }
        }
    }
    let in_millions = unit.starts_with("million");
    let scales: [(&str, f64); 9] = [
        ("billion", 1e9),
        ("bn", 1e9),
        ("b", 1e9),
        ("million", 1e6),
        ("mn", 1e6),
        ("m", 1e6),
        ("thousand", 1e3),
        ("k", 1e3),
        ("", 1.0),
    ];
    let base = if in_millions { 1e6 } else { 1.0 };
    let mut digits = body.trim();
    let mut factor = 1.0;
    for (word, scale) in scales {
        if word.is_empty() {
            break;
        }
        if let Some(rest) = digits.strip_suffix(word) {
            if rest
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit() || c == '.')
            {
                digits = rest.trim_end();
                factor = scale / base;
                break;
            }
        }
    }
    let compact: String = digits
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    if compact.is_empty() {
        return Err("please type a number, like 12 or 0.5".into());
    }
    let plain = if compact.contains(',') {
        let groups: Vec<&str> = compact.split(',').collect();
        let thousands = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().enumerate().all(|(i, g)| {
                let whole = g.split('.').next().unwrap_or("");
                whole.len() == 3
                    && whole.chars().all(|c| c.is_ascii_digit())
                    && (i == groups.len() - 2 || !g.contains('.'))
            });
        if !thousands {
            return Err("please use a point for decimals, like 0.5".into());
        }
        compact.replace(',', "")
    } else {
        compact
    };
    let v = match plain.parse::<f64>() {
        // "-0" is zero.
        Ok(v) if v.is_finite() => (v * factor) + 0.0,
        _ => {
            return Err(format!(
                "'{}' is not a number: type digits, like 12 or 0.5",
                text.trim()
            ));
        }
    };
    check_number(q, v).map(|()| v)
}

/// "0,2" (a decimal comma) or "200,000" people where the unit is millions: the value meant,
/// and a sentence that says so. `None` when the text reads as typed.
pub fn did_you_mean(q: &Question, text: &str) -> Option<(f64, String)> {
    let spec = q.number.as_ref()?;
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    let in_range = |v: f64| v.is_finite() && v >= spec.min && v <= spec.max;
    // A decimal comma: one comma, not followed by exactly three digits (a thousands comma).
    if let Some((int, frac)) = t.split_once(',') {
        if !frac.contains(',')
            && frac.len() != 3
            && !frac.is_empty()
            && int.chars().all(|c| c.is_ascii_digit())
            && frac.chars().all(|c| c.is_ascii_digit())
        {
            let v: f64 = format!("{}.{frac}", if int.is_empty() { "0" } else { int })
                .parse()
                .ok()?;
            let shown = crate::bank::format_number(v);
            return in_range(v).then(|| {
                (
                    v,
                    format!(
                        "Did you mean {shown}? weighup reads a point as the decimal mark: type {shown}."
                    ),
                )
            });
        }
    }
    // A count of people typed in full where the unit is millions.
    let v: f64 = t.replace(',', "").parse().ok()?;
    if spec.unit.to_lowercase().contains("million") && v > spec.max {
        let m = v / 1_000_000.0;
        let shown = crate::bank::format_number(m);
        let what = if spec.unit.contains("user") {
            " people"
        } else {
            ""
        };
        return (in_range(m) && m > 0.0).then(|| {
            (
                m,
                format!(
                    "Did you mean {shown}? {}{what} is {shown} million, and this question counts in {}.",
                    text.trim(),
                    spec.unit
                ),
            )
        });
    }
    None
}

#[cfg(test)]
mod number_tests {
    use super::*;

    fn users() -> Question {
        let bank = crate::bank::Bank::builtin().unwrap();
        bank.question("commercial.monthly_users").unwrap().clone()
    }

    #[test]
    fn numbers_read_as_people_write_them() {
        let q = users();
        for (text, want) in [
            ("12", 12.0),
            (" 0.5 ", 0.5),
            ("1,500", 1500.0),
            ("1 500", 1500.0),
            ("900 million", 900.0),
            ("900M", 900.0),
            ("900m", 900.0),
            ("1.2 billion", 1200.0),
            ("1.2bn", 1200.0),
            ("500k", 0.5),
            ("12 million monthly active users", 12.0),
            ("0.2", 0.2),
        ] {
            assert_eq!(read_number(&q, text), Ok(want), "{text}");
        }
    }

    #[test]
    fn unreadable_numbers_say_what_to_type() {
        let q = users();
        assert!(
            read_number(&q, "0,2")
                .unwrap_err()
                .starts_with("Did you mean 0.2?")
        );
        assert!(
            read_number(&q, "200,000")
                .unwrap_err()
                .starts_with("Did you mean 0.2?")
        );
        assert!(
            read_number(&q, "twelve")
                .unwrap_err()
                .contains("is not a number")
        );
        assert!(read_number(&q, "12 apples").is_err());
        assert!(read_number(&q, "").is_err());
        assert!(read_number(&q, "1e300").is_err());
        assert!(read_number(&q, "inf").is_err());
        let past = check_number(&q, 10_000.000_000_1).unwrap_err();
        assert!(past.starts_with("10000.0000001 is outside"), "{past}");
        let zero = read_number(&q, "-0").unwrap();
        assert!(zero == 0.0 && zero.is_sign_positive(), "-0 is saved as 0");
    }
}
