//! Vetting from the command line: brand profiles as JSON, a dossier built
//! from files, and the scorecard `vet` prints, checked against hand-computed
//! figures.

use std::path::Path;

use serde_json::{json, Value};

mod common;

use common::{failure, ok};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn brand_json() -> Value {
    json!({
        "name": "Stride Labs",
        "values": ["running"],
        "audience": {
            "countries": [{"key": "DE", "percent": 60}, {"key": "Austria", "percent": 40}],
            "age_bands": [{"key": "25-34", "percent": 100}],
            "interests": ["fitness"]
        },
        "excluded_topics": ["gambling"],
        "competitors": ["Nike"],
        "markets": ["DE", "AT"]
    })
}

#[test]
fn a_brand_profile_and_a_dossier_give_the_scorecard_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let brand_file = write(dir.path(), "brand.json", &brand_json().to_string());
    ok(&data, &["brands", "add", "--json", &brand_file]);
    let brands: Value = serde_json::from_str(&ok(&data, &["brands", "list", "--json"])).unwrap();
    assert_eq!(brands[0]["name"], "Stride Labs");
    assert_eq!(brands[0]["audience"]["countries"][1]["key"], "AT");
    let brand_id = brands[0]["id"].as_str().unwrap().to_string();

    ok(
        &data,
        &[
            "influencers",
            "add",
            "--name",
            "Lena Vogt",
            "--account",
            "instagram:@lena.runs:12000",
            "--niche",
            "running",
            "--niche",
            "travel",
        ],
    );
    let audience = json!({
        "countries": [{"key": "DE", "percent": 50}, {"key": "AT", "percent": 30}, {"key": "CH", "percent": 10}],
        "age_bands": [{"key": "25-34", "percent": 40}],
        "credibility_percent": 80,
        "source": "Modash"
    });
    let audience_file = write(dir.path(), "audience.json", &audience.to_string());
    ok(&data, &["dossier", "audience", "@lena.runs", "--json", &audience_file]);
    let stats = json!({"platform": "instagram", "avg_likes": 240, "avg_comments": 12});
    let stats_file = write(dir.path(), "stats.json", &stats.to_string());
    ok(&data, &["dossier", "stats", "@lena.runs", "--json", &stats_file]);
    // Ten days of +50, then +3,000 in a day.
    let mut history = String::from("Date,Followers\n");
    let mut followers = 12_000;
    for day in 1..=10 {
        followers += if day == 8 { 3_000 } else { 50 };
        history.push_str(&format!("2026-03-{day:02},{followers}\n"));
    }
    let history_file = write(dir.path(), "FollowerHistory.csv", &history);
    let read = ok(&data, &["dossier", "import", "@lena.runs", &history_file]);
    assert_eq!(
        read.trim(),
        format!("Read 10 follower history row(s) from {history_file}")
    );
    ok(
        &data,
        &[
            "dossier",
            "check",
            "@lena.runs",
            "content_quality",
            "--done",
            "Clean, well-lit videos",
            "--evidence",
            "https://example.com/review",
        ],
    );
    ok(
        &data,
        &[
            "dossier",
            "check",
            "@lena.runs",
            "brand-safety",
            "--waive",
            "Known to the team for years",
        ],
    );

    let card: Value = serde_json::from_str(&ok(&data, &["vet", "--brand", &brand_id, "@lena.runs", "--json"])).unwrap();
    // Countries 0.5 × 1 + 0.3 × (0.4 / 0.6) = 0.70; ages 0.40;
    // fit (70 × 0.5 + 40 × 0.25) / 0.75 = 60.
    assert_eq!(card["audience_fit"]["status"], "complete");
    assert_eq!(card["audience_fit"]["value"], 60.0);
    assert_eq!(card["audience_fit"]["components"][0]["value"], 70.0);
    // running matches, travel does not.
    assert_eq!(card["alignment"]["value"], 50.0);
    // (240 + 12) / 12,000 = 2.1 %, above 3 × the 0.54 % micro average.
    let rate = card["engagement"][0]["rates"][0]["rate"].as_f64().unwrap();
    assert!((rate - 0.021).abs() < 1e-12);
    assert_eq!(card["engagement"][0]["band"]["position"], "far_above");
    let kinds: Vec<&str> = card["red_flags"]["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["engagement_far_above", "growth_spike"]);
    assert!(card["red_flags"]["flags"][1]["evidence"]
        .as_str()
        .unwrap()
        .contains("followers rose by 3,000 in a day"));
    let states: Vec<&str> = card["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, vec!["done", "open", "open", "waived", "open"]);
    assert_eq!(card["checklist"][0]["evidence"], "https://example.com/review");
    assert_eq!(card["verdict"]["kind"], "not_recommended");
    assert_eq!(card["verdict"]["reasons"][0], "2 audience-quality red flags");

    let text = ok(&data, &["vet", "--brand", &brand_id, "https://instagram.com/lena.runs"]);
    assert!(text.starts_with("Lena Vogt for Stride Labs"), "{text}");
    assert!(
        text.contains("  Countries: DE 50 % × 1.00 + AT 30 % × 0.67 = 70"),
        "{text}"
    );
}

#[test]
fn a_bad_brand_profile_is_refused_field_by_field_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut brand = brand_json();
    brand["audience"]["countries"][1]["key"] = json!("Atlantis");
    brand["markets"] = json!(["Narnia"]);
    let file = write(dir.path(), "brand.json", &brand.to_string());
    let error = failure(&data, &["brands", "add", "--json", &file]);
    assert!(error.contains("nothing was saved"), "{error}");
    assert!(
        error.contains("audience.countries.1.key: 'Atlantis' is not a country"),
        "{error}"
    );
    assert!(error.contains("markets.0: 'Narnia' is not a country"), "{error}");
    let broken = write(dir.path(), "broken.json", "{\"name\": \"Stride\", \"values\": 3}");
    let error = failure(&data, &["brands", "add", "--json", &broken]);
    assert!(error.contains("broken.json: invalid type: integer `3`"), "{error}");
    let brands: Value = serde_json::from_str(&ok(&data, &["brands", "list", "--json"])).unwrap();
    assert_eq!(brands, json!([]));
}

