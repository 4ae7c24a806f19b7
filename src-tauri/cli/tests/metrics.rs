//! Post figures from the command line: a TikTok per-video export imported
//! onto the sample campaign, the KPIs it changes, and the summary PDF read
//! back with poppler and qpdf.

use std::path::Path;

use serde_json::Value;

mod common;

use common::{failure, ok, run};

fn campaign_of(data: &Path) -> String {
    let listed: Value = serde_json::from_str(&ok(data, &["campaigns", "list", "--json"])).unwrap();
    listed[0]["id"].as_str().unwrap().to_string()
}

fn kpi(view: &Value, key: &str) -> Value {
    view["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == key)
        .unwrap()
        .clone()
}

fn figure(view: &Value, key: &str) -> f64 {
    view["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == key)
        .unwrap()["value"]
        .as_f64()
        .unwrap()
}

#[test]
fn a_tiktok_export_updates_the_kpis_and_the_summary_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let campaign = campaign_of(&data);
    let before: Value = serde_json::from_str(&ok(&data, &["kpis", &campaign, "--json"])).unwrap();
    assert_eq!(before["posts"].as_array().unwrap().len(), 5);
    assert!(kpi(&before, "roi")["worked"].as_str().unwrap().starts_with("(EUR "));
    assert_eq!(before["targets"].as_array().unwrap().len(), 4);
    assert!(
        before.get("charts").unwrap().as_array().unwrap().is_empty(),
        "JSON leaves the SVGs out"
    );

    let export = dir.path().join("tiktok.csv");
    std::fs::write(
        &export,
        "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views,Add to favorites\n\
         Oat barista #ad,https://www.tiktok.com/@maraeats/video/7441000000000000000?lang=en,2026-11-26 09:00,\"9,000\",400,600,\"120,000\",\"1,100\"\n\
         Someone else's,https://www.tiktok.com/@other/video/1,2026-11-20 09:00,10,1,1,100,1\n\
         Broken,https://www.tiktok.com/@maraeats/video/7441000000000000000,2026-11-26 09:00,-5,1,1,100,1\n",
    )
    .unwrap();
    let imported: Value = serde_json::from_str(&ok(
        &data,
        &[
            "metrics",
            "import",
            export.to_str().unwrap(),
            "--campaign",
            &campaign,
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(imported["source"], "TikTok per-video export");
    assert_eq!(imported["stored"]["readings"], 1);
    assert_eq!(imported["matched"].as_array().unwrap().len(), 1);
    assert_eq!(imported["matched"][0]["matched"]["creator"], "Mara Costa");
    assert_eq!(imported["unmatched"][0]["line"], 3);
    assert_eq!(imported["rejected"][0]["line"], 4);
    assert!(imported["rejected"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("cannot be negative"));

    let after: Value = serde_json::from_str(&ok(&data, &["kpis", &campaign, "--json"])).unwrap();
    // Mara's post had 74,000 views; today's reading says 120,000.
    assert_eq!(figure(&after, "views") - figure(&before, "views"), 46_000.0);

    let text = ok(&data, &["kpis", &campaign]);
    assert!(text.contains("% of the reach target with"), "{text}");

    // An ad code on Mara's video, printed with the rights of every post.
    let rights: Value = serde_json::from_str(&ok(&data, &["rights", "list", "--json"])).unwrap();
    let mara = rights
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["creator"] == "Mara Costa")
        .unwrap();
    let id = mara["partnership_id"].as_str().unwrap().to_string();
    ok(
        &data,
        &["rights", "code", &id, "1", "SPARK-MARA-1", "--kind", "Spark code"],
    );

    let pdf = dir.path().join("summary.pdf");
    let said = ok(&data, &["report", &campaign, "--pdf", pdf.to_str().unwrap()]);
    assert!(said.contains("Wrote the summary of Spring oat barista launch"));
    let words = run("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "CAMPAIGN SUMMARY",
        "Targets against results",
        "Engagement rate (by reach)",
        "CPM",
        "ROAS",
        "Aisha Bello",
        "Reach and views over time",
        "Funnel: views to clicks to conversions",
        "Cost breakdown",
        "Disclosure of published posts",
        "5 of 5 published posts passed the disclosure check",
        "Usage rights of published posts",
        "Organic and paid in DE, FR, ES, PT",
        "Spark code: SPARK-MARA-1",
        "Sales by discount code",
        "MARA10 Mara Costa 0 -",
        "Attributed by discount code: an order counts for the partnership",
    ] {
        assert!(words.contains(expected), "the PDF says {expected:?}: {words}");
    }
    let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(
        fonts.contains("Inter-Regular") && fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "{fonts}"
    );
    run("qpdf", &["--check", pdf.to_str().unwrap()]);
}

#[test]
fn files_that_are_not_post_exports_are_refused_with_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let campaign = campaign_of(&data);
    let roster = dir.path().join("creators.csv");
    std::fs::write(&roster, "name,instagram,followers\nMara,@mara,48200\n").unwrap();
    let err = failure(
        &data,
        &["metrics", "import", roster.to_str().unwrap(), "--campaign", &campaign],
    );
    assert!(
        err.contains("creators.csv") && err.contains("none of its columns is a figure"),
        "{err}"
    );
    assert!(err.contains("name, instagram, followers"), "{err}");
    let err = failure(&data, &["kpis", "not-a-campaign"]);
    assert!(err.contains("there is no campaign with id not-a-campaign"), "{err}");
}

#[test]
fn a_campaign_with_partnerships_is_deleted_only_when_asked_to_take_them_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    ok(data, &["sample"]);
    let id = campaign_of(data);
    let refused = failure(data, &["campaigns", "remove", &id]);
    assert!(
        refused.contains("has 6 partnership(s)") && refused.contains("--with-partnerships"),
        "{refused}"
    );
    let deleted = ok(data, &["campaigns", "remove", &id, "--with-partnerships"]);
    assert_eq!(
        deleted.trim(),
        "Deleted Spring oat barista launch and its 6 partnership(s)"
    );
    let left: Value = serde_json::from_str(&ok(data, &["campaigns", "list", "--json"])).unwrap();
    assert_eq!(left, Value::Array(Vec::new()));
    let payments: Value = serde_json::from_str(&ok(data, &["payments", "list", "--json"])).unwrap();
    assert_eq!(payments["lines"], Value::Array(Vec::new()));
}
