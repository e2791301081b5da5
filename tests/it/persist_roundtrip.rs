//! Saving and loading answer sheets: any sheet comes back equal, nothing unknown is dropped,
//! files are private, and weighup never writes over a file that is not its own.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::macros::datetime;
use weighup::answers::Answer;
use weighup::bank::Verdict;
use weighup::catalogue::Severity;
use weighup::engine::Clarity;
use weighup::persist::{self, PersistError};
use weighup::sheet::{
    BankRef, Migration, SCHEMA, SCHEMA_VERSION, SavedAnswer, SavedFlag, SavedResult, Sheet, upgrade,
};

use crate::support::banks::builtin as bank;
use crate::support::files::fixture;

const NOW: OffsetDateTime = datetime!(2026-11-30 10:15:00 UTC);

// ---------------------------------------------------------------------------------------------
// Property: any sheet saves and loads back equal.

fn text() -> impl Strategy<Value = String> {
    // Any characters, including quotes, backslashes, control characters and emoji.
    "\\PC{0,12}|[\"\\\\\n\t<>&]{0,4}|\u{1F600}{0,2}"
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        -1e6..1e6f64,
        Just(0.0),
        Just(0.1 + 0.2),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        Just(Answer::NotSure),
        "[a-z_0-9]{1,10}".prop_map(Answer::Choice),
        prop::collection::vec("[a-z_]{1,8}", 0..4).prop_map(Answer::Choices),
        finite().prop_map(Answer::Number),
        text().prop_map(Answer::Text),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        finite().prop_map(Value::from),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,5}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Fields a later weighup might add: names this version does not use.
fn extra() -> impl Strategy<Value = BTreeMap<String, Value>> {
    prop::collection::btree_map("x_[a-z]{1,6}", value(), 0..3)
}

fn question_id() -> impl Strategy<Value = String> {
    let known: Vec<String> = bank().questions.iter().map(|q| q.id.clone()).collect();
    prop_oneof![
        prop::sample::select(known),
        // Answers to questions this bank does not have: kept as they are.
        "[a-z]{1,8}\\.[a-z_]{1,10}",
    ]
}

fn saved_answer() -> impl Strategy<Value = SavedAnswer> {
    (
        text(),
        text(),
        answer(),
        text(),
        prop::option::of(text()),
        extra(),
    )
        .prop_map(
            |(question, prompt, answer, label, note, extra)| SavedAnswer {
                question,
                prompt,
                answer,
                label,
                note,
                extra,
            },
        )
}

fn result() -> impl Strategy<Value = SavedResult> {
    let verdict = prop::sample::select(Verdict::ALL.to_vec());
    let clarity = prop::sample::select(vec![
        Clarity::Clear,
        Clarity::Leaning,
        Clarity::CloseCall,
        Clarity::Constrained,
        Clarity::Conflict,
        Clarity::Undecided,
    ]);
    let severity = prop::sample::select(vec![
        Severity::Blocks,
        Severity::ReadCarefully,
        Severity::Note,
    ]);
    let flag = ("[a-z.-]{1,12}", severity, text()).prop_map(|(id, severity, title)| SavedFlag {
        id,
        severity,
        title,
    });
    (
        verdict,
        clarity,
        0u8..=100,
        text(),
        prop::collection::vec(flag, 0..3),
    )
        .prop_map(
            |(verdict, clarity, confidence, headline, flags)| SavedResult {
                verdict,
                clarity,
                confidence,
                headline,
                flags,
            },
        )
}

