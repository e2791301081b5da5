//! The advice engine on the shipped bank: archetypes, and properties over random answers.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use rstest::rstest;
use weighup::bank::{Kind, Side, Verdict};
use weighup::engine::Clarity;
use weighup::engine::evaluate_quick;
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

/// The shipped examples: each gets the verdict its label promises, is explained, answers
/// every question it is asked, and every flag it raises has a source and says what to read.
#[rstest]
#[case::hospital("hospital", &[Verdict::OpenWeights])]
#[case::seed_startup("seed-startup", &[Verdict::Closed])]
#[case::consumer_platform("consumer-platform", &[Verdict::OpenWeights, Verdict::Hybrid])]
#[case::distiller("distiller", &[Verdict::OpenWeights])]
#[case::research_lab("research-lab", &[Verdict::OpenWeights])]
#[case::eu_multimodal("eu-multimodal", &[Verdict::Hybrid, Verdict::Closed])]
#[case::bank("bank", &[Verdict::OpenWeights, Verdict::Hybrid])]
#[case::small_agency("small-agency", &[Verdict::Hybrid, Verdict::Closed])]
fn examples_get_an_accepted_verdict(#[case] name: &str, #[case] accept: &[Verdict]) {
    let answers = example(name);
    let eval = evaluate(&BANK, &answers);
    assert!(
        accept.contains(&eval.verdict),
        "{name}: {:?} {}",
        eval.verdict,
        eval.headline
    );
    assert!(!eval.reasons.is_empty(), "{name} is explained");
    assert!(!eval.plan.is_empty(), "{name} has a plan");
    assert_eq!(
        eval.progress.unanswered, 0,
        "{name} answers every question it is asked"
    );
    for f in eval.flags.iter().chain(&eval.if_you_reconsider) {
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
    let k = eval
        .constraints
        .iter()
        .find(|k| k.question == "privacy.data_location")
        .expect("the premises answer is a constraint");
    assert!(k.routes.contains(&weighup::bank::Route::ClosedService));
    assert_eq!(eval.plan[0].route, weighup::bank::Route::OwnServers);
}

#[test]
fn not_sure_lowers_confidence_and_lands_on_the_find_out_list() {
    let sure = example("small-agency");
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
    let mut ids: Vec<&str> = b.find_out.iter().map(|f| f.question.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["control.lock_in", "scale.volume"]);
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
        let redone = evaluate(&BANK, &apply_change(&answers, change));
        assert_eq!(redone.verdict, change.verdict, "{change:?}");
    }
}

#[test]
fn the_user_thresholds_are_asked_of_everyone_and_count_more_than() {
    let mut answers = example("research-lab");
    answers.set("commercial.is_commercial", Answer::Choice("no".into()));
    let raised = |users: f64| {
        let mut a = answers.clone();
        a.set("commercial.monthly_users", Answer::Number(users));
        let e = evaluate(&BANK, &a);
        e.flags
            .iter()
            .chain(&e.if_you_reconsider)
            .any(|f| f.id == "open.user-threshold-700m")
    };
    assert!(
        raised(900.0),
        "900 million users, even for non-commercial use"
    );
    assert!(
        !raised(700.0),
        "exactly 700 million is not more than 700 million"
    );
    assert!(raised(700.5));
}

#[test]
fn hidden_answers_are_kept_but_not_counted() {
    let mut answers = example("consumer-platform");
    answers.set("commercial.monthly_revenue", Answer::Number(500.0));
    answers.set("commercial.is_commercial", Answer::Choice("no".into()));
    let eval = evaluate(&BANK, &answers);
    assert!(answers.get("commercial.monthly_revenue").is_some());
    assert!(
        eval.reasons
            .iter()
            .all(|r| r.question != "commercial.monthly_revenue")
    );
    assert!(
        !BANK.visible(&answers)[BANK.position("commercial.monthly_revenue").unwrap()],
        "revenue is not asked for non-commercial use"
    );
}

