//! The licence catalogue, the model map and licence fit: the shipped data is complete and
//! cited, and `licence_fit` gives every family a status that answers can move.

use predicates::prelude::*;
use weighup::catalogue::{
    Catalogue, FitFacts, FitStatus, LicenceFit, Rule, Source, Territory, licence_fit,
    stale::months_before,
};
use weighup::glossary::Glossary;

use crate::support::cmd::weighup;

fn cat() -> Catalogue {
    Catalogue::builtin().expect("the shipped catalogue is valid")
}

/// Facts that no rule in the catalogue objects to.
fn friendly() -> FitFacts {
    FitFacts {
        commercial: Some(false),
        monthly_users_m: Some(0.01),
        monthly_revenue_musd: Some(0.1),
        territory: Some(Territory::Other),
        trains_other_models: Some(false),
        military: Some(false),
        needs_multimodal: Some(false),
        shares_weights: Some(false),
        offers_to_others: Some(false),
    }
}

/// Facts that cross every line a rule can draw.
fn hostile() -> FitFacts {
    FitFacts {
        commercial: Some(true),
        monthly_users_m: Some(3000.0),
        monthly_revenue_musd: Some(5000.0),
        territory: Some(Territory::Eu),
        trains_other_models: Some(true),
        military: Some(true),
        needs_multimodal: Some(true),
        shares_weights: Some(true),
        offers_to_others: Some(true),
    }
}

fn fit_of<'a>(fits: &'a [LicenceFit], id: &str) -> &'a LicenceFit {
    fits.iter()
        .find(|f| f.family == id)
        .unwrap_or_else(|| panic!("no fit for {id}"))
}

/// Can a verified condition of this family rule an organisation out?
fn can_rule_out(c: &weighup::catalogue::LicenceCondition) -> bool {
    use weighup::catalogue::Effect;
    c.verified
        && match &c.rule {
            Some(
                Rule::NonCommercial
                | Rule::OutputTrainingBan
                | Rule::MilitaryBan
                | Rule::Territory { .. },
            ) => true,
            Some(Rule::Threshold { effect, .. } | Rule::Offering { effect }) => {
                *effect == Effect::RuledOut
            }
            _ => false,
        }
}

#[test]
fn every_family_fits_on_friendly_answers_unless_a_condition_is_unverified() {
    let cat = cat();
    let fits = licence_fit(&cat, &friendly());
    assert_eq!(fits.len(), cat.licences.len());
    for l in &cat.licences {
        let f = fit_of(&fits, &l.id);
        let unverified = l.conditions.iter().any(|c| !c.verified);
        if unverified {
            assert_eq!(f.status, FitStatus::ReadFirst, "{}: {f:#?}", l.id);
        } else {
            assert!(
                matches!(f.status, FitStatus::Fits | FitStatus::FitsWithDuties),
                "{} should fit on friendly answers: {f:#?}",
                l.id
            );
        }
        assert!(!f.models.is_empty(), "{} lists no model", l.id);
    }
}

#[test]
fn every_family_is_ruled_out_on_hostile_answers_when_a_verified_clause_can_do_it() {
    let cat = cat();
    let fits = licence_fit(&cat, &hostile());
    let mut ruled_out = 0;
    for l in &cat.licences {
        let f = fit_of(&fits, &l.id);
        if l.conditions.iter().any(can_rule_out) {
            ruled_out += 1;
            assert_eq!(f.status, FitStatus::RuledOut, "{}: {f:#?}", l.id);
            let r = &f.reasons[0];
            assert!(
                r.url.starts_with("https://") && !r.clause.is_empty(),
                "{r:?}"
            );
            assert!(
                r.text.starts_with("You said"),
                "the reason names the answer: {r:?}"
            );
        } else {
            assert_ne!(f.status, FitStatus::RuledOut, "{}: {f:#?}", l.id);
            assert_ne!(
                f.status,
                FitStatus::Fits,
                "{} has duties when shared: {f:#?}",
                l.id
            );
        }
    }
    assert!(
        ruled_out >= 11,
        "only {ruled_out} families can be ruled out"
    );
}

#[test]
fn unknown_answers_never_give_fits_or_ruled_out_where_a_rule_needs_them() {
    let cat = cat();
    for f in licence_fit(&cat, &FitFacts::default()) {
        assert_ne!(f.status, FitStatus::RuledOut, "{f:#?}");
        let l = cat.licence(&f.family).unwrap();
        let needs_facts = l.conditions.iter().any(|c| {
            matches!(
                c.rule,
                Some(
                    Rule::NonCommercial
                        | Rule::OutputTrainingBan
                        | Rule::MilitaryBan
                        | Rule::Territory { .. }
                        | Rule::Threshold { .. }
                        | Rule::Offering { .. }
                )
            )
        });
        if needs_facts {
            assert_eq!(f.status, FitStatus::ReadFirst, "{f:#?}");
        }
    }
}