prop_compose! {
    fn sheet()(
        // The dates and the bank hash have a fixed form (the loader refuses others).
        bank in (text(), text(), "sha256:[0-9a-f]{64}"),
        app_version in text(),
        created in "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](Z|[+-]0[0-9]:[0-5][0-9])",
        updated in "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z",
        respondent in prop::option::of(text()),
        scenario in prop::option::of(text()),
        complete in any::<bool>(),
        answers in prop::collection::btree_map(question_id(), saved_answer(), 0..6),
        result in prop::option::of(result()),
        extra in extra(),
    ) -> Sheet {
        Sheet {
            schema: SCHEMA.to_string(),
            bank: BankRef { id: bank.0, version: bank.1, hash: bank.2 },
            app_version,
            created,
            updated,
            respondent,
            scenario,
            complete,
            answers,
            result,
            extra,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_sheet_saves_and_loads_back_equal(sheet in sheet()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheet.json");
        persist::save(&path, &sheet).unwrap();
        let back = persist::load(&path).unwrap();
        prop_assert_eq!(&back, &sheet);
        // And saving what was loaded writes the same bytes: nothing is lost or reordered.
        let first = std::fs::read(&path).unwrap();
        persist::save(&path, &back).unwrap();
        prop_assert_eq!(std::fs::read(&path).unwrap(), first);
    }
}

// ---------------------------------------------------------------------------------------------
// Saving.

#[test]
fn saved_files_are_private_to_the_user() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/folder/sheet.json");
    let mut sheet = Sheet::new(&b, NOW);
    sheet.set_answer(&b, "scale.volume", Answer::Choice("large".into()), NOW);
    persist::save(&path, &sheet).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "answers can hold confidential plans");
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700, "a folder weighup creates is private too");
    }
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["sheet.json"]);
}

/// In a folder others can write to, someone plants the temporary file weighup used to use
/// (`.NAME.PID.tmp`): a link to another file, or an empty file anyone may write. Neither is
/// written through, and the sheet stays private.
#[cfg(unix)]
#[test]
fn a_planted_temporary_file_or_link_is_never_used() {
    use std::os::unix::fs::PermissionsExt as _;
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.conf");
    std::fs::write(&victim, "PRECIOUS\n").unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let pid = std::process::id();
    let mut sheet = Sheet::new(&b, NOW);
    sheet.set_answer(&b, "scale.volume", Answer::Choice("large".into()), NOW);

    // A link where the temporary file would go.
    let linked = shared.join("table.json");
    std::os::unix::fs::symlink(&victim, shared.join(format!(".table.json.{pid}.tmp"))).unwrap();
    persist::save(&linked, &sheet).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "PRECIOUS\n");
    assert!(persist::load(&linked).is_ok());

    // A planted file anyone may write.
    let planted = shared.join(format!(".t.json.{pid}.tmp"));
    std::fs::write(&planted, "").unwrap();
    std::fs::set_permissions(&planted, std::fs::Permissions::from_mode(0o666)).unwrap();
    let target = shared.join("t.json");
    persist::save(&target, &sheet).unwrap();
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o600,
        "the sheet must not take the planted file's mode"
    );
    assert_eq!(
        std::fs::read(&planted).unwrap(),
        b"",
        "the planted file is left alone"
    );
}

