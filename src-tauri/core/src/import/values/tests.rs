use super::*;
use proptest::prelude::*;

#[test]
fn counts_in_every_locale() {
    let cases: &[(&str, Option<u64>)] = &[
        ("12400", Some(12_400)),
        ("12,400", Some(12_400)),
        ("12.400", Some(12_400)),
        ("12 400", Some(12_400)),
        ("12\u{a0}400", Some(12_400)),
        ("12\u{202f}400", Some(12_400)),
        ("12'400", Some(12_400)),
        ("1,234,567", Some(1_234_567)),
        ("1.234.567", Some(1_234_567)),
        ("1,234.5", Some(1_235)),
        ("1.234,5", Some(1_235)),
        ("12.3K", Some(12_300)),
        ("12.3k", Some(12_300)),
        ("1,2M", Some(1_200_000)),
        ("1.2 M", Some(1_200_000)),
        ("3B", Some(3_000_000_000)),
        ("2,5 Mio.", Some(2_500_000)),
        ("950", Some(950)),
        ("12.5", Some(13)),
        ("+48", Some(48)),
        ("", None),
        ("  ", None),
        ("n/a", None),
        ("N/A", None),
        ("-", None),
        ("undefined", None),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_count(input).as_ref(), Ok(expected), "{input:?}");
    }
}

#[test]
fn counts_that_are_not() {
    assert_eq!(parse_count("-500"), Err("cannot be negative".into()));
    assert_eq!(parse_count("lots"), Err("is not a number".into()));
    assert_eq!(parse_count("1,23,4"), Err("is not a number".into()));
    assert_eq!(parse_count("12x"), Err("is not a number".into()));
    assert_eq!(parse_count("1.2.3K"), Err("is not a number".into()));
}

#[test]
fn rates_and_their_column_scale() {
    let cell = |s: &str| parse_rate(s).unwrap().unwrap();
    assert_eq!(
        cell("3.4%"),
        RateCell {
            number: 3.4,
            percent_sign: true
        }
    );
    assert_eq!(
        cell("3,4 %"),
        RateCell {
            number: 3.4,
            percent_sign: true
        }
    );
    assert_eq!(
        cell("0.034"),
        RateCell {
            number: 0.034,
            percent_sign: false
        }
    );
    assert_eq!(
        cell("0,034"),
        RateCell {
            number: 0.034,
            percent_sign: false
        }
    );
    assert_eq!(parse_rate("n/a").unwrap(), None);
    assert!(parse_rate("-2%").is_err());
    assert!(parse_rate("high").is_err());

    let fractions = [cell("0.034"), cell("0.12"), cell("0.008")];
    assert_eq!(RateScale::of_column(&fractions), RateScale::Fraction);
    assert!((RateScale::Fraction.to_fraction(fractions[0]) - 0.034).abs() < 1e-12);

    let percents = [cell("3.4"), cell("0.9"), cell("12")];
    let scale = RateScale::of_column(&percents);
    assert_eq!(scale, RateScale::Percent);
    assert!((scale.to_fraction(percents[1]) - 0.009).abs() < 1e-12);

    // A `%` sign on any cell makes the column percents.
    let signed = [cell("0.5%"), cell("0.7")];
    assert_eq!(RateScale::of_column(&signed), RateScale::Percent);
}

proptest! {
    #[test]
    fn every_way_of_grouping_a_count_reads_the_same(n in 0u64..10_000_000_000) {
        let plain = n.to_string();
        let group = |sep: &str| {
            let digits: Vec<char> = plain.chars().collect();
            let mut out = String::new();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push_str(sep);
                }
                out.push(*c);
            }
            out
        };
        for text in [plain.clone(), group(","), group("."), group(" "), group("\u{a0}")] {
            // "1.234" alone is ambiguous only below 1,000,000 with one group,
            // and we read a three-digit tail as thousands, as exports mean it.
            prop_assert_eq!(parse_count(&text), Ok(Some(n)), "{}", text);
        }
    }

    #[test]
    fn parsers_never_panic(text in "\\PC{0,40}") {
        let _ = parse_count(&text);
        let _ = parse_rate(&text);
    }

    #[test]
    fn suffixed_counts_scale(whole in 0u32..1000, tenth in 0u32..10) {
        let expected = (whole as u64) * 1000 + (tenth as u64) * 100;
        prop_assert_eq!(parse_count(&format!("{whole}.{tenth}K")), Ok(Some(expected)));
        prop_assert_eq!(parse_count(&format!("{whole},{tenth}k")), Ok(Some(expected)));
    }
}

#[test]
fn what_spreadsheets_leave_behind_is_empty() {
    for cell in [
        "N/A",
        "NaN",
        "nan",
        "-",
        "undefined",
        "#N/A",
        "#NAME?",
        "#VALUE!",
        "#VALOR!",
        "#WERT!",
        "#DIV/0!",
        "#REF!",
        "#NV",
        " #n/a ",
    ] {
        assert!(is_blank(cell), "{cell:?}");
        assert_eq!(parse_count(cell), Ok(None), "{cell:?}");
        assert_eq!(parse_rate(cell), Ok(None), "{cell:?}");
    }
    // Namibia's code is a country, but no number.
    assert!(!is_blank("NA"));
    assert_eq!(parse_count("NA"), Ok(None));
    assert!(!is_blank("Nana"));
}

#[test]
fn suffixes_in_either_case_and_scientific_notation() {
    let cases: &[(&str, u64)] = &[
        ("0.89k", 890),
        ("0.89K", 890),
        ("475.8m", 475_800_000),
        ("475.8M", 475_800_000),
        ("29.0b", 29_000_000_000),
        ("2.28E+11", 228_000_000_000),
        ("2.28e11", 228_000_000_000),
        ("1,5E6", 1_500_000),
        ("4.85E+07", 48_500_000),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_count(input), Ok(Some(*expected)), "{input:?}");
    }
    assert_eq!(parse_count("2.28E+99"), Err("is not a number".into()));
}

#[test]
fn text_decoded_twice_is_repaired_only_when_unambiguous() {
    assert_eq!(repair_mojibake("CÃ´te d'Ivoire"), "Côte d'Ivoire");
    assert_eq!(repair_mojibake("SÃ£o Paulo"), "São Paulo");
    assert_eq!(repair_mojibake("BeyoncÃ© â€“ Fan"), "Beyoncé – Fan");
    // Already right, or not a repair that decodes: kept verbatim.
    assert_eq!(repair_mojibake("Côte d'Ivoire"), "Côte d'Ivoire");
    assert_eq!(repair_mojibake("Ã la carte"), "Ã la carte");
    assert_eq!(repair_mojibake("ÂÂ"), "ÂÂ");
    assert_eq!(repair_mojibake("plain"), "plain");
}