#[test]
fn the_shortlist_puts_fits_first() {
    let fits = licence_fit(&cat(), &hostile());
    let order: Vec<FitStatus> = fits.iter().map(|f| f.status).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    let json = serde_json::to_value(&fits[0]).unwrap();
    assert!(json["status"].as_str().unwrap().contains('-') || json["status"] == "fits");
}

fn facts(f: impl FnOnce(&mut FitFacts)) -> FitFacts {
    let mut x = friendly();
    x.commercial = Some(true);
    f(&mut x);
    x
}

#[test]
fn user_thresholds_are_more_than_not_at_least() {
    let cat = cat();
    let at = licence_fit(&cat, &facts(|f| f.monthly_users_m = Some(700.0)));
    assert_ne!(fit_of(&at, "llama-3.1-4").status, FitStatus::RuledOut);
    let above = licence_fit(&cat, &facts(|f| f.monthly_users_m = Some(700.5)));
    let l = fit_of(&above, "llama-3.1-4");
    assert_eq!(l.status, FitStatus::RuledOut);
    assert!(l.reasons[0].text.contains("700 million"), "{l:#?}");
    // Tongyi Qianwen's 100 million line counts only for commercial use.
    let qw = licence_fit(&cat, &facts(|f| f.monthly_users_m = Some(150.0)));
    assert_eq!(fit_of(&qw, "tongyi-qianwen").status, FitStatus::RuledOut);
    let qw_nc = licence_fit(
        &cat,
        &facts(|f| {
            f.monthly_users_m = Some(150.0);
            f.commercial = Some(false);
        }),
    );
    assert_ne!(fit_of(&qw_nc, "tongyi-qianwen").status, FitStatus::RuledOut);
}

#[test]
fn kimi_k2_adds_a_display_duty_above_20_million_dollars_a_month() {
    let cat = cat();
    let at = licence_fit(&cat, &facts(|f| f.monthly_revenue_musd = Some(20.0)));
    assert_eq!(fit_of(&at, "kimi-k2-modified-mit").status, FitStatus::Fits);
    let above = licence_fit(&cat, &facts(|f| f.monthly_revenue_musd = Some(20.5)));
    let k = fit_of(&above, "kimi-k2-modified-mit");
    assert_eq!(k.status, FitStatus::FitsWithDuties);
    assert!(k.duties.iter().any(|d| d.contains("Kimi K2")), "{k:#?}");
}

#[test]
fn an_eu_company_gets_no_llama_4_and_only_text_llama_models() {
    let cat = cat();
    let text = licence_fit(&cat, &facts(|f| f.territory = Some(Territory::Eu)));
    let l = fit_of(&text, "llama-3.1-4");
    assert_eq!(l.status, FitStatus::FitsWithDuties, "{l:#?}");
    assert!(
        l.models
            .iter()
            .all(|m| !m.contains("Llama 4") && !m.contains("Vision")),
        "{l:#?}"
    );
    assert!(l.models.iter().any(|m| m.contains("Llama 3.3")), "{l:#?}");
    assert!(
        l.duties
            .iter()
            .any(|d| d.contains("Use only the text models")),
        "{l:#?}"
    );
    let images = licence_fit(
        &cat,
        &facts(|f| {
            f.territory = Some(Territory::Eu);
            f.needs_multimodal = Some(true);
        }),
    );
    let l = fit_of(&images, "llama-3.1-4");
    assert_eq!(l.status, FitStatus::RuledOut);
    assert!(l.reasons[0].text.contains("the European Union"), "{l:#?}");
    let unknown = licence_fit(
        &cat,
        &facts(|f| {
            f.territory = Some(Territory::Eu);
            f.needs_multimodal = None;
        }),
    );
    assert_eq!(fit_of(&unknown, "llama-3.1-4").status, FitStatus::ReadFirst);
    // Outside the EU, Llama 4 is on the list.
    let other = licence_fit(&cat, &facts(|_| {}));
    assert!(
        fit_of(&other, "llama-3.1-4")
            .models
            .iter()
            .any(|m| m == "Llama 4 Scout")
    );
}

#[test]
fn hunyuan_is_ruled_out_in_the_eu_the_uk_and_south_korea() {
    let cat = cat();
    for t in [Territory::Eu, Territory::Uk, Territory::SouthKorea] {
        let fits = licence_fit(&cat, &facts(|f| f.territory = Some(t)));
        let h = fit_of(&fits, "tencent-hunyuan");
        assert_eq!(h.status, FitStatus::RuledOut, "{t:?}");
        assert!(h.reasons[0].text.contains(t.title()), "{h:#?}");
    }
    let fits = licence_fit(&cat, &facts(|_| {}));
    assert_eq!(fit_of(&fits, "tencent-hunyuan").status, FitStatus::Fits);
}

