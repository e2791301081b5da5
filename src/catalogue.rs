//! The licence catalogue and the flags it feeds, embedded from `assets/`.

pub mod fit;
pub mod model;
pub mod stale;

use std::collections::HashSet;

pub use fit::{FitFacts, FitReason, FitStatus, LicenceFit, licence_fit};
pub use model::{
    DutyWhen, Effect, FlagDef, FlagSide, Licence, LicenceCondition, LicenceFile, ModelEntry, Rule,
    Severity, Source, Territory, Topic,
};

use crate::problem::{Problem, Problems};

const LICENCES_FILE: &str = "assets/licences.json";
const FLAGS_FILE: &str = "assets/flags.json";
static LICENCES_JSON: &str = include_str!("../assets/licences.json");
static FLAGS_JSON: &str = include_str!("../assets/flags.json");
const MODELS_FILE: &str = "assets/models.json";
static MODELS_JSON: &str = include_str!("../assets/models.json");

/// Licences, flags and the model map, validated together.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub licences: Vec<Licence>,
    pub flags: Vec<FlagDef>,
    /// Model families and versions with their licence (`assets/models.json`).
    pub models: Vec<ModelEntry>,
}

impl Catalogue {
    /// The catalogue shipped in the binary.
    pub fn builtin() -> Result<Catalogue, Problems> {
        Catalogue::parse_with_models(
            LICENCES_FILE,
            LICENCES_JSON,
            FLAGS_FILE,
            FLAGS_JSON,
            MODELS_FILE,
            MODELS_JSON,
        )
    }

    /// Parses licences, flags and the model map. Besides [`Catalogue::parse`]'s checks: every
    /// model names a known licence, and every licence family has at least one model.
    pub fn parse_with_models(
        licences_name: &str,
        licences: &str,
        flags_name: &str,
        flags: &str,
        models_name: &str,
        models: &str,
    ) -> Result<Catalogue, Problems> {
        let base = Catalogue::parse(licences_name, licences, flags_name, flags);
        let mut problems = Vec::new();
        let parsed: Option<model::ModelFile> = serde_json::from_str(models)
            .map_err(|e| problems.push(Problem::from_json(models_name, &e)))
            .ok();
        let mut cat = match base {
            Ok(cat) => cat,
            Err(Problems(mut p)) => {
                p.extend(problems);
                return Err(Problems(p));
            }
        };
        let Some(parsed) = parsed else {
            return Err(Problems(problems));
        };
        let mut names = HashSet::new();
        for (i, m) in parsed.models.iter().enumerate() {
            let place = format!("models[{i}]");
            if !names.insert(model_key(&m.name)) {
                problems.push(Problem::new(
                    models_name,
                    format!("{place}.name"),
                    format!("model '{}' is listed twice", m.name),
                    "list every model once",
                ));
            }
            for (what, id) in
                std::iter::once(("licence", &m.licence)).chain(m.also.iter().map(|a| ("also", a)))
            {
                if cat.licence(id).is_none() {
                    problems.push(Problem::new(
                        models_name,
                        format!("{place}.{what}"),
                        format!("model '{}' names the unknown licence '{id}'", m.name),
                        "use a licence id from assets/licences.json",
                    ));
                }
            }
            check_sources(&mut problems, models_name, &place, &m.sources);
        }
        for l in &cat.licences {
            if !parsed.models.iter().any(|m| m.licence == l.id) {
                problems.push(Problem::new(
                    models_name,
                    "models",
                    format!("the licence family '{}' has no model", l.id),
                    "add at least one model under it, with its source",
                ));
            }
        }
        if problems.is_empty() {
            cat.models = parsed.models;
            Ok(cat)
        } else {
            Err(Problems(problems))
        }
    }

