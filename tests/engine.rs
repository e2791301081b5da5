//! The advice engine on the shipped bank: archetypes, and properties over random answers.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use rstest::rstest;
use weighup::bank::{Kind, Side, Verdict};
use weighup::engine::Clarity;
use weighup::{Answer, Answers, Bank, evaluate};

static BANK: LazyLock<Bank> =
    LazyLock::new(|| Bank::builtin().expect("the built-in bank is clean"));

fn example(name: &str) -> Answers {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    Answers::from_simple_json(&BANK, &path.display().to_string(), &text)
        .unwrap_or_else(|p| panic!("{p}"))
}

fn flag_ids(a: &Answers) -> Vec<String> {
    let mut ids: Vec<String> = evaluate(&BANK, a).flags.into_iter().map(|f| f.id).collect();
    ids.sort();
    ids
}

#[rstest]
#[case::hospital("hospital", Verdict::OpenWeights,
    &["open.acceptable-use-fields", "open.governing-law", "open.non-commercial-licences", "open.not-open-source", "open.version-pinned-terms"])]
#[case::seed_startup("seed-startup", Verdict::Closed,
    &["closed.data-use-for-training", "closed.model-retirement"])]
#[case::consumer_platform("consumer-platform", Verdict::OpenWeights,
    &["open.non-commercial-licences", "open.not-open-source", "open.user-threshold-100m", "open.user-threshold-700m", "open.version-pinned-terms"])]
#[case::distiller("distiller", Verdict::OpenWeights,
    &["closed.competing-models", "open.attribution-naming", "open.distillation-terms-follow", "open.non-commercial-licences", "open.not-open-source",
      "open.output-training-ban", "open.redistribution-pass-on", "open.reproducibility", "open.version-pinned-terms"])]
#[case::research_lab("research-lab", Verdict::OpenWeights,
    &["open.attribution-naming", "open.not-open-source", "open.redistribution-pass-on", "open.reproducibility", "open.version-pinned-terms"])]
#[case::eu_multimodal("eu-multimodal", Verdict::Hybrid,
    &["closed.data-residency", "closed.data-retention", "closed.data-use-for-training", "closed.lock-in", "closed.model-retirement",
      "open.eu-multimodal", "open.non-commercial-licences", "open.not-open-source", "open.version-pinned-terms"])]
#[case::bank("bank", Verdict::OpenWeights,
    &["open.acceptable-use-fields", "open.governing-law", "open.non-commercial-licences", "open.not-open-source", "open.user-threshold-growth", "open.version-pinned-terms"])]
#[case::small_agency("small-agency", Verdict::Hybrid,
    &["closed.data-use-for-training", "closed.lock-in", "closed.model-retirement", "open.hosted-provider-tradeoff", "open.non-commercial-licences",
      "open.not-open-source", "open.self-hosting-cost", "open.version-pinned-terms"])]
fn archetypes_get_the_expected_verdict_and_flags(
    #[case] name: &str,
    #[case] verdict: Verdict,
    #[case] flags: &[&str],
) {
    let answers = example(name);
    let eval = evaluate(&BANK, &answers);
    assert_eq!(eval.verdict, verdict, "{name}: {}", eval.headline);
    assert_eq!(flag_ids(&answers), flags, "{name}");
    assert!(!eval.reasons.is_empty(), "{name} is explained");
    assert_eq!(
        eval.progress.unanswered, 0,
        "{name} answers every question it is asked"
    );
    for f in &eval.flags {
        assert!(
            !f.sources.is_empty() && !f.read.is_empty(),
            "{} has a source and says what to read",
            f.id
        );
    }
}

#[test]
fn the_hospital_is_settled_by_its_premises_rule() {
    let eval = evaluate(&BANK, &example("hospital"));
    assert_eq!(eval.clarity, Clarity::Constrained);
    assert_eq!(eval.constraints.len(), 1);
    assert_eq!(eval.constraints[0].rules_out, Side::Closed);
    assert_eq!(eval.constraints[0].question, "privacy.data_location");
}

#[test]
fn not_sure_lowers_confidence_and_lands_on_the_find_out_list() {
    let sure = example("bank");
    let mut unsure = sure.clone();
    unsure.set("scale.volume", Answer::NotSure);
    unsure.set("control.lock_in", Answer::NotSure);
    let (a, b) = (evaluate(&BANK, &sure), evaluate(&BANK, &unsure));
    assert!(
        b.confidence < a.confidence,
        "{} < {}",
        b.confidence,
        a.confidence
    );
    let ids: Vec<&str> = b.find_out.iter().map(|f| f.question.as_str()).collect();
    assert_eq!(ids, ["scale.volume", "control.lock_in"]);
    assert!(b.find_out.iter().all(|f| !f.find_out.is_empty()));
    assert!(a.find_out.is_empty());
}