#[test]
fn unverified_terms_land_in_read_first_even_when_they_would_rule_out() {
    let cat = cat();
    let fits = licence_fit(&cat, &facts(|f| f.monthly_revenue_musd = Some(500.0)));
    let m = fit_of(&fits, "mistral-modified-mit");
    assert_eq!(m.status, FitStatus::ReadFirst);
    assert!(
        m.reasons.iter().any(|r| r.text.starts_with("Not verified")),
        "{m:#?}"
    );
}

fn all_sources(cat: &Catalogue) -> Vec<(String, &Source)> {
    let mut out = Vec::new();
    for l in &cat.licences {
        for c in &l.conditions {
            out.extend(c.sources.iter().map(|s| (format!("licence {}", l.id), s)));
        }
    }
    for f in &cat.flags {
        out.extend(f.sources.iter().map(|s| (format!("flag {}", f.id), s)));
    }
    for m in &cat.models {
        out.extend(m.sources.iter().map(|s| (format!("model {}", m.name), s)));
    }
    out
}

#[test]
fn every_source_is_a_public_address_with_a_date_and_never_an_internal_path() {
    let cat = cat();
    let glossary = Glossary::builtin();
    let mut sources = all_sources(&cat);
    for t in &glossary.terms {
        sources.extend(t.sources.iter().map(|s| (format!("term {}", t.id), s)));
    }
    assert!(sources.len() > 300);
    for (place, s) in sources {
        assert!(s.url.starts_with("https://"), "{place}: {}", s.url);
        for bad in [
            "research/",
            "shared/",
            "/work/",
            "README.md#",
            "file:",
            "licence-texts",
        ] {
            assert!(!s.url.contains(bad), "{place}: internal path in {}", s.url);
            assert!(
                !s.title.contains(bad),
                "{place}: internal path in {}",
                s.title
            );
            assert!(
                !s.note.as_deref().unwrap_or("").contains(bad),
                "{place}: internal path in the note"
            );
        }
        assert!(!s.title.trim().is_empty(), "{place}");
        assert_eq!(s.checked.len(), 10, "{place}: {}", s.checked);
    }
}

#[test]
fn every_condition_and_flag_has_a_source_and_every_family_a_model() {
    let cat = cat();
    for l in &cat.licences {
        assert!(!l.conditions.is_empty(), "{}", l.id);
        for c in &l.conditions {
            assert!(!c.sources.is_empty(), "{}: {:?}", l.id, c.topic);
        }
        assert!(
            cat.models.iter().any(|m| m.licence == l.id),
            "{} has no model",
            l.id
        );
    }
    for f in &cat.flags {
        assert!(!f.sources.is_empty(), "{}", f.id);
        for id in &f.licences {
            assert!(
                cat.licence(id).is_some(),
                "flag {} names unknown {id}",
                f.id
            );
        }
    }
    for m in &cat.models {
        for id in std::iter::once(&m.licence).chain(&m.also) {
            assert!(
                cat.licence(id).is_some(),
                "model {} names unknown {id}",
                m.name
            );
        }
    }
}

#[test]
fn a_model_map_with_an_unknown_licence_or_a_family_without_models_is_refused() {
    let lic = include_str!("../../assets/licences.json");
    let flags = include_str!("../../assets/flags.json");
    let models = r#"{"models": [{"name": "X 1", "licence": "no-such", "verified": true,
        "sources": [{"title": "t", "url": "https://example.org", "checked": "2026-11-30"}]}]}"#;
    let err = Catalogue::parse_with_models("l.json", lic, "f.json", flags, "m.json", models)
        .unwrap_err()
        .to_string();
    assert!(err.contains("models[0].licence"), "{err}");
    assert!(err.contains("unknown licence 'no-such'"), "{err}");
    assert!(
        err.contains("the licence family 'llama-2' has no model"),
        "{err}"
    );
    let internal = models
        .replace("no-such", "mit")
        .replace("https://example.org", "research/licenses.md");
    let err = Catalogue::parse_with_models("l.json", lic, "f.json", flags, "m.json", &internal)
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not a public web address"), "{err}");
}

#[test]
fn models_are_found_by_loose_names() {
    let cat = cat();
    let one = |q: &str| {
        let found = cat.find_models(q);
        assert_eq!(found.len(), 1, "{q}: {found:?}");
        found[0].licence.clone()
    };
    assert_eq!(one("qwen3"), "apache-2.0");
    assert_eq!(one("Qwen3"), "apache-2.0");
    assert_eq!(one("gpt-oss-20b"), "gpt-oss");
    assert_eq!(one("Llama 4 Scout"), "llama-3.1-4");
    assert_eq!(one("deepseek-r1"), "mit");
    assert_eq!(one("DeepSeek V3"), "deepseek");
    assert_eq!(one("kimi k2"), "kimi-k2-modified-mit");
    assert_eq!(one("hunyuan"), "tencent-hunyuan");
    assert_eq!(cat.find_models("llama 4").len(), 2);
    assert!(cat.find_models("zzz-no-model").is_empty());
    assert!(cat.find_models("  ").is_empty());
}

