use chrono::NaiveDate;

use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn count(v: f64) -> String {
    format!("{v:.0}")
}

#[test]
fn a_line_chart_has_its_title_axes_series_and_legend() {
    let series = vec![
        Series {
            name: "Reach".into(),
            points: vec![(day(1), 100.0), (day(5), 900.0), (day(9), 1_500.0)],
        },
        Series {
            name: "Views".into(),
            points: vec![(day(1), 150.0), (day(5), 1_300.0), (day(9), 2_100.0)],
        },
    ];
    let chart = over_time(
        "t",
        "Reach and views over time",
        "People",
        &series,
        &count,
        "summary".into(),
    )
    .unwrap();
    let svg = &chart.svg;
    assert!(svg.starts_with("<svg"), "{svg}");
    for text in [
        "Reach and views over time",
        "People",
        "Date",
        "Reach\n",
        "Views\n",
        "1 Nov",
    ] {
        assert!(svg.contains(text), "missing {text:?}");
    }
    // Both series in their palette colours, each with its own marker shape.
    assert!(svg.contains("#0072B2") && svg.contains("#E69F00"));
    assert!(
        svg.contains("<circle") && svg.contains("<polygon"),
        "markers tell the series apart without colour"
    );
    // Text and axes follow the theme.
    assert!(svg.contains("currentColor"));
    assert!(!svg.contains(INK_HEX));
}

#[test]
fn bars_put_the_first_item_on_top_and_write_each_value() {
    let items = vec![
        Bar {
            label: "Aisha Bello".into(),
            value: 12.0,
            shown: "12.00 %".into(),
        },
        Bar {
            label: "Jonas <Weber> & co".into(),
            value: 8.0,
            shown: "8.00 %".into(),
        },
    ];
    let chart = bars(
        "b",
        "Engagement rate by creator",
        "Engagement rate (%)",
        &items,
        &count,
        Scale::Linear,
        None,
        String::new(),
    )
    .unwrap();
    let svg = &chart.svg;
    assert!(svg.contains("12.00 %") && svg.contains("8.00 %"));
    assert!(
        svg.contains("Jonas &lt;Weber&gt; &amp; co"),
        "names are escaped, not markup"
    );
    let y_of = |label: &str| {
        let at = svg.find(label).unwrap();
        let tag = &svg[svg[..at].rfind("<text").unwrap()..at];
        let y = tag.split("y=\"").nth(1).unwrap().split('"').next().unwrap();
        y.parse::<f64>().unwrap()
    };
    assert!(
        y_of("Aisha Bello") < y_of("Jonas &lt;"),
        "first item drawn above the second"
    );
}

#[test]
fn negative_bars_differ_by_colour_as_well_as_direction() {
    let items = vec![
        Bar {
            label: "Up".into(),
            value: 40.0,
            shown: "40 %".into(),
        },
        Bar {
            label: "Down".into(),
            value: -55.0,
            shown: "-55 %".into(),
        },
    ];
    let svg = bars(
        "r",
        "ROI",
        "ROI (%)",
        &items,
        &count,
        Scale::Linear,
        None,
        String::new(),
    )
    .unwrap()
    .svg;
    assert!(svg.contains("#0072B2") && svg.contains("#D55E00"));
}

#[test]
fn a_log_funnel_keeps_small_steps_visible() {
    let items = vec![
        Bar {
            label: "Views".into(),
            value: 1_000_000.0,
            shown: "1,000,000".into(),
        },
        Bar {
            label: "Conversions".into(),
            value: 300.0,
            shown: "300".into(),
        },
    ];
    let svg = bars("f", "Funnel", "Count", &items, &count, Scale::Log, None, String::new())
        .unwrap()
        .svg;
    assert!(svg.contains("Count (log scale)"));
    assert!(svg.contains(" 300\n"), "{svg}");
}

#[test]
fn nothing_to_draw_says_so() {
    let chart = over_time("e", "Reach and views over time", "People", &[], &count, "none".into()).unwrap();
    assert!(chart.svg.contains("Nothing recorded yet."));
    let chart = bars(
        "e",
        "Cost breakdown",
        "EUR",
        &[],
        &count,
        Scale::Linear,
        None,
        String::new(),
    )
    .unwrap();
    assert!(chart.svg.contains("Nothing to compare yet."));
}
