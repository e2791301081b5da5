//! The licence catalogue (`assets/licences.json`) and the flags (`assets/flags.json`).

use serde::{Deserialize, Serialize};

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// What the source is, for example "Llama 3.1 Community License, §2".
    pub title: String,
    /// Where to read it (a web address or repository path).
    pub url: String,
    /// The date the fact was last checked against the source, `YYYY-MM-DD`.
    pub checked: String,
    /// Anything a reader should know about how it was read (a copy, a secondary quote...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `assets/licences.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceFile {
    pub licences: Vec<Licence>,
}

/// One licence family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// Stable id, for example `llama-3.1`.
    pub id: String,
    /// The licence's own name.
    pub name: String,
    /// The date or version printed on the licence text, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Models released under it (examples, not a full list).
    pub examples: Vec<String>,
    /// Is the licence itself on the OSI's approved list?
    pub osi_approved: bool,
    /// One or two sentences in our own words.
    pub summary: String,
    pub conditions: Vec<LicenceCondition>,
}

/// One condition of a licence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenceCondition {
    pub topic: Topic,
    /// In our own words.
    pub summary: String,
    /// A short quote of the clause, when one was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// `false` when the research could not confirm it: shown as unverified, never as fact.
    pub verified: bool,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    CommercialUse,
    UserThreshold,
    OutputUse,
    AcceptableUse,
    Attribution,
    Derivatives,
    Hosting,
    GoverningLaw,
    Openness,
    Other,
}

impl Topic {
    pub fn title(self) -> &'static str {
        match self {
            Topic::CommercialUse => "Commercial use",
            Topic::UserThreshold => "User thresholds",
            Topic::OutputUse => "Using outputs to train other models",
            Topic::AcceptableUse => "Acceptable use",
            Topic::Attribution => "Attribution and naming",
            Topic::Derivatives => "Passing terms on",
            Topic::Hosting => "Hosting for others",
            Topic::GoverningLaw => "Governing law",
            Topic::Openness => "Openness",
            Topic::Other => "Other",
        }
    }
}

/// `assets/flags.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagFile {
    pub flags: Vec<FlagDef>,
}

/// How much a flag matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// May rule a licence or service out for you.
    Blocks,
    /// Read this clause carefully before you commit.
    ReadCarefully,
    /// Worth knowing.
    Note,
}

impl Severity {
    pub fn id(self) -> &'static str {
        match self {
            Severity::Blocks => "blocks",
            Severity::ReadCarefully => "read-carefully",
            Severity::Note => "note",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Severity::Blocks => "Blocks",
            Severity::ReadCarefully => "Read carefully",
            Severity::Note => "Note",
        }
    }
}

/// Which side's terms a flag is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagSide {
    OpenWeights,
    Closed,
    Both,
}

/// A licence or terms condition a reader must look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagDef {
    /// Stable id, for example `open.output-training-ban`.
    pub id: String,
    pub severity: Severity,
    pub side: FlagSide,
    /// A short title.
    pub title: String,
    /// Why it matters, in plain words.
    pub explanation: String,
    /// Exactly what to read: clauses, pages, policies.
    pub read: Vec<String>,
    /// Licence ids from `assets/licences.json` this flag concerns.
    #[serde(default)]
    pub licences: Vec<String>,
    /// Other terms it concerns, in words (for example "your API provider's data-use terms").
    #[serde(default)]
    pub terms: Vec<String>,
    pub sources: Vec<Source>,
}
