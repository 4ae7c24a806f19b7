use super::super::caption::tokens;
use super::*;

/// The markets the table must answer for with rules of their own.
const MARKETS: [&str; 27] = [
    "US", "GB", "DE", "FR", "CA", "AU", "ES", "PT", "IT", "NL", "BE", "IE", "AT", "CH", "PL", "SE", "DK", "NO", "FI",
    "IN", "BR", "MX", "JP", "KR", "SG", "AE", "NZ",
];

#[test]
fn every_row_reads_and_names_its_source_and_the_day_it_was_checked() {
    let rows = parse(TABLE).unwrap();
    assert_eq!(rows, rules());
    for row in &rows {
        assert!(!row.source.is_empty(), "{row:?}");
        assert!(
            chrono::NaiveDate::parse_from_str(&row.checked, "%Y-%m-%d").is_ok(),
            "{row:?}"
        );
        assert!(!row.token.is_empty(), "{row:?}");
    }
    assert_eq!(markets(), MARKETS.to_vec());
}

#[test]
fn every_market_has_labels_a_placement_and_no_token_twice() {
    for market in MARKETS {
        assert!(of(market, RuleKind::Label).count() >= 2, "{market} has labels");
        assert_eq!(of(market, RuleKind::Placement).count(), 1, "{market} has one placement");
        let mut seen: Vec<(&str, RuleKind)> = Vec::new();
        for rule in rules().iter().filter(|r| r.market == market && r.kind.is_pattern()) {
            // A token is a label, vague or foreign in a market, never two of these.
            let class = match rule.kind {
                RuleKind::Vague | RuleKind::Foreign => RuleKind::Vague,
                kind => kind,
            };
            assert!(
                !seen.contains(&(rule.token.as_str(), class)),
                "{market}: '{}' appears twice",
                rule.token
            );
            if matches!(class, RuleKind::Label | RuleKind::Vague) {
                let other = if class == RuleKind::Label {
                    RuleKind::Vague
                } else {
                    RuleKind::Label
                };
                assert!(
                    !seen.contains(&(rule.token.as_str(), other)),
                    "{market}: '{}' is both a label and not one",
                    rule.token
                );
            }
            seen.push((&rule.token, class));
        }
    }
}

#[test]
fn a_label_in_one_market_can_be_too_vague_in_another() {
    let class = |market: &str, token: &str| {
        rules()
            .iter()
            .find(|r| r.market == market && r.token == token && r.kind.is_pattern())
            .map(|r| r.kind)
    };
    assert_eq!(class("NL", "#collab"), Some(RuleKind::Label));
    assert_eq!(class("US", "#collab"), Some(RuleKind::Vague));
    assert_eq!(class("CA", "#gifted"), Some(RuleKind::Label));
    assert_eq!(class("GB", "#gifted"), Some(RuleKind::Vague));
    assert_eq!(class("IE", "#gifted"), Some(RuleKind::Label));
    assert_eq!(class("US", "sponsored"), Some(RuleKind::Label));
    assert_eq!(class("NZ", "sponsored"), Some(RuleKind::Vague));
    assert_eq!(class("PT", "#pub"), Some(RuleKind::Label));
    assert_eq!(class("FR", "#pub"), Some(RuleKind::Vague));
    assert_eq!(class("PL", "#ad"), Some(RuleKind::Foreign));
}

#[test]
fn every_roster_platform_is_known_with_the_folds_that_are_measured() {
    let folds: Vec<(Platform, Option<usize>)> = Platform::ALL.iter().map(|&p| (p, fold(p).map(|(n, _)| n))).collect();
    assert_eq!(
        folds,
        vec![
            (Platform::Instagram, Some(125)),
            (Platform::Tiktok, Some(150)),
            (Platform::Youtube, Some(157)),
            (Platform::X, None),
            (Platform::Twitch, None),
            (Platform::Facebook, None),
            (Platform::Linkedin, Some(210)),
            (Platform::Pinterest, None),
            (Platform::Snapchat, None),
            (Platform::Threads, None),
        ]
    );
}

#[test]
fn bad_rows_are_named_by_line() {
    let table = "market\tkind\ttoken\tsource\tchecked\nUS\tlabel\t#ad\n";
    assert_eq!(parse(table).unwrap_err(), "line 2: 3 cells instead of 5");
    let table = "market\tkind\ttoken\tsource\tchecked\nUS\tmaybe\t#ad\ts\t2020-01-01\n";
    assert_eq!(parse(table).unwrap_err(), "line 2: unknown kind 'maybe'");
}

fn rule(token: &str) -> Rule {
    Rule {
        market: "US".into(),
        kind: RuleKind::Label,
        token: token.into(),
        label: token.into(),
        source: String::new(),
        checked: String::new(),
        pattern: pattern(token),
    }
}

#[test]
fn tokens_match_whole_words_hashtags_and_brand_placeholders() {
    let caption = tokens("Thanks to Acme Foods for the free product! #AcmeFoodsPartner #adventure");
    assert_eq!(rule("#ad").find(&caption, None), None, "#adventure is not #ad");
    assert_eq!(rule("ad").find(&caption, None), None);
    assert_eq!(
        rule("thanks to {brand} for the free product").find(&caption, None),
        Some((0, 8))
    );
    assert_eq!(rule("#{brand}partner").find(&caption, None), Some((8, 9)));
    assert_eq!(rule("#{brand}partner").find(&caption, Some("Acme Foods")), Some((8, 9)));
    assert_eq!(rule("#{brand}partner").find(&caption, Some("Oatly")), None);
    assert_eq!(rule("#{brand}partner").find(&tokens("#partner"), None), None);
    assert_eq!(
        rule("paid partnership with").find(&tokens("Paid Partnership with @acme"), None),
        Some((0, 3))
    );
    assert_eq!(
        rule("thanks to {brand}").find(&tokens("new drop, thanks to @acme"), None),
        Some((2, 5))
    );
    assert_eq!(
        rule("#{brand}_sweepstakes").find(&tokens("Win a bike! #Acme_Sweepstakes"), None),
        Some((3, 4))
    );
}

#[test]
fn a_mention_pattern_finds_the_brand_handle() {
    let caption = tokens("Morning run with @acme.running and @mara");
    assert_eq!(rule("@{brand}").find(&caption, None), Some((3, 4)));
    assert_eq!(rule("@{brand}").find(&caption, Some("Acme")), Some((3, 4)));
    assert_eq!(rule("@{brand}").find(&caption, Some("Oatly")), None);
    assert_eq!(rule("@{brand}").find_all(&caption, None), vec![(3, 4), (5, 6)]);
}

#[test]
fn words_of_unspaced_scripts_are_found_inside_longer_runs() {
    assert_eq!(
        rule("提供を受けて").find(&tokens("A社から商品の提供を受けて投稿しています"), None),
        Some((0, 1))
    );
    assert_eq!(
        rule("광고").find(&tokens("오늘은 광고입니다 @brand"), None),
        Some((1, 2))
    );
    assert_eq!(
        rule("광고 아님").find(&tokens("광고 아님! 내돈내산"), None),
        Some((0, 2))
    );
    // Spaced scripts still need the whole word.
    assert_eq!(rule("reklam").find(&tokens("reklamation"), None), None);
}

#[test]
fn phrases_are_cut_like_captions() {
    assert_eq!(
        rule("i'm not sponsored").find(&tokens("I’m not sponsored, just love it"), None),
        Some((0, 4))
    );
    assert_eq!(
        rule("not an ad").find_all(&tokens("Not an ad. Really, not an ad!"), None),
        vec![(0, 3), (4, 7)]
    );
}
