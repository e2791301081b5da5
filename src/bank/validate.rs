//! Checks a parsed bank against every rule at once, so a customiser sees all problems together.

use std::collections::{HashMap, HashSet};

use super::model::{Choice, Condition, Kind, Question, Section, Side, WEIGHT_RANGE};
use crate::catalogue::Catalogue;
use crate::problem::Problem;

/// What is known about a question while checking conditions.
struct Known<'a> {
    order: usize,
    question: &'a Question,
}

/// Validates every section (file name, text, parsed section) against the catalogue.
pub(super) fn validate(
    sections: &[(String, String, Section)],
    catalogue: &Catalogue,
) -> Vec<Problem> {
    let mut v = Validator {
        problems: Vec::new(),
        catalogue,
    };
    let mut known: HashMap<&str, Known> = HashMap::new();
    let mut section_ids: HashMap<&str, &str> = HashMap::new();
    let mut order = 0;
    // First pass: ids, so that rules may refer to any question.
    for (file, _, section) in sections {
        if let Some(first) = section_ids.insert(&section.id, file) {
            v.push(
                file,
                "id",
                format!("section id '{}' is also used by {first}", section.id),
                "give every section its own id",
            );
        }
        for (qi, q) in section.questions.iter().enumerate() {
            if let Some(prev) = known.get(q.id.as_str()) {
                let _ = prev;
                v.push(
                    file,
                    &format!("questions[{qi}].id"),
                    format!("question id '{}' is used twice", q.id),
                    "give every question its own id; ids are how saved answers find their question",
                );
            } else {
                known.insert(&q.id, Known { order, question: q });
            }
            order += 1;
        }
    }
    let mut order = 0;
    for (file, _, section) in sections {
        v.section(file, section, &known, &mut order);
    }
    v.problems
}