#[test]
fn what_would_change_the_verdict_really_changes_it() {
    let answers = example("small-agency");
    let eval = evaluate(&BANK, &answers);
    assert!(!eval.would_change.is_empty());
    for change in &eval.would_change {
        assert_ne!(change.verdict, eval.verdict);
        // Redo the change by hand and check the engine agrees.
        let q = BANK.question(&change.question).unwrap();
        let candidates: Vec<Answer> = match q.kind {
            Kind::Number => q
                .number
                .as_ref()
                .unwrap()
                .bands
                .iter()
                .filter(|b| b.label == change.to)
                .map(|b| Answer::Number(b.from.unwrap_or(0.0)))
                .collect(),
            Kind::Multi => continue,
            _ => q
                .options
                .iter()
                .filter(|o| o.label == change.to)
                .map(|o| Answer::Choice(o.id.clone()))
                .collect(),
        };
        let mut changed = answers.clone();
        changed.set(q.id.clone(), candidates[0].clone());
        assert_eq!(
            evaluate(&BANK, &changed).verdict,
            change.verdict,
            "{change:?}"
        );
    }
}

#[test]
fn hidden_answers_are_kept_but_not_counted() {
    let mut answers = example("consumer-platform");
    answers.set("commercial.is_commercial", Answer::Choice("no".into()));
    let eval = evaluate(&BANK, &answers);
    assert!(answers.get("commercial.monthly_users").is_some());
    assert!(
        eval.reasons
            .iter()
            .all(|r| r.question != "commercial.monthly_users")
    );
    assert!(
        !eval
            .flags
            .iter()
            .any(|f| f.id == "open.user-threshold-700m")
    );
}

#[test]
fn too_few_answers_say_so() {
    let mut answers = Answers::new();
    answers.set("privacy.data_sensitivity", Answer::Choice("public".into()));
    let eval = evaluate(&BANK, &answers);
    assert_eq!(eval.clarity, Clarity::TooFewAnswers);
    assert!(eval.would_change.is_empty());
}

#[test]
fn every_result_carries_the_not_legal_advice_line() {
    let eval = evaluate(&BANK, &Answers::new());
    assert!(eval.disclaimer.contains("not legal advice"));
}

/// Random answers to the bank: each question gets one of its options (or bands), "Not sure",
/// or no answer; multi-choice questions get a random subset.
fn answers_strategy() -> impl Strategy<Value = Answers> {
    let n = BANK.questions.len();
    prop::collection::vec((0usize..64, any::<u64>()), n).prop_map(|picks| {
        let mut a = Answers::new();
        for (q, (pick, bits)) in BANK.questions.iter().zip(picks) {
            let choices: Vec<&weighup::bank::Choice> = match &q.number {
                Some(n) => n.bands.iter().collect(),
                None => q.options.iter().collect(),
            };
            match q.kind {
                Kind::Text => {
                    if pick % 2 == 0 {
                        a.set(q.id.clone(), Answer::Text(format!("note {bits}")));
                    }
                }
                _ if pick % 8 == 0 => {}
                _ if pick % 8 == 1 => a.set(q.id.clone(), Answer::NotSure),
                Kind::Multi => {
                    let ids = choices
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| bits >> i & 1 == 1)
                        .map(|(_, c)| c.id.clone())
                        .collect();
                    a.set(q.id.clone(), Answer::Choices(ids));
                }
                Kind::Number => {
                    let b = choices[pick % choices.len()];
                    let spec = q.number.as_ref().unwrap();
                    let from = b.from.unwrap_or(spec.min);
                    let to = b.below.unwrap_or(spec.max).min(spec.max);
                    let v = from + (to - from) * ((bits % 1000) as f64 / 1000.0);
                    a.set(q.id.clone(), Answer::Number(v));
                }
                _ => a.set(
                    q.id.clone(),
                    Answer::Choice(choices[pick % choices.len()].id.clone()),
                ),
            }
        }
        a
    })
}

