use super::*;

const CORPUS: &str = include_str!("../../data/disclosure_corpus.tsv");

fn markets(codes: &[&str]) -> Vec<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

fn blocking(result: &DisclosureCheck) -> Vec<&str> {
    result
        .findings
        .iter()
        .filter(|f| f.blocking)
        .map(|f| f.rule.as_str())
        .collect()
}

#[test]
fn the_guidance_examples_get_the_guidance_verdict() {
    let mut cases = 0;
    let mut per_market = std::collections::HashMap::new();
    for (n, line) in CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
    {
        let cells: Vec<&str> = line.split('\t').collect();
        let [market, platform, verdict, rule, caption, source] = cells.as_slice() else {
            panic!("corpus line {}: {} cells", n + 1, cells.len());
        };
        assert!(!source.is_empty(), "corpus line {} names no source", n + 1);
        let platform: Platform = serde_json::from_value(serde_json::json!(platform)).unwrap();
        let markets = markets(&[market]);
        let result = check(&Post {
            caption,
            platform: Some(platform),
            markets: &markets,
            ..Post::default()
        });
        let expected_compliant = *verdict == "compliant";
        assert_eq!(
            result.compliant,
            expected_compliant,
            "line {}: {caption:?} ({source}): {:?}",
            n + 1,
            result.findings
        );
        let first = blocking(&result).first().copied().unwrap_or("-");
        assert_eq!(first, *rule, "line {}: {caption:?}: {:?}", n + 1, result.findings);
        *per_market.entry(market.to_string()).or_insert(0) += 1;
        cases += 1;
    }
    assert!(cases >= 100, "the corpus has {cases} cases");
    for market in rules::markets() {
        let worked = per_market.get(market).copied().unwrap_or(0);
        assert!(worked >= 2, "{market} has {worked} worked captions");
    }
}

#[test]
fn the_fold_counts_characters_and_only_where_the_platform_has_one() {
    let long = format!("{} #ad and more words after it", "é".repeat(130));
    let us = markets(&["US"]);
    let on = |platform| {
        check(&Post {
            caption: &long,
            platform: Some(platform),
            markets: &us,
            ..Post::default()
        })
    };
    let instagram = on(Platform::Instagram);
    assert_eq!(blocking(&instagram), vec!["label_below_fold"]);
    assert!(instagram.findings[0]
        .message
        .starts_with("US: the label starts at character 132, after the 125 characters Instagram shows"));
    // No published fold for Pinterest: the label is found and nothing is blocking.
    assert!(on(Platform::Pinterest).compliant);
}

#[test]
fn each_market_is_checked_on_its_own_terms() {
    let both = markets(&["US", "DE"]);
    let result = check(&Post {
        caption: "#ad Neues Rezept mit @verdantkitchen",
        platform: Some(Platform::Instagram),
        markets: &both,
        ..Post::default()
    });
    // Fine for the US; Germany does not take #ad.
    assert!(!result.compliant);
    let de: Vec<&Finding> = result.findings.iter().filter(|f| f.blocking).collect();
    assert_eq!(de.len(), 1);
    assert_eq!(de[0].market.as_deref(), Some("DE"));
    assert!(de[0]
        .message
        .starts_with("DE: '#ad' alone is not enough here; the label has to be in the audience's language. Use Werbung, #werbung, Anzeige"));
    assert_eq!(de[0].rule, "label_not_local");

    let fixed = check(&Post {
        caption: "Werbung #ad Neues Rezept mit @verdantkitchen",
        platform: Some(Platform::Instagram),
        markets: &both,
        ..Post::default()
    });
    assert!(fixed.compliant, "{:?}", fixed.findings);
}

#[test]
fn a_named_brand_must_be_the_one_in_the_hashtag() {
    let us = markets(&["US"]);
    let post = |brand| Post {
        caption: "#OatlyPartner Morning latte",
        markets: &us,
        brand,
        ..Post::default()
    };
    assert!(check(&post(None)).compliant);
    assert!(!check(&post(Some("Verdant Kitchen"))).compliant);
    assert!(check(&post(Some("Oatly"))).compliant);
}