/// Every text in the bank's files (names of fields too) that holds a control or bidi
/// character (see [`crate::text::is_unsafe`]): such a text could change the reader's terminal.
pub(super) fn control_chars(files: &[(String, String)]) -> Vec<Problem> {
    fn walk(file: &str, path: &str, v: &serde_json::Value, out: &mut Vec<Problem>) {
        let report = |out: &mut Vec<Problem>, place: &str, what: &str| {
            out.push(Problem::new(
                file,
                if place.is_empty() { "file" } else { place },
                format!("{what} holds a control character (such as ESC or a right-to-left override), which could change the reader's terminal"),
                "remove the character; write the text with letters, digits and punctuation only",
            ));
        };
        match v {
            serde_json::Value::String(s) if crate::text::has_unsafe(s) => {
                report(out, path, "this text");
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(file, &format!("{path}[{i}]"), item, out);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map {
                    let here = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    if crate::text::has_unsafe(k) {
                        report(out, path, "a field name");
                    }
                    walk(file, &here, item, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (file, text) in files {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
            walk(file, "", &v, &mut out);
        }
    }
    out
}

struct Validator<'c> {
    problems: Vec<Problem>,
    catalogue: &'c Catalogue,
}

impl Validator<'_> {
    fn push(
        &mut self,
        file: &str,
        place: &str,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.problems.push(Problem::new(file, place, message, fix));
    }

    fn section(
        &mut self,
        file: &str,
        s: &Section,
        known: &HashMap<&str, Known>,
        order: &mut usize,
    ) {
        if s.id.trim().is_empty() {
            self.push(
                file,
                "id",
                "the section has an empty id",
                "give the section a short id such as \"privacy\"",
            );
        }
        if s.title.trim().is_empty() {
            self.push(
                file,
                "title",
                "the section has no title",
                "add a title such as \"Data and privacy\"",
            );
        }
        if s.questions.is_empty() {
            self.push(
                file,
                "questions",
                format!("section '{}' has no questions", s.id),
                "add at least one question, or remove the file",
            );
        }
        for (qi, q) in s.questions.iter().enumerate() {
            self.question(file, &format!("questions[{qi}]"), s, q, known, *order);
            *order += 1;
        }
        for (ri, r) in s.rules.iter().enumerate() {
            let place = format!("rules[{ri}]");
            if self.catalogue.flag(&r.raise).is_none() {
                self.push(
                    file,
                    &format!("{place}.raise"),
                    format!("rule raises the unknown flag '{}'", r.raise),
                    format!(
                        "use a flag id from assets/flags.json, for example '{}'",
                        self.catalogue
                            .flags
                            .first()
                            .map_or("open.not-open-source", |f| f.id.as_str())
                    ),
                );
            }
            self.condition(file, &format!("{place}.when"), &r.when, known, None, true);
        }
    }

    fn question(
        &mut self,
        file: &str,
        place: &str,
        s: &Section,
        q: &Question,
        known: &HashMap<&str, Known>,
        order: usize,
    ) {
        let prefix = format!("{}.", s.id);
        if !q.id.starts_with(&prefix) || q.id.len() == prefix.len() {
            self.push(
                file,
                &format!("{place}.id"),
                format!(
                    "question id '{}' does not start with its section id '{}.'",
                    q.id, s.id
                ),
                format!(
                    "name it '{}<name>', for example '{}{}'",
                    prefix, prefix, "data_sensitivity"
                ),
            );
        }
        for (field, text) in [
            ("prompt", &q.prompt),
            ("short", &q.short),
            ("help", &q.help),
        ] {
            if text.trim().is_empty() {
                self.push(
                    file,
                    &format!("{place}.{field}"),
                    format!("question '{}' has an empty {field}", q.id),
                    match field {
                        "help" => "say in plain words why we ask (\"why we ask\" help)",
                        "short" => {
                            "give a 2 to 4 word name for lists, such as \"Data sensitivity\""
                        }
                        _ => "write the question in plain words",
                    },
                );
            }
        }
        if q.kind.is_decision() && q.not_sure.is_none() {
            self.push(
                file,
                &format!("{place}.not_sure"),
                format!("decision question '{}' offers no \"Not sure\"", q.id),
                "add \"not_sure\": {\"find_out\": \"what to find out, and from whom\"}",
            );
        }
        if let Some(ns) = &q.not_sure {
            if !q.kind.is_decision() {
                self.push(
                    file,
                    &format!("{place}.not_sure"),
                    format!("text question '{}' cannot offer \"Not sure\"", q.id),
                    "remove \"not_sure\" from free-text questions",
                );
            } else if ns.find_out.trim().is_empty() {
                self.push(
                    file,
                    &format!("{place}.not_sure.find_out"),
                    format!("question '{}' has an empty \"find_out\"", q.id),
                    "say what to find out and from whom",
                );
            }
        }
        self.kind_shape(file, place, q);
        let option_place = if q.kind == Kind::Number {
            "number.bands"
        } else {
            "options"
        };
        let choices: &[Choice] = match (&q.kind, &q.number) {
            (Kind::Number, Some(n)) => &n.bands,
            _ => &q.options,
        };
        let mut ids = HashSet::new();
        for (oi, o) in choices.iter().enumerate() {
            let op = format!("{place}.{option_place}[{oi}]");
            if !ids.insert(o.id.as_str()) {
                self.push(
                    file,
                    &format!("{op}.id"),
                    format!("option id '{}' is used twice in question '{}'", o.id, q.id),
                    "give every option of a question its own id",
                );
            }
            self.choice(file, &op, q, o);
        }
        if q.stricter_later {
            self.strictness(file, place, q);
        }
        if let Some(c) = &q.when {
            self.condition(file, &format!("{place}.when"), c, known, Some(order), false);
        }
    }

    fn kind_shape(&mut self, file: &str, place: &str, q: &Question) {
        let id = &q.id;
        if q.kind.has_options() {
            if q.options.len() < 2 {
                self.push(
                    file,
                    &format!("{place}.options"),
                    format!(
                        "question '{id}' ({}) has fewer than two options",
                        q.kind.as_str()
                    ),
                    "give at least two options",
                );
            }
            if q.number.is_some() {
                self.push(
                    file,
                    &format!("{place}.number"),
                    format!("question '{id}' is not a number question but has \"number\""),
                    "remove \"number\", or make the question \"kind\": \"number\"",
                );
            }
        }
        if q.kind == Kind::YesNo {
            let mut got: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            got.sort_unstable();
            if got != ["no", "yes"] {
                self.push(
                    file,
                    &format!("{place}.options"),
                    format!(
                        "yes/no question '{id}' must have exactly the options \"yes\" and \"no\""
                    ),
                    "use option ids \"yes\" and \"no\"",
                );
            }
        }
        if q.kind == Kind::Number {
            if !q.options.is_empty() {
                self.push(
                    file,
                    &format!("{place}.options"),
                    format!("number question '{id}' has \"options\""),
                    "put the meaning of ranges in \"number\": {\"bands\": [...]} instead",
                );
            }
            match &q.number {
                None => self.push(
                    file,
                    &format!("{place}.number"),
                    format!("number question '{id}' has no \"number\" (unit, range and bands)"),
                    "add \"number\": {\"unit\": ..., \"min\": ..., \"max\": ..., \"bands\": [...]}",
                ),
                Some(n) => self.bands(file, &format!("{place}.number"), id, n),
            }
        }
        if q.kind == Kind::Text && (!q.options.is_empty() || q.number.is_some()) {
            self.push(
                file,
                &format!("{place}.options"),
                format!("free-text question '{id}' has options or a number range"),
                "remove them: a text note never changes the advice",
            );
        }
    }

    fn bands(&mut self, file: &str, place: &str, id: &str, n: &super::model::NumberSpec) {
        if n.unit.trim().is_empty() {
            self.push(
                file,
                &format!("{place}.unit"),
                format!("number question '{id}' has no unit"),
                "say what is counted, for example \"million monthly active users\"",
            );
        }
        if !(n.min.is_finite() && n.max.is_finite()) || n.min >= n.max {
            self.push(
                file,
                &format!("{place}.min"),
                format!("number question '{id}' has a range where min is not below max"),
                "make \"min\" smaller than \"max\"",
            );
            return;
        }
        if n.bands.is_empty() {
            self.push(
                file,
                &format!("{place}.bands"),
                format!("number question '{id}' has no bands"),
                "add bands with \"from\" and \"below\" that cover the range",
            );
            return;
        }
        let mut expect = n.min;
        for (bi, b) in n.bands.iter().enumerate() {
            let bp = format!("{place}.bands[{bi}]");
            let from = b.from.unwrap_or(n.min);
            if (from - expect).abs() > f64::EPSILON {
                let (what, fix) = if from > expect {
                    (
                        "a gap",
                        format!("start this band at {expect} (\"from\": {expect})"),
                    )
                } else {
                    (
                        "an overlap",
                        format!("start this band where the previous one ends ({expect})"),
                    )
                };
                self.push(
                    file,
                    &format!("{bp}.from"),
                    format!("number question '{id}': {what} between bands before {from}"),
                    fix,
                );
            }
            match b.below {
                Some(below) if below <= from => {
                    self.push(
                        file,
                        &format!("{bp}.below"),
                        format!(
                            "number question '{id}': band '{}' ends before it starts",
                            b.id
                        ),
                        "make \"below\" larger than \"from\"",
                    );
                    return;
                }
                Some(below) => expect = below,
                None if bi + 1 < n.bands.len() => {
                    self.push(
                        file,
                        &format!("{bp}.below"),
                        format!(
                            "number question '{id}': band '{}' has no end but is not the last",
                            b.id
                        ),
                        "give it \"below\", or move it last",
                    );
                    return;
                }
                None => expect = f64::INFINITY,
            }
        }
        if expect <= n.max {
            self.push(
                file,
                &format!("{place}.bands[{}].below", n.bands.len() - 1),
                format!(
                    "number question '{id}': the bands stop at {expect}, below the maximum {}",
                    n.max
                ),
                "remove \"below\" from the last band, or raise it above \"max\"",
            );
        }
    }

    fn choice(&mut self, file: &str, place: &str, q: &Question, o: &Choice) {
        if o.id.trim().is_empty() || o.id == "not_sure" {
            self.push(
                file,
                &format!("{place}.id"),
                format!("question '{}' has an option with the id '{}'", q.id, o.id),
                "use a short id that is not empty and not \"not_sure\" (that one is built in)",
            );
        }
        if o.label.trim().is_empty() {
            self.push(
                file,
                &format!("{place}.label"),
                format!("option '{}' of '{}' has no label", o.id, q.id),
                "write the option as the reader sees it",
            );
        }
        if o.description.trim().is_empty() {
            self.push(
                file,
                &format!("{place}.description"),
                format!("option '{}' of '{}' has no description (help)", o.id, q.id),
                "add a one-line \"description\" that explains the option",
            );
        }
        if o.effects.is_empty()
            && o.rules_out.is_none()
            && o.requires.is_none()
            && o.excludes.is_none()
            && o.neutral.is_none()
        {
            self.push(
                file,
                &format!("{place}.effects"),
                format!("option '{}' of '{}' has no effects", o.id, q.id),
                "add at least one effect, or say why it does not move the advice with \"neutral\"",
            );
        }
        if o.neutral.as_ref().is_some_and(|n| n.trim().is_empty()) {
            self.push(
                file,
                &format!("{place}.neutral"),
                format!(
                    "option '{}' of '{}' has an empty \"neutral\" reason",
                    o.id, q.id
                ),
                "say in a sentence why it does not move the advice",
            );
        }
        for (ei, e) in o.effects.iter().enumerate() {
            if !WEIGHT_RANGE.contains(&e.weight) {
                self.push(
                    file,
                    &format!("{place}.effects[{ei}].weight"),
                    format!(
                        "weight {} of option '{}' of '{}' is out of range",
                        e.weight, o.id, q.id
                    ),
                    format!(
                        "use a whole number from {} to {}",
                        WEIGHT_RANGE.start(),
                        WEIGHT_RANGE.end()
                    ),
                );
            }
            if e.why.trim().is_empty() {
                self.push(
                    file,
                    &format!("{place}.effects[{ei}].why"),
                    format!(
                        "an effect of option '{}' of '{}' has no \"why\"",
                        o.id, q.id
                    ),
                    "say in plain words why this answer pushes that way",
                );
            }
        }
        if let Some(r) = &o.rules_out {
            if r.why.trim().is_empty() {
                self.push(
                    file,
                    &format!("{place}.rules_out.why"),
                    format!(
                        "option '{}' of '{}' rules a side out without saying why",
                        o.id, q.id
                    ),
                    "add \"why\" in plain words",
                );
            }
        }
        if o.rules_out.is_some() && o.requires.is_some() {
            self.push(
                file,
                &format!("{place}.rules_out"),
                format!(
                    "option '{}' of '{}' has both \"rules_out\" and \"requires\"",
                    o.id, q.id
                ),
                "keep only \"requires\" (the side that can meet the need)",
            );
        }
        if let Some(r) = &o.requires {
            if r.why.trim().is_empty() {
                self.push(
                    file,
                    &format!("{place}.requires.why"),
                    format!(
                        "option '{}' of '{}' requires a side without saying why",
                        o.id, q.id
                    ),
                    "add \"why\": why only that side can meet the need, in plain words",
                );
            }
        }
        if let Some(x) = &o.excludes {
            if x.routes.is_empty() {
                self.push(
                    file,
                    &format!("{place}.excludes.routes"),
                    format!("option '{}' of '{}' excludes no routes", o.id, q.id),
                    "list the routes it rules out: own_servers, own_cloud, open_host, cloud_closed, closed_service",
                );
            }
            if x.why.trim().is_empty() {
                self.push(
                    file,
                    &format!("{place}.excludes.why"),
                    format!(
                        "option '{}' of '{}' excludes routes without saying why",
                        o.id, q.id
                    ),
                    "add \"why\" in plain words",
                );
            }
        }
        if o.exclusive && q.kind != Kind::Multi {
            self.push(
                file,
                &format!("{place}.exclusive"),
                format!(
                    "option '{}' of '{}' is \"exclusive\" but the question is not multiple choice",
                    o.id, q.id
                ),
                "remove \"exclusive\"",
            );
        }
        if q.kind != Kind::Number && (o.from.is_some() || o.below.is_some()) {
            self.push(
                file,
                &format!("{place}.from"),
                format!(
                    "option '{}' of '{}' has \"from\"/\"below\", which only number bands use",
                    o.id, q.id
                ),
                "remove \"from\" and \"below\"",
            );
        }
    }

    fn strictness(&mut self, file: &str, place: &str, q: &Question) {
        let weight = |o: &Choice, side: Side| -> i64 {
            o.effects
                .iter()
                .filter(|e| e.toward == side)
                .map(|e| e.weight)
                .sum()
        };
        for (oi, pair) in q.options.windows(2).enumerate() {
            let (a, b) = (&pair[0], &pair[1]);
            if weight(b, Side::OpenWeights) < weight(a, Side::OpenWeights)
                || weight(b, Side::Closed) > weight(a, Side::Closed)
                || (a.required_side() == Some(Side::OpenWeights)
                    && b.required_side() != Some(Side::OpenWeights))
            {
                self.push(
                    file,
                    &format!("{place}.options[{}]", oi + 1),
                    format!(
                        "question '{}' lists options from least to most strict, but '{}' pushes less toward open weights than '{}' before it",
                        q.id, b.id, a.id
                    ),
                    "order the options from least to most strict, with open-weights weight never falling and closed weight never rising",
                );
            }
        }
        for (oi, o) in q.options.iter().enumerate() {
            if o.required_side() == Some(Side::Closed) {
                self.push(
                    file,
                    &format!("{place}.options[{oi}].requires"),
                    format!(
                        "a stricter privacy answer in '{}' rules out open weights",
                        q.id
                    ),
                    "stricter privacy answers may only rule out \"closed\"",
                );
            }
        }
    }

    fn condition(
        &mut self,
        file: &str,
        place: &str,
        c: &Condition,
        known: &HashMap<&str, Known>,
        asked_at: Option<usize>,
        in_rule: bool,
    ) {
        let forms = [
            c.question.is_some() || c.any_of.is_some(),
            c.all.is_some(),
            c.any.is_some(),
            c.not.is_some(),
            c.verdict.is_some(),
        ];
        if forms.iter().filter(|f| **f).count() != 1 {
            self.push(
                file,
                place,
                "a condition must have exactly one form",
                "use one of {\"question\", \"any_of\"}, {\"all\"}, {\"any\"}, {\"not\"} or (in rules) {\"verdict\"}",
            );
            return;
        }
        if c.question.is_some() || c.any_of.is_some() {
            let (Some(qid), Some(any_of)) = (&c.question, &c.any_of) else {
                self.push(
                    file,
                    place,
                    "a condition on an answer needs both \"question\" and \"any_of\"",
                    "add the missing field",
                );
                return;
            };
            let Some(k) = known.get(qid.as_str()) else {
                self.push(
                    file,
                    &format!("{place}.question"),
                    format!("condition on the unknown question '{qid}'"),
                    "use the id of a question in this bank",
                );
                return;
            };
            if let Some(at) = asked_at {
                if k.order >= at {
                    self.push(
                        file,
                        &format!("{place}.question"),
                        format!("condition on '{qid}', which is asked later (or is this question)"),
                        "a question can only depend on questions asked before it: move one of them",
                    );
                }
            }
            let q = k.question;
            if q.kind == Kind::Text {
                self.push(
                    file,
                    &format!("{place}.question"),
                    format!("condition on the free-text question '{qid}'"),
                    "conditions can only use choice and number questions",
                );
                return;
            }
            if any_of.is_empty() {
                self.push(
                    file,
                    &format!("{place}.any_of"),
                    "\"any_of\" is empty, so the condition can never hold",
                    "list at least one option id",
                );
            }
            let valid: Vec<&str> = match &q.number {
                Some(n) if q.kind == Kind::Number => {
                    n.bands.iter().map(|b| b.id.as_str()).collect()
                }
                _ => q.options.iter().map(|o| o.id.as_str()).collect(),
            };
            for (ai, id) in any_of.iter().enumerate() {
                let ok = valid.contains(&id.as_str()) || (id == "not_sure" && q.not_sure.is_some());
                if !ok {
                    self.push(
                        file,
                        &format!("{place}.any_of[{ai}]"),
                        format!("condition names '{id}', which is not an option of '{qid}'"),
                        format!("use one of: {}", valid.join(", ")),
                    );
                }
            }
            return;
        }
        for (key, list) in [("all", &c.all), ("any", &c.any)] {
            if let Some(list) = list {
                if list.is_empty() {
                    self.push(
                        file,
                        &format!("{place}.{key}"),
                        format!("\"{key}\" is empty"),
                        "list at least one condition",
                    );
                }
                for (i, sub) in list.iter().enumerate() {
                    self.condition(
                        file,
                        &format!("{place}.{key}[{i}]"),
                        sub,
                        known,
                        asked_at,
                        in_rule,
                    );
                }
            }
        }
        if let Some(not) = &c.not {
            self.condition(file, &format!("{place}.not"), not, known, asked_at, in_rule);
        }
        if let Some(vs) = &c.verdict {
            if !in_rule {
                self.push(
                    file,
                    &format!("{place}.verdict"),
                    "a question cannot depend on the verdict",
                    "use \"verdict\" only in rules",
                );
            } else if vs.is_empty() {
                self.push(
                    file,
                    &format!("{place}.verdict"),
                    "\"verdict\" is empty",
                    "list \"open-weights\", \"hybrid\" or \"closed\"",
                );
            }
        }
    }
}
