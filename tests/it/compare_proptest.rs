//! `weighup compare` never panics, whatever JSON files it is given: arbitrary JSON, and real
//! sheets with parts replaced by arbitrary JSON. Every file is either counted or skipped,
//! and every output (text, Markdown, CSV, each screen of the view) renders.

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

use weighup::answers::Answer;
use weighup::bank::Bank;
use weighup::sheet::Sheet;
use weighup::tui::Theme;
use weighup::tui::compare::{Action, CompareApp, Tab};
use weighup::workshop::room::compare;
use weighup::workshop::{output, scenarios};

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        (-1e12f64..1e12).prop_map(|f| json!(f)),
        "[a-z_.\\-]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("not_sure"),
            Just("weighup.answers/1"),
            Just("regional-hospital"),
            Just("yes"),
            Just("premises"),
            Just("\u{1b}[2J"),
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_.]{1,10}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A real sheet with one part replaced by arbitrary JSON.
fn mutated_sheet() -> impl Strategy<Value = Value> {
    let places = prop_oneof![
        Just("/answers/privacy.data_location/answer"),
        Just("/answers/commercial.monthly_users/answer"),
        Just("/answers/privacy.regulation/answer"),
        Just("/answers/scale.volume"),
        Just("/answers"),
        Just("/scenario"),
        Just("/respondent"),
        Just("/bank"),
        Just("/bank/version"),
        Just("/updated"),
        Just("/complete"),
        Just("/result"),
        Just("/schema"),
    ];
    (places, arb_json(), any::<bool>()).prop_map(|(place, value, keep)| {
        let bank = Bank::builtin().unwrap();
        let mut s = Sheet::new(&bank, time::OffsetDateTime::UNIX_EPOCH);
        s.scenario = Some("regional-hospital".to_string());
        s.respondent = keep.then(|| "Table 1".to_string());
        for (id, a) in [
            ("privacy.data_location", Answer::Choice("premises".into())),
            ("privacy.regulation", Answer::Choices(vec!["health".into()])),
            ("scale.volume", Answer::Choice("large".into())),
            ("commercial.is_commercial", Answer::Choice("yes".into())),
            ("commercial.monthly_users", Answer::Number(3.0)),
        ] {
            s.set_answer(&bank, id, a, time::OffsetDateTime::UNIX_EPOCH);
        }
        let mut v = serde_json::to_value(&s).unwrap();
        if let Some(slot) = v.pointer_mut(place) {
            *slot = value;
        }
        v
    })
}

fn a_file() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        arb_json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        mutated_sheet().prop_map(|v| serde_json::to_vec_pretty(&v).unwrap()),
        prop::collection::vec(any::<u8>(), 0..64),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn compare_never_panics(files in prop::collection::vec(a_file(), 1..5)) {
        let bank = Bank::builtin().unwrap();
        let cards = scenarios().unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (i, bytes) in files.iter().enumerate() {
            std::fs::write(dir.path().join(format!("f{i}.json")), bytes).unwrap();
        }
        let room = compare(&bank, &cards, &[dir.path().to_path_buf()]);
        prop_assert_eq!(room.files, files.len());
        prop_assert_eq!(room.sheets + room.skipped_total, files.len());
        let all = format!(
            "{}{}{}",
            output::text(&room, 78),
            output::markdown(&room),
            output::csv(&room)
        );
        prop_assert!(!all.contains('\x1b'), "an escape character reached the output");
        let mut app = CompareApp::new(room, cards, Theme { color: true });
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| f.render_widget(&app, f.area())).unwrap();
        app.update(Action::Reveal);
        for tab in Tab::ALL {
            app.update(Action::Go(tab));
            app.update(Action::Bottom);
            term.draw(|f| f.render_widget(&app, f.area())).unwrap();
        }
    }
}