fn rank(v: Verdict) -> i32 {
    match v {
        Verdict::Closed => 0,
        Verdict::Hybrid => 1,
        Verdict::OpenWeights => 2,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn evaluation_is_deterministic(answers in answers_strategy()) {
        let a = evaluate(&BANK, &answers);
        let b = evaluate(&BANK, &answers.clone());
        prop_assert_eq!(a, b);
    }

    #[test]
    fn every_reason_cites_an_answered_question(answers in answers_strategy()) {
        let eval = evaluate(&BANK, &answers);
        let shown = BANK.visible(&answers);
        for r in &eval.reasons {
            let i = BANK.position(&r.question).expect("a bank question");
            prop_assert!(shown[i], "{} is asked", r.question);
            let given = answers.get(&r.question);
            prop_assert!(matches!(given, Some(a) if *a != Answer::NotSure), "{} is answered", r.question);
            prop_assert!(!r.why.is_empty() && !r.answer.is_empty());
        }
        for f in &eval.flags {
            for by in &f.raised_by {
                prop_assert!(answers.get(&by.question).is_some(), "flag {} cites an answer", f.id);
            }
        }
    }

    #[test]
    fn a_stricter_privacy_answer_never_moves_toward_closed(answers in answers_strategy()) {
        for q in BANK.questions.iter().filter(|q| q.stricter_later) {
            let mut last: Option<(Verdict, f64)> = None;
            for o in &q.options {
                let mut a = answers.clone();
                a.set(q.id.clone(), Answer::Choice(o.id.clone()));
                let e = evaluate(&BANK, &a);
                if let Some((v, b)) = last {
                    prop_assert!(rank(e.verdict) >= rank(v),
                        "{} = {} moved the verdict from {:?} to {:?}", q.id, o.id, v, e.verdict);
                    prop_assert!(e.balance >= b - 1e-9, "{} = {} moved the balance toward closed", q.id, o.id);
                }
                last = Some((e.verdict, e.balance));
            }
        }
    }

    #[test]
    fn confidence_stays_in_range(answers in answers_strategy()) {
        let e = evaluate(&BANK, &answers);
        prop_assert!(e.confidence <= 100);
        prop_assert!((-1.0..=1.0).contains(&e.balance));
    }
}

/// Every option of every question can be reached: some answers make the question asked, and
/// choosing the option then counts in the advice (as reasons, a constraint, or a stated neutral).
#[test]
fn every_option_of_every_question_can_be_reached() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = answers_strategy();
    for (i, q) in BANK.questions.iter().enumerate() {
        let mut base = None;
        for _ in 0..5000 {
            let a = strategy.new_tree(&mut runner).unwrap().current();
            if BANK.visible(&a)[i] {
                base = Some(a);
                break;
            }
        }
        let base = base.unwrap_or_else(|| panic!("no answers make {} asked", q.id));
        let choices: Vec<&weighup::bank::Choice> = match &q.number {
            Some(n) => n.bands.iter().collect(),
            None => q.options.iter().collect(),
        };
        for c in choices {
            let mut a = base.clone();
            let answer = match q.kind {
                Kind::Multi => Answer::Choices(vec![c.id.clone()]),
                Kind::Number => Answer::Number(c.from.unwrap_or(q.number.as_ref().unwrap().min)),
                _ => Answer::Choice(c.id.clone()),
            };
            a.set(q.id.clone(), answer);
            let e = evaluate(&BANK, &a);
            assert!(BANK.visible(&a)[i], "{} stays asked", q.id);
            let counted = e
                .reasons
                .iter()
                .any(|r| r.question == q.id && r.answer.contains(&c.label))
                || e.constraints.iter().any(|k| k.question == q.id)
                || (c.effects.is_empty() && c.neutral.is_some());
            assert!(counted, "{} = {} does not count in the advice", q.id, c.id);
        }
    }
}

#[test]
fn all_not_sure_gives_no_confident_verdict_but_a_list_to_find_out() {
    let mut answers = Answers::new();
    for q in BANK.questions.iter().filter(|q| q.kind.is_decision()) {
        answers.set(q.id.clone(), Answer::NotSure);
    }
    let eval = evaluate(&BANK, &answers);
    assert_eq!(eval.clarity, Clarity::TooFewAnswers);
    assert!(eval.confidence < 20, "{}", eval.confidence);
    assert_eq!(eval.find_out.len(), eval.progress.asked);
    assert!(eval.headline.contains("Too early to say"));
}

#[test]
fn with_too_few_answers_no_flag_hangs_on_a_verdict() {
    let mut answers = Answers::new();
    answers.set(
        "privacy.data_sensitivity",
        Answer::Choice("personal".into()),
    );
    answers.set("privacy.data_location", Answer::Choice("in_country".into()));
    let eval = evaluate(&BANK, &answers);
    assert_eq!(eval.clarity, Clarity::TooFewAnswers);
    assert!(
        eval.flags.iter().all(|f| f.because_of_verdict.is_none()),
        "{:?}",
        eval.flags
    );
}