#[test]
fn never_writes_over_a_file_that_is_not_a_sheet() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let sheet = Sheet::new(&b, NOW);
    for (name, content) in [
        ("notes.json", "{\"title\": \"my notes\"}\n"),
        (
            "broken.json",
            "{\"schema\": \"weighup.answers/1\", \"bank\": ",
        ),
        ("plan.txt", "Quarterly plan\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let err = persist::save(&path, &sheet).unwrap_err();
        assert!(
            matches!(err, PersistError::NotASheet { .. }),
            "{name}: {err}"
        );
        assert!(err.to_string().contains("will not overwrite it"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content, "{name}");
    }
}

#[test]
fn never_writes_over_a_sheet_from_a_newer_weighup() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    std::fs::copy(fixture("future.json"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = persist::save(&path, &Sheet::new(&b, NOW)).unwrap_err();
    assert!(err.to_string().contains("made by a newer weighup"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn replaces_an_earlier_save_of_a_sheet() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.json");
    let mut sheet = Sheet::new(&b, NOW);
    persist::save(&path, &sheet).unwrap();
    sheet.set_answer(&b, "scale.volume", Answer::Choice("small".into()), NOW);
    persist::save(&path, &sheet).unwrap();
    assert_eq!(persist::load(&path).unwrap(), sheet);
}

#[test]
fn new_file_names_are_readable_and_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let first = persist::new_path(dir.path(), Some("Ana (Sales) & Ops"), NOW);
    assert_eq!(
        first.file_name().unwrap(),
        "weighup-ana-sales-ops-2026-11-30-1015.json"
    );
    std::fs::write(&first, "taken").unwrap();
    let second = persist::new_path(dir.path(), Some("Ana (Sales) & Ops"), NOW);
    assert_eq!(
        second.file_name().unwrap(),
        "weighup-ana-sales-ops-2026-11-30-1015-2.json"
    );
    let anonymous = persist::new_path(dir.path(), None, NOW);
    assert_eq!(
        anonymous.file_name().unwrap(),
        "weighup-2026-11-30-1015.json"
    );
}

#[test]
fn the_latest_unfinished_sheet_is_found_by_its_last_save() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let mut older = Sheet::new(&b, NOW);
    older.updated = "2026-11-29T08:00:00Z".into();
    let mut newer = Sheet::new(&b, NOW);
    newer.updated = "2026-11-30T08:00:00Z".into();
    let mut finished = Sheet::new(&b, NOW);
    finished.complete = true;
    finished.updated = "2026-12-01T08:00:00Z".into();
    persist::save(&dir.path().join("a.json"), &newer).unwrap();
    persist::save(&dir.path().join("b.json"), &older).unwrap();
    persist::save(&dir.path().join("c.json"), &finished).unwrap();
    std::fs::write(dir.path().join("d.json"), "not a sheet").unwrap();
    assert_eq!(
        persist::latest_unfinished(dir.path()).unwrap(),
        dir.path().join("a.json")
    );
}

// ---------------------------------------------------------------------------------------------
// Loading: optional fields, unknown fields, versions.

#[test]
fn a_sheet_without_its_optional_fields_loads() {
    let sheet = persist::load(&fixture("minimal.json")).unwrap();
    assert_eq!(sheet.respondent, None);
    assert_eq!(sheet.scenario, None);
    assert_eq!(sheet.result, None);
    assert_eq!(sheet.answers["scale.volume"].answer, Answer::NotSure);
    assert_eq!(sheet.answers["scale.volume"].prompt, "");
    assert_eq!(sheet.answers["scale.volume"].note, None);
}

#[test]
fn a_result_saved_before_undecided_was_renamed_still_loads() {
    // Sheets saved before the verdict "undecided" existed say "too-few-answers".
    let mut v: Value =
        serde_json::from_slice(&std::fs::read(fixture("minimal.json")).unwrap()).unwrap();
    v["result"] = json!({
        "verdict": "hybrid",
        "clarity": "too-few-answers",
        "confidence": 1,
        "headline": "Too early to say: most questions are still open.",
        "flags": []
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("older.json");
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let sheet = persist::load(&path).unwrap();
    let result = sheet.result.unwrap();
    assert_eq!(result.clarity, Clarity::Undecided);
    assert_eq!(result.verdict, Verdict::Hybrid);
}

#[test]
fn unknown_fields_and_answers_are_kept_and_written_back() {
    let b = bank();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.json");
    std::fs::copy(fixture("unknown-fields.json"), &path).unwrap();
    let mut sheet = persist::load(&path).unwrap();
    assert_eq!(sheet.unknown_answers(&b), vec!["team.size"]);
    // Answer a question, as the app would, then save.
    sheet.set_answer(
        &b,
        "privacy.data_sensitivity",
        Answer::Choice("special".into()),
        NOW,
    );
    persist::save(&path, &sheet).unwrap();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["locale"], json!("en-GB"));
    assert_eq!(saved["workshop"], json!({"session": "room-4", "seat": 12}));
    assert_eq!(
        saved["answers"]["privacy.data_sensitivity"]["confidence_by_author"],
        json!(0.8),
        "an unknown field of a changed answer is kept"
    );
    assert_eq!(
        saved["answers"]["privacy.data_sensitivity"]["answer"],
        json!({"choice": "special"})
    );
    assert_eq!(
        saved["answers"]["team.size"],
        json!({"question": "Team size", "prompt": "How big is the team?", "answer": {"number": 12.5}, "label": "12.5 people"})
    );
}

#[test]
fn a_sheet_from_a_newer_weighup_is_refused_with_a_clear_message() {
    let err = persist::load(&fixture("future.json"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("future.json:2:3:"), "{err}");
    assert!(
        err.contains("made by a newer weighup (0.9.0): it is in format weighup.answers/2"),
        "{err}"
    );
    assert!(err.contains("fix: update weighup to open it"), "{err}");
}

#[test]
fn a_schema_version_weighup_never_wrote_is_refused() {
    let err = persist::load(&fixture("never-written.json"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("weighup never wrote schema weighup.answers/0"),
        "{err}"
    );
}

/// Two made-up steps, to test the upgrade mechanism itself (no real earlier version exists).
#[allow(clippy::unnecessary_wraps)] // the signature every migration step has
fn rename_who(map: &mut serde_json::Map<String, Value>) -> Result<(), String> {
    if let Some(who) = map.remove("who") {
        map.insert("respondent".into(), who);
    }
    Ok(())
}

fn refuse(_: &mut serde_json::Map<String, Value>) -> Result<(), String> {
    Err("this old sheet has no bank".into())
}

#[test]
fn upgrade_applies_each_step_in_turn_up_to_the_current_version() {
    let steps = [Migration {
        from: SCHEMA_VERSION - 1,
        what: "the participant label is called respondent",
        apply: rename_who,
    }];
    let mut v = json!({"schema": "weighup.answers/0", "who": "Ana"});
    let done = upgrade(&mut v, SCHEMA_VERSION - 1, &steps).unwrap();
    assert_eq!(done, vec!["the participant label is called respondent"]);
    assert_eq!(v, json!({"schema": SCHEMA, "respondent": "Ana"}));

    // A missing step, or a step that cannot read the file, is an error, not a guess.
    let mut v = json!({"schema": "weighup.answers/0"});
    let err = upgrade(&mut v, SCHEMA_VERSION - 1, &[]).unwrap_err();
    assert!(err.contains("never wrote"), "{err}");
    let steps = [Migration {
        from: SCHEMA_VERSION - 1,
        what: "",
        apply: refuse,
    }];
    assert_eq!(
        upgrade(&mut v, SCHEMA_VERSION - 1, &steps).unwrap_err(),
        "this old sheet has no bank"
    );
}

#[test]
fn a_current_sheet_needs_no_upgrade() {
    let mut v = json!({"schema": SCHEMA});
    assert!(upgrade(&mut v, SCHEMA_VERSION, &[]).unwrap().is_empty());
    let loaded = persist::load_detailed(&fixture("complete.json")).unwrap();
    assert_eq!(loaded.from_version, SCHEMA_VERSION);
    assert!(loaded.upgraded.is_empty());
}

// ---------------------------------------------------------------------------------------------
// What the sheet records.

#[test]
fn a_sheet_records_labels_prompts_notes_and_the_result() {
    let b = bank();
    let mut sheet = Sheet::new(&b, NOW);
    sheet.set_answer(
        &b,
        "privacy.data_sensitivity",
        Answer::Choice("personal".into()),
        NOW,
    );
    assert!(sheet.set_note("privacy.data_sensitivity", Some("HR data too".into()), NOW));
    assert!(!sheet.set_note("scale.volume", Some("no answer yet".into()), NOW));
    // Changing the answer keeps the note.
    sheet.set_answer(
        &b,
        "privacy.data_sensitivity",
        Answer::Choice("special".into()),
        NOW,
    );
    sheet.set_answer(&b, "scale.volume", Answer::NotSure, NOW);
    let saved = &sheet.answers["privacy.data_sensitivity"];
    assert_eq!(saved.question, "Data sensitivity");
    assert_eq!(
        saved.prompt,
        b.question("privacy.data_sensitivity").unwrap().prompt
    );
    assert_eq!(saved.label, "Highly sensitive or confidential information");
    assert_eq!(saved.note.as_deref(), Some("HR data too"));
    assert_eq!(sheet.answers["scale.volume"].label, "Not sure");
    assert!(!sheet.complete);
    assert!(sheet.result.is_some());
    let (answered, asked) = sheet.progress(&b);
    assert_eq!(answered, 2);
    assert!(asked >= 19, "{asked}");
}

#[test]
fn a_stale_option_does_not_count_as_an_answer() {
    let b = bank();
    let sheet = persist::load(&fixture("old-bank.json")).unwrap();
    assert!(sheet.bank_differs(&b));
    assert_eq!(sheet.unknown_answers(&b), vec!["privacy.cloud_ok"]);
    assert_eq!(
        sheet.stale_options(&b),
        vec![(
            "scale.volume".to_string(),
            "enormous (Enormous: millions of requests a day)".to_string()
        )]
    );
    let waiting: Vec<&str> = sheet
        .waiting(&b)
        .into_iter()
        .map(|i| b.questions[i].id.as_str())
        .collect();
    assert_eq!(waiting, vec!["scale.volume"]);
}
