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
