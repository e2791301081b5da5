//! The answer sheets weighup saves match the JSON Schema it ships
//! (`assets/answers.schema.json`), checked by a small validator for the part of JSON Schema
//! the file uses. The validator refuses keywords it does not know, so the schema cannot
//! carry a rule that is never checked.

use std::path::Path;

use serde_json::{Map, Value};
use time::format_description::well_known::Rfc3339;
use time::macros::datetime;
use weighup::answers::Answer;
use weighup::bank::Bank;
use weighup::persist;
use weighup::sheet::Sheet;

use crate::support::files::{fixture, json};

fn schema() -> Value {
    json(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/answers.schema.json"))
}

/// Keywords that only describe.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "title", "description", "$defs"];

struct Validator<'a> {
    root: &'a Value,
    errors: Vec<String>,
}

impl Validator<'_> {
    fn check(&mut self, schema: &Value, value: &Value, at: &str) {
        let Some(s) = schema.as_object() else {
            self.errors
                .push(format!("{at}: the schema here is not an object"));
            return;
        };
        for (key, rule) in s {
            match key.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => {
                    let target = rule
                        .as_str()
                        .and_then(|r| r.strip_prefix("#/"))
                        .map_or(&Value::Null, |r| {
                            r.split('/').fold(self.root, |v, part| &v[part])
                        });
                    assert!(!target.is_null(), "{at}: unresolved $ref {rule}");
                    let target = target.clone();
                    self.check(&target, value, at);
                }
                "type" => {
                    let types: Vec<&str> = match rule {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => panic!("{at}: bad type rule"),
                    };
                    if !types.iter().any(|t| has_type(value, t)) {
                        self.errors
                            .push(format!("{at}: expected {types:?}, found {value}"));
                    }
                }
                "const" => {
                    if value != rule {
                        self.errors
                            .push(format!("{at}: expected {rule}, found {value}"));
                    }
                }
                "enum" => {
                    if !rule.as_array().unwrap().contains(value) {
                        self.errors
                            .push(format!("{at}: {value} is not one of {rule}"));
                    }
                }
                "required" => {
                    if let Some(obj) = value.as_object() {
                        for name in rule.as_array().unwrap() {
                            let name = name.as_str().unwrap();
                            if !obj.contains_key(name) {
                                self.errors.push(format!("{at}: missing \"{name}\""));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(obj) = value.as_object() {
                        for (name, sub) in rule.as_object().unwrap() {
                            if let Some(v) = obj.get(name) {
                                self.check(sub, v, &format!("{at}.{name}"));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(obj) = value.as_object() {
                        let known: Vec<&String> = s
                            .get("properties")
                            .and_then(Value::as_object)
                            .map(|p| p.keys().collect())
                            .unwrap_or_default();
                        for (name, v) in obj {
                            if known.contains(&name) {
                                continue;
                            }
                            match rule {
                                Value::Bool(true) => {}
                                Value::Bool(false) => self
                                    .errors
                                    .push(format!("{at}: \"{name}\" is not allowed here")),
                                sub => self.check(sub, v, &format!("{at}.{name}")),
                            }
                        }
                    }
                }
                "items" => {
                    if let Some(items) = value.as_array() {
                        for (i, v) in items.iter().enumerate() {
                            self.check(rule, v, &format!("{at}[{i}]"));
                        }
                    }
                }
                "oneOf" => {
                    let matching = rule
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|sub| {
                            let mut inner = Validator {
                                root: self.root,
                                errors: Vec::new(),
                            };
                            inner.check(sub, value, at);
                            inner.errors.is_empty()
                        })
                        .count();
                    if matching != 1 {
                        self.errors.push(format!(
                            "{at}: {value} matches {matching} of the oneOf choices, not exactly one"
                        ));
                    }
                }
                "minimum" => {
                    if value.as_f64().is_some_and(|v| v < rule.as_f64().unwrap()) {
                        self.errors.push(format!("{at}: {value} is below {rule}"));
                    }
                }
                "maximum" => {
                    if value.as_f64().is_some_and(|v| v > rule.as_f64().unwrap()) {
                        self.errors.push(format!("{at}: {value} is above {rule}"));
                    }
                }
                "format" => {
                    assert_eq!(rule, "date-time", "{at}: only date-time is checked");
                    if let Some(t) = value.as_str() {
                        if time::OffsetDateTime::parse(t, &Rfc3339).is_err() {
                            self.errors
                                .push(format!("{at}: {t} is not an RFC 3339 time"));
                        }
                    }
                }
                "pattern" => {
                    if let Some(t) = value.as_str() {
                        if !pattern_matches(rule.as_str().unwrap(), t) {
                            self.errors.push(format!("{at}: {t} does not match {rule}"));
                        }
                    }
                }
                other => panic!("{at}: the validator does not know the keyword {other}"),
            }
        }
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        _ => panic!("unknown type {t}"),
    }
}

/// The patterns the schema uses: `^`, literal characters, `[a-z0-9]` classes, `{n}`, `$`.
fn pattern_matches(pattern: &str, text: &str) -> bool {
    let body = pattern
        .strip_prefix('^')
        .and_then(|p| p.strip_suffix('$'))
        .expect("anchored patterns only");
    let mut parts: Vec<(Vec<(char, char)>, usize)> = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        let class = if c == '[' {
            let mut ranges = Vec::new();
            loop {
                let a = chars.next().expect("closed class");
                if a == ']' {
                    break;
                }
                if chars.peek() == Some(&'-') {
                    chars.next();
                    ranges.push((a, chars.next().unwrap()));
                } else {
                    ranges.push((a, a));
                }
            }
            ranges
        } else {
            vec![(c, c)]
        };
        let mut count = 1;
        if chars.peek() == Some(&'{') {
            chars.next();
            let n: String = chars.by_ref().take_while(|c| *c != '}').collect();
            count = n.parse().unwrap();
        }
        parts.push((class, count));
    }
    let mut text = text.chars();
    for (class, count) in parts {
        for _ in 0..count {
            match text.next() {
                Some(c) if class.iter().any(|(a, b)| (*a..=*b).contains(&c)) => {}
                _ => return false,
            }
        }
    }
    text.next().is_none()
}

fn errors(value: &Value) -> Vec<String> {
    let root = schema();
    let mut v = Validator {
        root: &root,
        errors: Vec::new(),
    };
    v.check(&root, value, "$");
    v.errors
}

fn saved(sheet: &Sheet) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.json");
    persist::save(&path, sheet).unwrap();
    json(path)
}

/// A sheet with every kind of answer, a note, a label, a scenario and a result.
fn full_sheet() -> Sheet {
    let bank = Bank::builtin().unwrap();
    let now = datetime!(2026-11-30 10:00:00 UTC);
    let mut s = Sheet::new(&bank, now);
    s.respondent = Some("Ana".into());
    s.scenario = Some("regional-bank".into());
    s.set_answer(
        &bank,
        "privacy.data_sensitivity",
        Answer::Choice("personal".into()),
        now,
    );
    s.set_answer(
        &bank,
        "privacy.regulation",
        Answer::Choices(vec!["health".into(), "finance".into()]),
        now,
    );
    s.set_answer(
        &bank,
        "privacy.notes",
        Answer::Text("Only German data centres".into()),
        now,
    );
    s.set_answer(
        &bank,
        "commercial.is_commercial",
        Answer::Choice("yes".into()),
        now,
    );
    s.set_answer(&bank, "commercial.monthly_users", Answer::Number(0.4), now);
    s.set_answer(&bank, "scale.volume", Answer::NotSure, now);
    s.set_note("scale.volume", Some("Finance to confirm".into()), now);
    s
}

#[test]
fn saved_sheets_match_the_schema() {
    let bank = Bank::builtin().unwrap();
    let empty = Sheet::new(&bank, datetime!(2026-11-30 10:00:00 UTC));
    for (name, sheet) in [("empty", empty), ("full", full_sheet())] {
        let v = saved(&sheet);
        assert_eq!(errors(&v), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_fixtures_match_the_schema() {
    for name in [
        "complete.json",
        "unfinished.json",
        "minimal.json",
        "unknown-fields.json",
        "old-bank.json",
    ] {
        let v = json(fixture(name));
        assert_eq!(errors(&v), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_schema_names_every_field_weighup_writes() {
    let v = saved(&full_sheet());
    let root = schema();
    let top = root["properties"].as_object().unwrap();
    for key in v.as_object().unwrap().keys() {
        assert!(
            top.contains_key(key),
            "the schema does not describe \"{key}\""
        );
    }
    let answer_props = root["$defs"]["savedAnswer"]["properties"]
        .as_object()
        .unwrap();
    for (id, a) in v["answers"].as_object().unwrap() {
        for key in a.as_object().unwrap().keys() {
            assert!(
                answer_props.contains_key(key),
                "the schema does not describe answers.{id}.{key}"
            );
        }
    }
    let result_props = root["$defs"]["result"]["properties"].as_object().unwrap();
    for key in v["result"].as_object().unwrap().keys() {
        assert!(result_props.contains_key(key), "result.{key}");
    }
}

#[test]
fn the_validator_can_fail() {
    let mut v = saved(&full_sheet());
    let obj: &mut Map<String, Value> = v.as_object_mut().unwrap();
    obj.remove("answers");
    obj.insert("complete".into(), Value::from("yes"));
    obj["result"]["verdict"] = Value::from("maybe");
    obj["bank"]["hash"] = Value::from("md5:abc");
    obj["created"] = Value::from("yesterday");
    let errs = errors(&v);
    for want in [
        "$: missing \"answers\"",
        "$.complete: expected [\"boolean\"]",
        "$.result: ",
        "$.bank.hash: md5:abc does not match",
        "$.created: yesterday is not an RFC 3339 time",
    ] {
        assert!(
            errs.iter().any(|e| e.starts_with(want)),
            "{want} not in {errs:#?}"
        );
    }
    let bad_answer = serde_json::json!({"question": "Q", "label": "L", "answer": {"choice": 3}});
    let root = schema();
    let mut val = Validator {
        root: &root,
        errors: Vec::new(),
    };
    val.check(&root["$defs"]["savedAnswer"], &bad_answer, "a");
    assert!(!val.errors.is_empty());
}