    /// Parses and checks a catalogue; every problem is reported at once.
    pub fn parse(
        licences_name: &str,
        licences: &str,
        flags_name: &str,
        flags: &str,
    ) -> Result<Catalogue, Problems> {
        let mut problems = Vec::new();
        let lic: Option<LicenceFile> = serde_json::from_str(licences)
            .map_err(|e| problems.push(Problem::from_json(licences_name, &e)))
            .ok();
        let fl: Option<model::FlagFile> = serde_json::from_str(flags)
            .map_err(|e| problems.push(Problem::from_json(flags_name, &e)))
            .ok();
        let (Some(lic), Some(fl)) = (lic, fl) else {
            return Err(Problems(problems));
        };
        let mut ids = HashSet::new();
        for (i, l) in lic.licences.iter().enumerate() {
            if !ids.insert(l.id.as_str()) {
                problems.push(Problem::new(
                    licences_name,
                    format!("licences[{i}].id"),
                    format!("licence id '{}' is used twice", l.id),
                    "give every licence its own id",
                ));
            }
            for (ci, c) in l.conditions.iter().enumerate() {
                check_sources(
                    &mut problems,
                    licences_name,
                    &format!("licences[{i}].conditions[{ci}]"),
                    &c.sources,
                );
            }
        }
        let mut flag_ids = HashSet::new();
        for (i, f) in fl.flags.iter().enumerate() {
            let place = format!("flags[{i}]");
            if !flag_ids.insert(f.id.as_str()) {
                problems.push(Problem::new(
                    flags_name,
                    format!("{place}.id"),
                    format!("flag id '{}' is used twice", f.id),
                    "give every flag its own id",
                ));
            }
            for (li, l) in f.licences.iter().enumerate() {
                if !ids.contains(l.as_str()) {
                    problems.push(Problem::new(
                        flags_name,
                        format!("{place}.licences[{li}]"),
                        format!("flag '{}' names the unknown licence '{l}'", f.id),
                        "use a licence id from assets/licences.json",
                    ));
                }
            }
            if f.read.is_empty() {
                problems.push(Problem::new(
                    flags_name,
                    format!("{place}.read"),
                    format!("flag '{}' does not say what to read", f.id),
                    "list the clauses, pages or policies to read",
                ));
            }
            check_sources(&mut problems, flags_name, &place, &f.sources);
        }
        if problems.is_empty() {
            Ok(Catalogue {
                licences: lic.licences,
                flags: fl.flags,
                models: Vec::new(),
            })
        } else {
            Err(Problems(problems))
        }
    }

    pub fn flag(&self, id: &str) -> Option<&FlagDef> {
        self.flags.iter().find(|f| f.id == id)
    }

    pub fn licence(&self, id: &str) -> Option<&Licence> {
        self.licences.iter().find(|l| l.id == id)
    }
}

/// A model name reduced to lower-case letters and digits, for loose matching.
pub fn model_key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn check_sources(problems: &mut Vec<Problem>, file: &str, place: &str, sources: &[Source]) {
    if sources.is_empty() {
        problems.push(Problem::new(
            file,
            format!("{place}.sources"),
            "a fact without a source",
            "add at least one source with \"title\", \"url\" and \"checked\"",
        ));
    }
    for (si, s) in sources.iter().enumerate() {
        if !s.url.starts_with("https://") {
            problems.push(Problem::new(
                file,
                format!("{place}.sources[{si}].url"),
                format!("the source address '{}' is not a public web address", s.url),
                "give the public https:// address of the document; say how it was read in \"evidence\"",
            ));
        }
        let ok = s.checked.len() == 10
            && s.checked.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if !ok {
            problems.push(Problem::new(
                file,
                format!("{place}.sources[{si}].checked"),
                format!("the date checked '{}' is not a date", s.checked),
                "write the date as YYYY-MM-DD",
            ));
        }
    }
}

impl Catalogue {
    /// The catalogue as plain text: every licence (or one, by id) with its conditions, each
    /// with its sources. Unverified conditions say so in front.
    pub fn describe(&self, id: Option<&str>) -> Result<String, String> {
        self.describe_with(id, false)
    }