#[test]
fn stale_lists_facts_older_than_the_cut_off_counted_from_an_injected_date() {
    let cat = cat();
    let date = |s: &str| {
        time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).unwrap()
    };
    assert_eq!(months_before(date("2026-08-31"), 6), date("2026-02-28"));
    assert_eq!(months_before(date("2027-01-15"), 13), date("2025-12-15"));
    assert!(cat.stale(date("2026-12-01"), 6).is_empty());
    let all = cat.stale(date("2027-06-01"), 6);
    assert!(all.len() > 300, "{}", all.len());
    assert!(all.iter().any(|s| s.place.starts_with("flag closed.")));
    assert!(all.iter().any(|s| s.place.starts_with("model ")));
    let text = cat.describe_stale(date("2027-06-01"), 6);
    assert!(
        text.contains("before 2026-12-01 (6 months before 2027-06-01)"),
        "{text}"
    );
}

#[test]
fn licences_model_prints_the_licence_and_its_conditions() {
    weighup()
        .args(["licences", "--model", "Llama 4 Scout"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("Model: Llama 4 Scout")
                .and(predicate::str::contains("(llama-3.1-4)"))
                .and(predicate::str::contains("no rights to any Llama 4 model"))
                .and(predicate::str::contains("How it was checked").not()),
        );
    weighup()
        .args(["licences", "--model", "gpt-oss-20b"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("gpt-oss usage policy"));
    weighup()
        .args(["licences", "--model", "no-such-model\u{1b}[31m"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no model in the catalogue matches 'no-such-model[31m'")
                .and(predicate::str::contains("\u{1b}").not()),
        );
}

#[test]
fn evidence_is_shown_only_when_asked() {
    let plain = weighup()
        .args(["licences", "llama-2"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(!plain.contains("snapshot"), "{plain}");
    weighup()
        .args(["licences", "llama-2", "--evidence"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "How it was checked: Read in full from a snapshot",
        ));
}

#[test]
fn licences_stale_counts_from_today_or_the_given_date() {
    weighup()
        .args(["licences", "--stale", "--today", "2027-09-01"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("(6 months before 2027-09-01)").and(predicate::str::contains(
                "- licence llama-2, commercial use: checked 2026-11-30",
            )),
        );
    weighup()
        .args(["licences", "--stale", "3", "--today", "2026-12-31"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Nothing to re-check"));
    weighup()
        .args(["licences", "--stale", "--today", "31/12/2026"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn licence_fit_reads_rules_from_the_data_not_from_licence_ids() {
    let licences = r#"{"licences": [{"id": "made-up", "name": "Made-up Licence", "examples": [],
        "osi_approved": false, "summary": "A test licence.", "conditions": [
        {"topic": "user-threshold", "summary": "Above USD 5 million a month, ask first.",
         "verified": true, "rule": {"kind": "threshold", "monthly_revenue_musd": 5, "effect": "ruled-out"},
         "sources": [{"title": "Made-up Licence §1", "url": "https://example.org/l", "checked": "2026-11-30"}]},
        {"topic": "territory", "summary": "Not in the UK.", "verified": true,
         "rule": {"kind": "territory", "excluded": ["uk"]},
         "sources": [{"title": "Made-up Licence §2", "url": "https://example.org/l", "checked": "2026-11-30"}]}]}]}"#;
    let models = r#"{"models": [{"name": "Made-up 1B", "licence": "made-up", "verified": true,
        "sources": [{"title": "card", "url": "https://example.org/m", "checked": "2026-11-30"}]}]}"#;
    let cat = Catalogue::parse_with_models(
        "l.json",
        licences,
        "f.json",
        r#"{"flags": []}"#,
        "m.json",
        models,
    )
    .unwrap();
    let status = |f: FitFacts| licence_fit(&cat, &f)[0].status;
    assert_eq!(
        status(facts(|f| f.monthly_revenue_musd = Some(5.0))),
        FitStatus::Fits
    );
    assert_eq!(
        status(facts(|f| f.monthly_revenue_musd = Some(5.01))),
        FitStatus::RuledOut
    );
    assert_eq!(
        status(facts(|f| f.territory = Some(Territory::Uk))),
        FitStatus::RuledOut
    );
    assert_eq!(
        status(facts(|f| f.monthly_revenue_musd = None)),
        FitStatus::ReadFirst
    );
    assert_eq!(
        licence_fit(&cat, &friendly())[0].models,
        vec!["Made-up 1B".to_string()]
    );
}
