//! The licence catalogue and the flags it feeds, embedded from `assets/`.

pub mod model;

use std::collections::HashSet;

pub use model::{
    FlagDef, FlagSide, Licence, LicenceCondition, LicenceFile, Severity, Source, Topic,
};

use crate::problem::{Problem, Problems};

const LICENCES_FILE: &str = "assets/licences.json";
const FLAGS_FILE: &str = "assets/flags.json";
static LICENCES_JSON: &str = include_str!("../assets/licences.json");
static FLAGS_JSON: &str = include_str!("../assets/flags.json");

/// Licences and flags, validated together.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub licences: Vec<Licence>,
    pub flags: Vec<FlagDef>,
}

impl Catalogue {
    /// The catalogue shipped in the binary.
    pub fn builtin() -> Result<Catalogue, Problems> {
        Catalogue::parse(LICENCES_FILE, LICENCES_JSON, FLAGS_FILE, FLAGS_JSON)
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
        use std::fmt::Write as _;

        use crate::text::wrap_indent;
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
        let w = 78;
        let mut out = String::new();
        for (i, l) in chosen.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
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
                for s in &c.sources {
                    let line = format!("{} <{}>, checked {}", s.title, s.url, s.checked);
                    let _ = writeln!(
                        out,
                        "{}",
                        wrap_indent(&line, w, "    Source: ", "            ")
                    );
                }
            }
        }
        Ok(out)
    }
}