    /// [`Catalogue::describe`], with how each source was checked when `evidence` is set.
    pub fn describe_with(&self, id: Option<&str>, evidence: bool) -> Result<String, String> {
        let chosen: Vec<&Licence> = match id {
            Some(id) => vec![self.licence(id).ok_or_else(|| {
                let ids: Vec<&str> = self.licences.iter().map(|l| l.id.as_str()).collect();
                format!(
                    "there is no licence '{id}'; the catalogue has: {}",
                    ids.join(", ")
                )
            })?],
            None => self.licences.iter().collect(),
        };
        let mut out = String::new();
        for (i, l) in chosen.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            describe_licence(&mut out, l, evidence);
        }
        Ok(out)
    }

    /// Models whose name or alias loosely matches `name` ("qwen3", "gpt-oss-20b", "Llama 4
    /// Scout"): exact matches when there are any, else every model whose name contains it or
    /// is contained in it.
    pub fn find_models(&self, name: &str) -> Vec<&ModelEntry> {
        let key = model_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        let keys = |m: &ModelEntry| {
            std::iter::once(model_key(&m.name))
                .chain(m.aliases.iter().map(|a| model_key(a)))
                .collect::<Vec<_>>()
        };
        let exact: Vec<&ModelEntry> = self
            .models
            .iter()
            .filter(|m| keys(m).contains(&key))
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let starts: Vec<&ModelEntry> = self
            .models
            .iter()
            .filter(|m| {
                keys(m)
                    .iter()
                    .any(|k| k.starts_with(&key) || key.starts_with(k.as_str()))
            })
            .collect();
        if !starts.is_empty() {
            return starts;
        }
        self.models
            .iter()
            .filter(|m| keys(m).iter().any(|k| k.contains(&key)))
            .collect()
    }

    /// `weighup licences --model NAME`: the matching models, each with its licence and the
    /// licence's conditions.
    pub fn describe_model(&self, name: &str, evidence: bool) -> Result<String, String> {
        use std::fmt::Write as _;

        use crate::text::wrap_indent;
        let found = self.find_models(name);
        if found.is_empty() {
            return Err(format!(
                "no model in the catalogue matches '{}'; try a shorter name (for example \"llama 3.1\", \"qwen3\" or \"gemma\"), or `weighup licences` for every licence",
                plain_name(name)
            ));
        }
        let w = 78;
        let mut out = String::new();
        if found.len() > 1 {
            let _ = writeln!(out, "{} models match '{}':", found.len(), plain_name(name));
            for m in &found {
                let _ = writeln!(out, "  {} -> {}", m.name, m.licence);
            }
            out.push('\n');
        }
        let mut shown: Vec<&str> = Vec::new();
        for m in &found {
            let _ = writeln!(out, "Model: {}", m.name);
            let name = |id: &str| {
                self.licence(id)
                    .map_or_else(|| id.to_string(), |l| format!("{} ({id})", l.name))
            };
            let mut line = format!("Licence: {}", name(&m.licence));
            if !m.also.is_empty() {
                let also: Vec<String> = m.also.iter().map(|a| name(a)).collect();
                let _ = write!(line, "; the terms of {} also apply", also.join(", "));
            }
            let _ = writeln!(out, "{}", wrap_indent(&line, w, "  ", "  "));
            if m.multimodal {
                let _ = writeln!(out, "  Takes images as well as text (multimodal).");
            }
            if !m.verified {
                let _ = writeln!(
                    out,
                    "  UNVERIFIED: this model's licence was seen only in secondary sources."
                );
            }
            if let Some(n) = &m.note {
                let _ = writeln!(out, "{}", wrap_indent(n, w, "  ", "  "));
            }
            write_sources(&mut out, &m.sources, evidence, "  Source: ", "          ");
            out.push('\n');
        }
        for m in &found {
            for id in std::iter::once(&m.licence).chain(m.also.iter()) {
                if shown.contains(&id.as_str()) {
                    continue;
                }
                shown.push(id);
                if let Some(l) = self.licence(id) {
                    describe_licence(&mut out, l, evidence);
                    out.push('\n');
                }
            }
        }
        out.pop();
        Ok(out)
    }
}

fn write_sources(out: &mut String, sources: &[Source], evidence: bool, head: &str, rest: &str) {
    use std::fmt::Write as _;

    use crate::text::wrap_indent;
    let w = 78;
    for s in sources {
        let line = format!("{} <{}>, checked {}", s.title, s.url, s.checked);
        let _ = writeln!(out, "{}", wrap_indent(&line, w, head, rest));
        if let Some(n) = &s.note {
            let _ = writeln!(out, "{}", wrap_indent(n, w, rest, rest));
        }
        if evidence {
            if let Some(e) = &s.evidence {
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_indent(&format!("How it was checked: {e}"), w, rest, rest)
                );
            }
        }
    }
}

fn describe_licence(out: &mut String, l: &Licence, evidence: bool) {
    use std::fmt::Write as _;

    use crate::text::wrap_indent;
    let w = 78;
    {
        {
            let _ = writeln!(out, "{} ({})", l.name, l.id);
            if let Some(v) = &l.version {
                let _ = writeln!(out, "{}", wrap_indent(v, w, "  Version: ", "           "));
            }
            let _ = writeln!(
                out,
                "{}",
                wrap_indent(&l.examples.join(", "), w, "  Models: ", "          ")
            );
            let _ = writeln!(
                out,
                "  On the OSI's list of approved open source licences: {}",
                if l.osi_approved { "yes" } else { "no" }
            );
            let _ = writeln!(out, "{}", wrap_indent(&l.summary, w, "  ", "  "));
            for c in &l.conditions {
                let head = if c.verified {
                    format!("{}: ", c.topic.title())
                } else {
                    format!("{} (UNVERIFIED): ", c.topic.title())
                };
                let _ = writeln!(
                    out,
                    "{}",
                    wrap_indent(&format!("{head}{}", c.summary), w, "  - ", "    ")
                );
                if let Some(q) = &c.quote {
                    let _ = writeln!(
                        out,
                        "{}",
                        wrap_indent(&format!("\"{q}\""), w, "    Quote: ", "           ")
                    );
                }
                write_sources(out, &c.sources, evidence, "    Source: ", "            ");
            }
        }
    }
}

/// A name typed by the user, without control characters, to echo back.
fn plain_name(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).take(80).collect()
}