#[test]
fn the_sample_brand_lists_and_vets_from_its_shortlist() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["sample"]);
    let brands: Value = serde_json::from_str(&ok(dir.path(), &["brands", "list", "--json"])).unwrap();
    let brand_id = brands[0]["id"].as_str().unwrap();
    let shortlist = ok(dir.path(), &["brands", "shortlist", brand_id]);
    let first = shortlist.lines().next().unwrap();
    assert!(
        first.starts_with("Sofía Herrera") && first.contains("Recommended"),
        "{shortlist}"
    );
    let text = ok(dir.path(), &["vet", "--brand", brand_id, "@danfitlife"]);
    assert!(text.contains("Verdict: Not recommended"), "{text}");
    assert!(text.contains("A sudden jump in followers"), "{text}");
    let unknown = failure(dir.path(), &["vet", "--brand", brand_id, "@nobody.here"]);
    assert_eq!(
        unknown.trim(),
        "partnerly-cli: no creator on the roster has the account '@nobody.here'"
    );
}

#[test]
fn campaigns_take_measurable_targets_and_list_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let brand_file = write(dir.path(), "brand.json", &brand_json().to_string());
    ok(&data, &["brands", "add", "--json", &brand_file]);
    let brands: Value = serde_json::from_str(&ok(&data, &["brands", "list", "--json"])).unwrap();
    let brand_id = brands[0]["id"].as_str().unwrap();

    let mut campaign = json!({
        "brand_id": brand_id, "name": "Spring launch", "objective": "brand_awareness",
        "targets": [{"metric": "more buzz", "value": "", "due": ""}],
        "budget": "12.500", "currency": "EUR", "start": "2026-04-01", "end": "2026-06-30"
    });
    let vague = write(dir.path(), "vague.json", &campaign.to_string());
    let refused = failure(&data, &["campaigns", "add", "--json", &vague]);
    assert!(
        refused.contains("targets.0.metric: Target 1: 'more buzz' is not measurable; choose reach"),
        "{refused}"
    );

    campaign["targets"] = json!([{"metric": "reach", "value": "500,000", "due": "2026-06-30"}]);
    let good = write(dir.path(), "campaign.json", &campaign.to_string());
    ok(&data, &["campaigns", "add", "--json", &good]);
    let listed: Value = serde_json::from_str(&ok(&data, &["campaigns", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["name"], "Spring launch");
    assert_eq!(listed[0]["brand_id"], brand_id);
    assert_eq!(listed[0]["budget"], json!({"minor": 1_250_000, "currency": "EUR"}));
    assert_eq!(
        listed[0]["targets"][0]["value"],
        json!({"unit": "count", "amount": 500_000})
    );
    // The brand's markets stand in when the campaign names none.
    assert_eq!(listed[0]["markets"], json!(["DE", "AT"]));
}

#[test]
fn a_partnership_cannot_be_agreed_with_details_undefined() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let brands: Value = serde_json::from_str(&ok(&data, &["brands", "list", "--json"])).unwrap();
    let campaign = json!({
        "brand_id": brands[0]["id"], "name": "Spring launch", "objective": "sales",
        "targets": [{"metric": "conversions", "value": "1200", "due": "2026-06-30"}],
        "budget": "9000", "currency": "EUR", "start": "2026-04-01", "end": "2026-06-30"
    });
    let file = write(dir.path(), "campaign.json", &campaign.to_string());
    ok(&data, &["campaigns", "add", "--json", &file]);
    let campaigns: Value = serde_json::from_str(&ok(&data, &["campaigns", "list", "--json"])).unwrap();
    let spring = campaigns
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Spring launch")
        .unwrap();
    let campaign_id = spring["id"].as_str().unwrap();
    ok(
        &data,
        &[
            "partnerships",
            "create",
            "--campaign",
            campaign_id,
            "--creator",
            "@sofiaenlacocina",
        ],
    );

    let listed: Value = serde_json::from_str(&ok(&data, &["partnerships", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["status"], "prospect");
    assert_eq!(listed[0]["campaign_id"], campaign_id);
    assert_eq!(listed[0]["campaign"], "Spring launch");
    assert_eq!(listed[0]["influencer"], "Sofía Herrera");
    let id = listed[0]["id"].as_str().unwrap();

    let shown: Value = serde_json::from_str(&ok(&data, &["partnerships", "show", id, "--json"])).unwrap();
    assert!(
        shown["disclosure"][0]
            .as_str()
            .unwrap()
            .starts_with("DE: label each post \"Werbung\""),
        "{shown}"
    );
    assert!(shown["undefined"].as_array().unwrap().len() > 3);
    let refused = failure(&data, &["partnerships", "move", id, "agreed"]);
    assert!(
        refused.contains("it cannot be marked agreed yet: No legal name for the brand's side")
            && refused.contains("No deliverables."),
        "{refused}"
    );
    ok(&data, &["partnerships", "move", id, "negotiating"]);
    let listed: Value = serde_json::from_str(&ok(&data, &["partnerships", "list", "--json"])).unwrap();
    assert_eq!(listed[0]["status"], "negotiating");
}
