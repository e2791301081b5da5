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
    /// A remark a manager should see next to the source (rarely needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// How the fact was verified (commits read, "verbatim copy in a third party's card",
    /// texts not read). Kept in the file and shown only by `weighup licences --evidence`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
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
    /// What the condition means for licence fit, in a form `licence_fit` can apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
}

/// Where an organisation is based, as far as licences draw lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Territory {
    /// A member state of the European Union.
    Eu,
    /// The United Kingdom.
    Uk,
    /// South Korea.
    SouthKorea,
    /// Anywhere else.
    Other,
}

impl Territory {
    pub fn title(self) -> &'static str {
        match self {
            Territory::Eu => "the European Union",
            Territory::Uk => "the United Kingdom",
            Territory::SouthKorea => "South Korea",
            Territory::Other => "a country outside the EU, the UK and South Korea",
        }
    }
}

/// What happens when a rule's line is crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    /// The licence does not cover you (you would need the maker's permission, or may not).
    RuledOut,
    /// You may, but must do something (the rule's `duty`).
    Duty,
    /// It depends on wording you must read.
    ReadFirst,
}

/// When a duty applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DutyWhen {
    /// Whenever you use the model.
    Always,
    /// When you pass the model (or a version of it) on to others.
    SharesWeights,
    /// When you pass the model on, or offer people outside your organisation a product or
    /// service built on it.
    SharesOrOffers,
    /// When the use is commercial.
    Commercial,
}

/// A condition in machine-readable form. Thresholds are "more than": a value exactly at the
/// threshold does not cross it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Rule {
    /// Only non-commercial use (research, evaluation, personal) is licensed.
    NonCommercial,
    /// A size line: more than this many monthly users (millions, all the organisation's
    /// products) or more than this monthly revenue (millions of US dollars).
    Threshold {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        monthly_users_m: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        monthly_revenue_musd: Option<f64>,
        /// The line counts only for commercial use.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        commercial_only: bool,
        effect: Effect,
        /// What you must do when `effect` is `duty`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        duty: Option<String>,
    },
    /// The licence grants nothing to organisations based in these territories (with
    /// `multimodal_only`, only for the family's multimodal models, marked in `models.json`).
    Territory {
        excluded: Vec<Territory>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        multimodal_only: bool,
    },
    /// The model and its outputs may not be used to train or improve other models.
    OutputTrainingBan,
    /// Military use is banned.
    MilitaryBan,
    /// Offering the model or a service built on it to others has its own rule.
    Offering { effect: Effect },
    /// Something you must do.
    Duty { when: DutyWhen, text: String },
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
    Territory,
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
            Topic::Territory => "Where it may be used",
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

/// `assets/models.json`: which licence a model family or version is under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub models: Vec<ModelEntry>,
}

/// One model family or version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelEntry {
    /// The name as its maker writes it, for example "Llama 4 Scout".
    pub name: String,
    /// Other names people type ("llama4-scout", "Llama-4-Scout-17B-16E").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The licence id in `assets/licences.json`.
    pub licence: String,
    /// Other licences whose terms also apply (for example a base model's licence).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Takes images (or sound) as well as text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multimodal: bool,
    /// A short remark in our own words (release date, sizes, caveats).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// `false` when the licence of this model was seen only in secondary sources.
    pub verified: bool,
    pub sources: Vec<Source>,
}
