//! The banks the tests run on: the built-in one, and a small test bank whose texts never
//! change, so that snapshots of flag screens do not churn when the shipped texts are edited.

use weighup::bank::{Bank, BankOrigin};
use weighup::catalogue::Catalogue;

/// The bank shipped inside weighup.
pub fn builtin() -> Bank {
    Bank::builtin().unwrap_or_else(|p| panic!("the built-in bank has problems:\n{p}"))
}

const TEST_BANK_META: &str =
    r#"{"id": "weighup.test", "version": "1", "title": "A small test bank", "minutes": 2}"#;

const TEST_SECTION: &str = r#"{
  "id": "demo",
  "title": "Demo section",
  "intro": "A short section used by the tests.",
  "questions": [
    {
      "id": "demo.data",
      "kind": "single",
      "prompt": "What data will the AI see?",
      "short": "Data",
      "help": "It decides where the model may run.",
      "options": [
        {"id": "public", "label": "Public data", "description": "Nothing private.",
         "effects": [{"dimension": "privacy", "toward": "closed", "weight": 1, "why": "Public data can go to a provider."}]},
        {"id": "secret", "label": "Secret data", "description": "It may never leave our servers.",
         "effects": [{"dimension": "privacy", "toward": "open-weights", "weight": 5, "why": "Secret data must stay with you."}],
         "rules_out": {"side": "closed", "why": "A closed model would take the data off your servers."}}
      ],
      "not_sure": {"find_out": "Ask the data owner."}
    },
    {
      "id": "demo.commercial",
      "kind": "yes_no",
      "prompt": "Is it for business use?",
      "short": "Business use",
      "help": "Some licences are for research only.",
      "options": [
        {"id": "yes", "label": "Yes", "description": "In a product or daily work.", "neutral": "Most licences allow it."},
        {"id": "no", "label": "No", "description": "Research only.",
         "effects": [{"dimension": "licence", "toward": "open-weights", "weight": 1, "why": "Research licences are open to you."}]}
      ],
      "not_sure": {"find_out": "Ask the sponsor."}
    },
    {
      "id": "demo.users",
      "kind": "number",
      "prompt": "How many monthly users do you have?",
      "short": "Users",
      "help": "Some licences have user limits.",
      "when": {"question": "demo.commercial", "any_of": ["yes"]},
      "number": {
        "unit": "million monthly active users",
        "min": 0,
        "max": 10000,
        "bands": [
          {"id": "small", "label": "Under 700 million", "description": "Below the known limits.", "from": 0, "below": 700, "neutral": "No limit applies."},
          {"id": "huge", "label": "700 million or more", "description": "Above the Llama limit.", "from": 700,
           "effects": [{"dimension": "licence", "toward": "closed", "weight": 3, "why": "Some open licences exclude you."}]}
        ]
      },
      "not_sure": {"find_out": "Ask finance."}
    },
    {
      "id": "demo.fields",
      "kind": "multi",
      "prompt": "Which fields does it touch?",
      "short": "Fields",
      "help": "Regulated fields need care.",
      "options": [
        {"id": "health", "label": "Health", "description": "Patients and care.",
         "effects": [{"dimension": "privacy", "toward": "open-weights", "weight": 2, "why": "Health data needs control."}]},
        {"id": "finance", "label": "Finance", "description": "Banks and insurers.",
         "effects": [{"dimension": "independence", "toward": "open-weights", "weight": 1, "why": "Regulators watch suppliers."}]},
        {"id": "none", "label": "None of these", "description": "No special field.", "exclusive": true, "neutral": "Nothing special applies."}
      ],
      "not_sure": {"find_out": "Ask compliance."}
    },
    {
      "id": "demo.team",
      "kind": "scale",
      "prompt": "How much AI experience does your team have?",
      "short": "Skills",
      "help": "Someone has to run a model.",
      "options": [
        {"id": "1", "label": "None", "description": "Nobody has run a model.",
         "effects": [{"dimension": "infrastructure", "toward": "closed", "weight": 3, "why": "A managed service removes the work."}]},
        {"id": "2", "label": "Some", "description": "A pilot or two.", "neutral": "Possible with effort."},
        {"id": "3", "label": "A team", "description": "A dedicated team.",
         "effects": [{"dimension": "infrastructure", "toward": "open-weights", "weight": 3, "why": "Your team can run it."}]}
      ],
      "not_sure": {"find_out": "Ask IT."}
    },
    {
      "id": "demo.notes",
      "kind": "text",
      "prompt": "Anything else to note?",
      "short": "Notes",
      "help": "Notes do not change the advice.",
      "placeholder": "For example: our client wants its data in Germany."
    }
  ],
  "rules": [
    {"raise": "test.secret", "when": {"question": "demo.data", "any_of": ["secret"]}},
    {"raise": "test.provider", "when": {"verdict": ["closed", "hybrid"]}}
  ]
}"#;

const TEST_LICENCES: &str = r#"{"licences": [{
  "id": "test-licence",
  "name": "Test Community Licence",
  "examples": ["Test 7B"],
  "osi_approved": false,
  "summary": "A licence for the tests.",
  "conditions": []
}]}"#;

const TEST_FLAGS: &str = r#"{"flags": [
  {
    "id": "test.secret",
    "severity": "blocks",
    "side": "open-weights",
    "title": "Secret data: check where the model runs",
    "explanation": "A test flag raised by secret data. It explains what to read in two sentences, so that the text wraps on a narrow screen.",
    "read": ["Test Community Licence, section 2", "Your data protection policy"],
    "licences": ["test-licence"],
    "sources": [{"title": "Test source", "url": "https://example.org/licences/test-community-licence/section-2", "checked": "2026-11-30", "note": "Read for the tests."}]
  },
  {
    "id": "test.provider",
    "severity": "read-carefully",
    "side": "closed",
    "title": "Ask how the provider uses your data",
    "explanation": "A test flag raised by the verdict.",
    "read": ["The provider's data-use terms"],
    "terms": ["Your API provider's terms of service"],
    "sources": [{"title": "Another test source", "url": "https://example.org/terms", "checked": "2026-11-29"}]
  }
]}"#;

/// A small bank and catalogue, written here: one section of six questions (`demo.*`).
pub fn test_bank() -> Bank {
    let cat = Catalogue::parse("licences.json", TEST_LICENCES, "flags.json", TEST_FLAGS)
        .expect("the test catalogue is valid");
    let files = vec![
        ("bank.json".to_string(), TEST_BANK_META.to_string()),
        ("01-demo.json".to_string(), TEST_SECTION.to_string()),
    ];
    Bank::from_files(&files, BankOrigin::BuiltIn, cat).expect("the test bank is valid")
}