#[test]
fn too_few_answers_are_undecided() {
    let mut answers = Answers::new();
    answers.set("privacy.data_sensitivity", Answer::Choice("public".into()));
    let eval = evaluate(&BANK, &answers);
    assert_eq!(eval.verdict, Verdict::Undecided);
    assert_eq!(eval.clarity, Clarity::Undecided);
    assert!(eval.plan.is_empty());
    assert!(
        eval.headline.contains("Too little is known"),
        "{}",
        eval.headline
    );
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

/// Random complete sheets (every question answered with one of its options), then up to
/// two decision questions left open ("Not sure" or no answer): the sheets a person has
/// nearly finished, on which "Not sure" must never raise the confidence.
fn nearly_complete_strategy() -> impl Strategy<Value = Answers> {
    let n = BANK.questions.len();
    (
        prop::collection::vec((0usize..64, any::<u64>()), n),
        prop::collection::vec((0usize..n, any::<bool>()), 0..3),
    )
        .prop_map(|(picks, open)| {
            let mut a = Answers::new();
            for (q, (pick, bits)) in BANK.questions.iter().zip(picks) {
                match (&q.kind, &q.number) {
                    (Kind::Text, _) => {}
                    (Kind::Number, Some(spec)) => {
                        let b = &spec.bands[pick % spec.bands.len()];
                        let from = b.from.unwrap_or(spec.min);
                        let to = b.below.unwrap_or(spec.max).min(spec.max);
                        let v = from + (to - from) * ((bits % 999 + 1) as f64 / 1000.0);
                        a.set(q.id.clone(), Answer::Number(v));
                    }
                    (Kind::Multi, _) => {
                        let o = &q.options[pick % q.options.len()];
                        a.set(q.id.clone(), Answer::Choices(vec![o.id.clone()]));
                    }
                    _ => a.set(
                        q.id.clone(),
                        Answer::Choice(q.options[pick % q.options.len()].id.clone()),
                    ),
                }
            }
            for (i, not_sure) in open {
                let q = &BANK.questions[i];
                if !q.kind.is_decision() {
                    continue;
                }
                if not_sure {
                    a.set(q.id.clone(), Answer::NotSure);
                } else {
                    a.remove(&q.id);
                }
            }
            a
        })
}

/// Where a verdict stands between closed (0) and open weights (2); conflict and undecided
/// stand on neither side.
fn rank(v: Verdict) -> Option<i32> {
    match v {
        Verdict::Closed => Some(0),
        Verdict::Hybrid => Some(1),
        Verdict::OpenWeights => Some(2),
        Verdict::Conflict | Verdict::Undecided => None,
    }
}

/// Redoes a "what would change it" entry by hand.
fn apply_change(answers: &Answers, change: &weighup::engine::Change) -> Answers {
    let mut redone = answers.clone();
    for (qid, label) in std::iter::once((&change.question, &change.to))
        .chain(change.then.as_ref().map(|t| (&t.question, &t.answer)))
    {
        let q = BANK.question(qid).unwrap();
        let answer = match q.kind {
            Kind::Number => {
                let spec = q.number.as_ref().unwrap();
                let b = spec.bands.iter().find(|b| &b.label == label).unwrap();
                let v = BANK
                    .questions
                    .iter()
                    .find(|x| x.id == *qid)
                    .and_then(|_| {
                        (spec.min as i64..=spec.max as i64)
                            .map(|x| x as f64)
                            .chain([b.from.unwrap_or(spec.min) + 0.5])
                            .find(|v| weighup::bank::band_for(q, *v).is_some_and(|x| x.id == b.id))
                    })
                    .unwrap();
                Answer::Number(v)
            }
            Kind::Multi => {
                if label == "(nothing chosen)" {
                    Answer::Choices(Vec::new())
                } else {
                    let ids = label
                        .split("; ")
                        .map(|l| q.options.iter().find(|o| o.label == l).unwrap().id.clone())
                        .collect();
                    Answer::Choices(ids)
                }
            }
            _ => Answer::Choice(
                q.options
                    .iter()
                    .find(|o| &o.label == label)
                    .unwrap()
                    .id
                    .clone(),
            ),
        };
        redone.set(qid.clone(), answer);
    }
    redone
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
                let e = evaluate_quick(&BANK, &a);
                if let Some((v, b)) = last {
                    if let (Some(now), Some(before)) = (rank(e.verdict), rank(v)) {
                        prop_assert!(now >= before,
                            "{} = {} moved the verdict from {:?} to {:?}", q.id, o.id, v, e.verdict);
                    }
                    prop_assert!(e.verdict != Verdict::Closed || v == Verdict::Closed,
                        "{} = {} moved the verdict from {:?} to closed", q.id, o.id, v);
                    prop_assert!(e.balance >= b - 1e-9, "{} = {} moved the balance toward closed", q.id, o.id);
                }
                last = Some((e.verdict, e.balance));
            }
        }
    }

    #[test]
    fn more_skills_or_own_hardware_never_move_toward_closed(answers in answers_strategy()) {
        for (qid, order) in [
            ("infrastructure.team", &["1", "2", "3", "4", "5"][..]),
            ("infrastructure.gpus", &["none", "cloud", "own"][..]),
        ] {
            let mut last: Option<Verdict> = None;
            for id in order {
                let mut a = answers.clone();
                a.set(qid, Answer::Choice((*id).into()));
                let v = evaluate_quick(&BANK, &a).verdict;
                if let Some(before) = last {
                    if let (Some(now), Some(b)) = (rank(v), rank(before)) {
                        prop_assert!(now >= b, "{} = {} moved {:?} to {:?}", qid, id, before, v);
                    }
                    prop_assert!(v != Verdict::Closed || before == Verdict::Closed,
                        "{} = {} moved {:?} to closed", qid, id, before);
                }
                last = Some(v);
            }
        }
    }

    #[test]
    fn confidence_stays_in_range(answers in answers_strategy()) {
        let e = evaluate_quick(&BANK, &answers);
        prop_assert!(e.confidence <= 90);
        prop_assert!((-1.0..=1.0).contains(&e.balance));
    }

    #[test]
    fn not_sure_never_raises_confidence(answers in nearly_complete_strategy()) {
        let base = evaluate_quick(&BANK, &answers);
        for q in BANK.questions.iter().filter(|q| q.kind.is_decision()) {
            if !matches!(answers.get(&q.id), Some(a) if *a != Answer::NotSure) {
                continue;
            }
            let mut a = answers.clone();
            a.set(q.id.clone(), Answer::NotSure);
            let e = evaluate_quick(&BANK, &a);
            prop_assert!(e.confidence <= base.confidence,
                "Not sure on {} raised confidence from {} ({:?}) to {} ({:?})",
                q.id, base.confidence, base.verdict, e.confidence, e.verdict);
        }
    }

    #[test]
    fn a_requirement_always_yields_its_side_or_a_conflict(answers in answers_strategy()) {
        let e = evaluate_quick(&BANK, &answers);
        let shown = BANK.visible(&answers);
        for (i, q) in BANK.questions.iter().enumerate() {
            let Some(a) = answers.get(&q.id) else { continue };
            if !shown[i] {
                continue;
            }
            for o in BANK.chosen(q, a) {
                if let Some(r) = &o.requires {
                    if r.part != weighup::bank::Part::All {
                        continue;
                    }
                    let side = match r.side {
                        Side::OpenWeights => Verdict::OpenWeights,
                        Side::Closed => Verdict::Closed,
                    };
                    prop_assert!(e.verdict == side || e.verdict == Verdict::Conflict,
                        "{} = {} requires {:?} but the verdict is {:?}", q.id, o.id, side, e.verdict);
                }
            }
        }
    }

    #[test]
    fn every_change_it_names_is_true_when_redone(answers in answers_strategy()) {
        let e = evaluate(&BANK, &answers);
        for c in &e.would_change {
            prop_assert_ne!(c.verdict, e.verdict);
            let redone = evaluate(&BANK, &apply_change(&answers, c));
            prop_assert_eq!(redone.verdict, c.verdict, "{:?}", c);
        }
    }

    #[test]
    fn no_flag_of_the_other_side_is_listed_for_a_one_sided_verdict(answers in answers_strategy()) {
        let e = evaluate_quick(&BANK, &answers);
        let other = match e.verdict {
            Verdict::OpenWeights => weighup::catalogue::FlagSide::Closed,
            Verdict::Closed => weighup::catalogue::FlagSide::OpenWeights,
            _ => return Ok(()),
        };
        for f in &e.flags {
            prop_assert!(f.side != other, "{} is from the other side", f.id);
        }
        for f in &e.if_you_reconsider {
            prop_assert!(f.side == other, "{} is listed as 'if you reconsider'", f.id);
        }
    }

    #[test]
    fn answers_that_pull_neither_way_are_undecided(answers in answers_strategy()) {
        // Keep only answers that move nothing: neutral options, or Not sure.
        let mut a = Answers::new();
        for q in BANK.questions.iter().filter(|q| q.kind.is_decision()) {
            let neutral = match &q.number {
                Some(n) => n.bands.iter().find(|b| b.effects.is_empty()).map(|b| Answer::Number(b.from.unwrap_or(n.min))),
                None => q.options.iter().find(|o| o.effects.is_empty() && o.excluded_routes().is_none())
                    .map(|o| if q.kind == Kind::Multi { Answer::Choices(vec![o.id.clone()]) } else { Answer::Choice(o.id.clone()) }),
            };
            let keep = answers.get(&q.id).is_some();
            a.set(q.id.clone(), if keep { neutral.unwrap_or(Answer::NotSure) } else { Answer::NotSure });
        }
        let e = evaluate_quick(&BANK, &a);
        prop_assert_eq!(e.verdict, Verdict::Undecided, "{}", e.headline);
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
                Kind::Number => {
                    let spec = q.number.as_ref().unwrap();
                    let from = c.from.unwrap_or(spec.min);
                    Answer::Number(c.below.map_or(from + 1.0, |b| from.midpoint(b)))
                }
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
    assert_eq!(eval.verdict, Verdict::Undecided);
    assert!(eval.confidence < 20, "{}", eval.confidence);
    assert_eq!(eval.find_out.len(), eval.progress.asked);
    assert!(eval.headline.contains("Too little is known"));
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
    assert_eq!(eval.verdict, Verdict::Undecided);
    assert!(
        eval.flags.iter().all(|f| f.because_of_verdict.is_none()),
        "{:?}",
        eval.flags
    );
}