#[test]
fn reminders_say_what_text_cannot_show_without_failing_the_caption() {
    let fr = markets(&["FR", "ZA"]);
    let result = check(&Post {
        caption: "Publicité – ma recette avec @marque",
        platform: Some(Platform::Tiktok),
        format: Some(ContentFormat::StorySet),
        markets: &fr,
        brand: None,
    });
    assert!(result.compliant, "{:?}", result.findings);
    let rules: Vec<&str> = result.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        vec!["market_not_covered", "platform_label", "every_frame", "label_on_media"]
    );
    assert!(result.findings.iter().all(|f| !f.blocking));
}

#[test]
fn an_empty_caption_is_missing_its_label_everywhere() {
    let all: Vec<String> = rules::markets().into_iter().map(String::from).collect();
    let result = check(&Post {
        caption: "",
        markets: &all,
        ..Post::default()
    });
    // Every covered market answers with its own rule, never "no rules".
    assert_eq!(blocking(&result), vec!["label_missing"; all.len()]);
    assert!(result.findings.iter().all(|f| f.rule != "market_not_covered"));
    assert_eq!(
        result.findings[0].message,
        "US: no advertising label. Use #ad, Ad, Advertisement, Sponsored or #sponsored."
    );
}

#[test]
fn a_denial_is_a_finding_and_its_words_are_not_the_label() {
    let us = markets(&["US"]);
    let result = check(&Post {
        caption: "This is not an ad, I just love @acme",
        markets: &us,
        ..Post::default()
    });
    // "ad" inside "not an ad" is no label: the denial, then the mention on its own.
    assert_eq!(blocking(&result), vec!["denies_advertising", "vague_label_only"]);
    assert!(result.findings[0]
        .message
        .starts_with("US: 'Not an ad' in a paid post tells people the opposite of the truth"));
}

#[test]
fn only_markets_whose_guidance_asks_check_contest_posts() {
    let caption = "#ad Giveaway! Win a year of coffee from @acme";
    let run = |codes: &[&str]| {
        let m = markets(codes);
        blocking(&check(&Post {
            caption,
            markets: &m,
            ..Post::default()
        }))
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()
    };
    assert_eq!(run(&["US"]), vec!["contest_not_disclosed"]);
    assert_eq!(run(&["GB"]), Vec::<String>::new());
    let us = markets(&["US"]);
    let result = check(&Post {
        caption,
        markets: &us,
        ..Post::default()
    });
    assert!(result.findings[0]
        .message
        .starts_with("US: 'Giveaway' makes this a contest post; say so with #contest, #sweepstakes, #BRAND_contest"));
}

#[test]
fn markets_add_their_own_reminders_for_the_format() {
    let codes = markets(&["IN", "KR", "AE"]);
    let reminders = |format| {
        check(&Post {
            caption: "#ad [광고] إعلان My routine",
            format: Some(format),
            markets: &codes,
            ..Post::default()
        })
        .findings
        .into_iter()
        .filter(|f| !f.blocking)
        .map(|f| (f.rule, f.market))
        .collect::<Vec<_>>()
    };
    let some = |m: &str| Some(m.to_string());
    assert_eq!(
        reminders(ContentFormat::Reel),
        vec![
            ("spoken_and_on_screen".into(), None),
            ("spoken_and_on_screen".into(), some("IN")),
            ("spoken_and_on_screen".into(), some("KR")),
            ("spoken_and_on_screen".into(), some("AE")),
            ("market_note".into(), some("AE")),
        ]
    );
    assert_eq!(
        reminders(ContentFormat::Live),
        vec![
            ("repeat_live".into(), None),
            ("repeat_live".into(), some("IN")),
            ("repeat_live".into(), some("KR")),
            ("market_note".into(), some("AE")),
        ]
    );
}
