use chrono::{Days, Local, NaiveDate};

use super::dashboard::dashboard;
use super::files::{apply, parse_day, read_file, Assignment};
use super::kpi::{emv, kpis, Cost, Totals};
use super::targets::{targets, Against, Pace};
use super::*;
use crate::campaign::{KpiMetric, KpiTarget, TargetValue};
use crate::store::Store;

fn values(pairs: &[(Measure, i64)]) -> Values {
    let mut v = Values::default();
    for (m, n) in pairs {
        v.set(*m, Some(*n));
    }
    v
}

/// One post: 1,000,000 views, 400,000 reach, 12,000 engagements, 8,000
/// clicks, 200 conversions, EUR 10,000 revenue; EUR 4,000 cost.
fn worked_example() -> Totals {
    use Measure::*;
    let mut totals = Totals::default();
    totals.add_post(
        &values(&[
            (Views, 1_000_000),
            (Reach, 400_000),
            (Likes, 10_000),
            (Comments, 1_000),
            (Shares, 600),
            (Saves, 400),
            (Clicks, 8_000),
            (Conversions, 200),
            (Revenue, 1_000_000),
        ]),
        Some(250_000),
    );
    totals.cost = Cost {
        fee: 300_000,
        product: 50_000,
        ad_spend: 50_000,
        ..Cost::default()
    };
    totals
}

fn value(all: &[kpi::Kpi], key: &str) -> Option<f64> {
    all.iter().find(|k| k.key == key).unwrap().value
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn kpis_follow_the_iab_formulas_on_a_worked_example() {
    let all = kpis(&worked_example(), "EUR");
    close(value(&all, "engagement_rate"), 12_000.0 / 400_000.0);
    close(value(&all, "cpm"), 4_000.0 / 1_000_000.0 * 1000.0);
    close(value(&all, "cpe"), 4_000.0 / 12_000.0);
    close(value(&all, "cpc"), 0.5);
    close(value(&all, "cpa"), 20.0);
    close(value(&all, "ctr"), 0.008);
    close(value(&all, "conversion_rate"), 0.025);
    close(value(&all, "roi"), 1.5);
    close(value(&all, "roas"), 2.5);
    let er = all.iter().find(|k| k.key == "engagement_rate").unwrap();
    assert_eq!(er.label, "Engagement rate (by reach)");
    assert_eq!(er.shown, "3.00 %");
    let cpm = all.iter().find(|k| k.key == "cpm").unwrap();
    assert_eq!(cpm.shown, "EUR 4.00");
    assert_eq!(
        cpm.worked.as_deref(),
        Some("EUR 4,000.00 cost / 1,000,000 views × 1,000")
    );
}

#[test]
fn zero_and_missing_inputs_give_no_value_and_say_why() {
    use Measure::*;
    let mut totals = Totals::default();
    totals.add_post(&values(&[(Views, 0), (Likes, 10)]), None);
    let all = kpis(&totals, "EUR");
    for k in &all {
        assert!(k.value.is_none_or(f64::is_finite), "{} is {:?}", k.key, k.value);
        if k.value.is_none() {
            assert_eq!(k.shown, "-");
            assert!(
                k.missing.as_ref().is_some_and(|m| !m.is_empty()),
                "{} has no reason",
                k.key
            );
        }
    }
    let cpm = all.iter().find(|k| k.key == "cpm").unwrap();
    assert!(cpm.missing.as_deref().unwrap().starts_with("no cost"), "{cpm:?}");
    let ctr = all.iter().find(|k| k.key == "ctr").unwrap();
    assert_eq!(ctr.missing.as_deref(), Some("no link clicks recorded"));
    let er = all.iter().find(|k| k.key == "engagement_rate").unwrap();
    assert_eq!(er.value, None);
    assert!(er.missing.as_deref().unwrap().contains("is 0"), "{er:?}");
    let roi = all.iter().find(|k| k.key == "roi").unwrap();
    assert_eq!(roi.missing.as_deref(), Some("no revenue recorded"));

    totals.cost.ad_spend = 10_000;
    let cpm = kpis(&totals, "EUR").into_iter().find(|k| k.key == "cpm").unwrap();
    assert_eq!(cpm.value, None);
    assert!(cpm.missing.unwrap().contains("0 views is 0"));
}

#[test]
fn engagement_rate_divides_only_posts_that_have_the_base() {
    use Measure::*;
    let mut totals = Totals::default();
    totals.add_post(&values(&[(Reach, 10_000), (Likes, 500)]), None);
    totals.add_post(&values(&[(Reach, 30_000), (Likes, 900)]), None);
    // No reach: it must not inflate the rate by reach.
    totals.add_post(&values(&[(Views, 50_000), (Likes, 4_000)]), None);
    let er = kpis(&totals, "EUR")
        .into_iter()
        .find(|k| k.key == "engagement_rate")
        .unwrap();
    close(er.value, 1_400.0 / 40_000.0);
    assert!(er.worked.unwrap().contains("over 2 of 3 posts (1 without reach)"));
}

#[test]
fn earned_media_value_shows_its_assumption_and_stays_out_of_roi() {
    let totals = worked_example();
    let cpm = Money {
        minor: 800,
        currency: "EUR".into(),
    };
    let value = emv(&totals, &cpm);
    assert_eq!(value.value.unwrap().minor, 800_000);
    assert_eq!(
        value.worked.as_deref(),
        Some("1,000,000 views × EUR 8.00 / 1,000 = EUR 8,000.00")
    );
    assert!(value.note.contains("not part of ROI"));
    // ROI is the same with or without an EMV assumption.
    close(value_of_roi(&totals), 1.5);
}

fn value_of_roi(totals: &Totals) -> Option<f64> {
    value(&kpis(totals, "EUR"), "roi")
}

#[test]
fn targets_have_pace_against_the_time_gone() {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let due = start + Days::new(100);
    let today = start + Days::new(60);
    let target = |metric, value| KpiTarget { metric, value, due };
    let mut totals = Totals::default();
    totals.add_post(&values(&[(Measure::Reach, 620_000), (Measure::Conversions, 500)]), None);
    totals.cost.fee = 2_000_000;
    let all = kpis(&totals, "EUR");
    let got = targets(
        &[
            target(KpiMetric::Reach, TargetValue::Count(1_000_000)),
            target(KpiMetric::Conversions, TargetValue::Count(2_000)),
            target(
                KpiMetric::CostPerResult,
                TargetValue::Money(Money {
                    minor: 5_000,
                    currency: "EUR".into(),
                }),
            ),
            target(
                KpiMetric::Revenue,
                TargetValue::Money(Money {
                    minor: 100,
                    currency: "EUR".into(),
                }),
            ),
        ],
        &totals,
        &all,
        (start, today),
        Against::Campaign,
        "EUR",
    );
    assert_eq!(got[0].pace, Pace::OnTrack);
    assert_eq!(got[0].sentence, "62 % of the reach target with 40 % of the time left");
    assert_eq!(got[1].pace, Pace::Behind, "25 % with 60 % of the time gone");
    // EUR 40 per conversion against a target of EUR 50 or less: met.
    assert_eq!(got[2].pace, Pace::Met);
    assert_eq!(got[3].pace, Pace::NoData);
    assert!(got[3].sentence.contains("no revenue recorded"));

    let late = targets(
        &[target(KpiMetric::Conversions, TargetValue::Count(2_000))],
        &totals,
        &all,
        (start, due + Days::new(1)),
        Against::Campaign,
        "EUR",
    );
    assert_eq!(late[0].pace, Pace::Missed);

    // One creator's reach is their share of the campaign's target, not a pace.
    let one = targets(
        &[target(KpiMetric::Reach, TargetValue::Count(1_000_000))],
        &totals,
        &all,
        (start, today),
        Against::OneCreator,
        "EUR",
    );
    assert_eq!(one[0].pace, Pace::Share);
    assert_eq!(
        one[0].sentence,
        "Contributes 62 % of the campaign's reach target (620,000 of 1,000,000)"
    );
}

#[test]
fn post_links_in_any_form_name_the_same_post() {
    let same = |a: &str, b: &str| assert_eq!(post_links(a), post_links(b), "{a} vs {b}");
    same(
        "https://www.instagram.com/reel/C9spRingOat/",
        "instagram.com/p/C9spRingOat?igsh=abc",
    );
    same(
        "https://www.tiktok.com/@maraeats/video/7441000000000000000",
        "https://m.tiktok.com/@maraeats/video/7441000000000000000?lang=en",
    );
    same(
        "https://www.youtube.com/watch?v=vK7spr1ngOa&t=3",
        "https://youtu.be/vK7spr1ngOa",
    );
    same(
        "https://youtube.com/shorts/vK7spr1ngOa",
        "youtube.com/watch?v=vK7spr1ngOa",
    );
    assert_ne!(
        post_links("instagram.com/p/AAA"),
        post_links("instagram.com/p/aaa"),
        "shortcodes are case-sensitive"
    );
    assert_eq!(post_links("  "), None);
}

#[test]
fn export_dates_are_read_in_their_usual_forms() {
    let d = NaiveDate::from_ymd_opt(2026, 9, 20).unwrap();
    for text in [
        "2026-09-20",
        "09/20/2026 14:05",
        "Sep 20, 2026",
        "20.09.2026",
        "2026-09-20T14:05:00+02:00",
        "20 September 2026",
    ] {
        assert_eq!(parse_day(text), Some(d), "{text}");
    }
    assert_eq!(parse_day("Lifetime"), None);
}

fn sample() -> (tempfile::TempDir, Store, String, NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    crate::sample::load(&store).unwrap();
    let campaign = crate::campaign::list(&store).unwrap().remove(0);
    (dir, store, campaign.id.to_string(), Local::now().date_naive())
}

#[test]
fn the_sample_campaign_has_a_full_dashboard() {
    let (_dir, store, id, today) = sample();
    let view = dashboard(&store, &id, None, today).unwrap();
    assert_eq!(view.posts.len(), 5);
    assert!(view.readings >= 20, "weeks of readings: {}", view.readings);
    assert!(view.kpis.iter().all(|k| k.value.is_some()), "{:?}", view.kpis);
    assert_eq!(view.targets.len(), 4);
    let ids: Vec<&str> = view.charts.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "over_time",
            "compare_engagement_rate",
            "compare_cpe",
            "compare_roi",
            "targets",
            "funnel",
            "cost_breakdown"
        ]
    );
    let over_time = &view.charts[0].svg;
    assert!(over_time.contains("Reach\n") && over_time.contains("Views\n"));
    let compare = &view.charts[1].svg;
    for name in ["Aisha Bello", "Jonas Weber", "Mara Costa"] {
        assert!(compare.contains(name), "{name} in the comparison");
    }
    assert!(view.charts[5].svg.contains("Link clicks") && view.charts[5].svg.contains("Conversions"));

    // Narrowed to one creator: their posts, compared post by post.
    let jonas = view.creators.iter().find(|c| c.creator == "Jonas Weber").unwrap();
    let one = dashboard(&store, &id, Some(&jonas.partnership_id.to_string()), today).unwrap();
    assert_eq!(one.posts.len(), 2);
    assert_eq!(one.title, "Jonas Weber in Spring oat barista launch");
    assert!(one.charts.iter().any(|c| c.title == "Engagement rate by post"));
}

const META: &str = "\u{feff}Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Reach,Likes,Shares,Follows,Comments,Saves
1801,17841,maraeats,Mara Costa,\"Werbung | morning coffee\",31,{mara_day} 09:12,https://www.tiktok.com/@maraeats/video/7441000000000000000,IG reel,,Lifetime,\"90,000\",\"70,500\",\"7,100\",500,12,360,900
1802,17841,aishaskin,Aisha Bello,Second video,28,{aisha_day} 18:00,,IG reel,,Lifetime,\"400,000\",\"310,000\",\"23,000\",\"1,400\",40,990,\"2,100\"
1803,17841,someoneelse,Someone,Not ours,12,01/02/2026 10:00,https://www.instagram.com/p/NOTOURS/,IG image,,Lifetime,1000,900,50,1,0,2,3
1804,17841,maraeats,Mara Costa,Broken,31,{mara_day} 09:12,https://www.tiktok.com/@maraeats/video/7441000000000000000,IG reel,,Lifetime,lots,1,1,1,1,1,1
Total,,,,,,,,,,,,,,,,,
";

#[test]
fn a_meta_export_is_matched_by_link_and_by_account_and_day() {
    let (dir, store, id, today) = sample();
    let campaign = crate::campaign::get(&store, &id).unwrap();
    let posts = posts(&store, &campaign.id).unwrap();
    let mara = posts.iter().find(|p| p.creator == "Mara Costa").unwrap();
    let aisha = posts
        .iter()
        .filter(|p| p.creator == "Aisha Bello")
        .max_by_key(|p| p.published_on)
        .unwrap();
    let us = |d: NaiveDate| d.format("%m/%d/%Y").to_string();
    let text = META
        .replace("{mara_day}", &us(mara.published_on))
        .replace("{aisha_day}", &us(aisha.published_on));
    let path = dir.path().join("meta.csv");
    std::fs::write(&path, text).unwrap();

    let read = read_file(&store, &id, &path, today, today).unwrap();
    assert_eq!(read.source, "Meta Business Suite post export");
    assert_eq!(read.rows.len(), 3, "the Total row is skipped, the broken row rejected");
    assert_eq!(
        read.rows[0].matched.as_ref().map(|p| &p.url),
        Some(&mara.url),
        "by link"
    );
    assert_eq!(
        read.rows[1].matched.as_ref().map(|p| &p.url),
        Some(&aisha.url),
        "by account and day"
    );
    assert_eq!(read.rows[2].matched, None);
    assert!(read.rows[2]
        .unmatched_because
        .as_deref()
        .unwrap()
        .contains("no post of this campaign has the link"));
    assert_eq!(read.rejected.len(), 1);
    assert_eq!(read.rejected[0].line, 5);
    assert!(
        read.rejected[0].reason.contains("Views 'lots' is not a number"),
        "{:?}",
        read.rejected
    );
    assert_eq!(read.rows[0].values.get(Measure::Views), Some(90_000));

    // The unmatched row is given to Jonas's reel by the person.
    let jonas = posts.iter().find(|p| p.url.contains("instagram")).unwrap();
    let before = dashboard(&store, &id, None, today).unwrap();
    let outcome = apply(
        &store,
        &read,
        &[Assignment {
            line: read.rows[2].line,
            partnership_id: jonas.partnership_id.to_string(),
            deliverable: jonas.deliverable,
            url: jonas.url.clone(),
        }],
        today,
    )
    .unwrap();
    assert_eq!((outcome.readings, outcome.posts), (3, 3));
    assert!(outcome.unassigned.is_empty());
    let after = dashboard(&store, &id, None, today).unwrap();
    let views = |d: &dashboard::Dashboard| d.figures.iter().find(|f| f.key == "views").unwrap().value.unwrap();
    // Today's readings replace what Mara's, Aisha's and Jonas's posts had.
    assert!(views(&after) != views(&before));
    let mara_row = after.posts.iter().find(|p| p.post.url == mara.url).unwrap();
    assert_eq!(
        mara_row.figures.iter().find(|f| f.key == "views").unwrap().value,
        Some(90_000.0)
    );
    assert_eq!(mara_row.last_read, Some(today));
}

#[test]
fn a_grid_with_a_wrong_cell_writes_nothing_and_names_the_cell() {
    let (_dir, store, id, today) = sample();
    let campaign = crate::campaign::get(&store, &id).unwrap();
    let post = posts(&store, &campaign.id).unwrap().remove(0);
    let row = |views: &str, spend: &str| ReadingDraft {
        partnership_id: post.partnership_id.to_string(),
        deliverable: post.deliverable,
        url: post.url.clone(),
        values: [
            ("views".to_string(), views.to_string()),
            ("ad_spend".to_string(), spend.to_string()),
        ]
        .into(),
    };
    let before = readings_on(&store, &id, today).unwrap();
    let err = save_readings(&store, &id, &today.to_string(), &[row("12x", "250")], today).unwrap_err();
    match err {
        MetricsError::Invalid(errors) => {
            assert_eq!(errors[0].field, "rows.0.views");
            assert!(
                errors[0].message.contains("views '12x' is not a number"),
                "{}",
                errors[0].message
            );
        }
        other => panic!("{other}"),
    }
    assert_eq!(readings_on(&store, &id, today).unwrap(), before);

    let future = (today + Days::new(1)).to_string();
    assert!(save_readings(&store, &id, &future, &[row("1", "")], today)
        .unwrap_err()
        .to_string()
        .contains("in the future"));

    assert_eq!(
        save_readings(&store, &id, &today.to_string(), &[row("12.5k", "250,00")], today).unwrap(),
        1
    );
    let now = readings_on(&store, &id, today).unwrap();
    let stored = &now.iter().find(|(p, _)| p.url == post.url).unwrap().1;
    assert_eq!(stored.get(Measure::Views), Some(12_500));
    assert_eq!(stored.get(Measure::AdSpend), Some(25_000));
}

#[test]
fn deleting_a_partnership_deletes_its_figures() {
    let (_dir, store, id, today) = sample();
    let view = dashboard(&store, &id, None, today).unwrap();
    let mara = view.creators.iter().find(|c| c.creator == "Mara Costa").unwrap();
    let prefix = partnership_prefix(&mara.partnership_id);
    assert_eq!(store.with_prefix::<PostMetrics>(&prefix).unwrap().len(), 1);
    crate::agreement::remove(&store, &mara.partnership_id.to_string()).unwrap();
    assert!(store.with_prefix::<PostMetrics>(&prefix).unwrap().is_empty());
    assert_eq!(dashboard(&store, &id, None, today).unwrap().posts.len(), 4);
}

#[test]
fn a_youtube_studio_table_is_matched_by_video_id_and_its_total_row_skipped() {
    let (dir, store, id, today) = sample();
    let path = dir.path().join("Table data.csv");
    std::fs::write(
        &path,
        "\u{feff}Content,Video title,Video publish time,Duration,Views,Watch time (hours),Subscribers,Estimated revenue (USD),Impressions,Impressions click-through rate (%)\n\
         Total,,,,\"250,000\",9000,1200,310.50,\"2,000,000\",4.1\n\
         vK7spr1ngOa,Spring touring with oat coffee,\"Nov 8, 2026\",912,\"201,000\",8100.2,1100,290.10,\"1,800,000\",4.4\n\
         \u{20}-AbCdEfGhIj,Someone else's video,\"Nov 9, 2026\",300,\"49,000\",900,100,20.40,\"200,000\",3.2\n",
    )
    .unwrap();
    let read = read_file(&store, &id, &path, today, today).unwrap();
    assert_eq!(read.source, "YouTube Studio table export");
    assert_eq!(read.rows.len(), 2, "the Total row is not a post");
    let jonas = read.rows[0].matched.as_ref().expect("matched by the video id");
    assert_eq!(jonas.creator, "Jonas Weber");
    assert_eq!(read.rows[0].values.get(Measure::Views), Some(201_000));
    // The creator's ad revenue is not the brand's revenue.
    assert_eq!(read.rows[0].values.get(Measure::Revenue), None);
    assert!(read.rows[1].matched.is_none());
    assert!(read.rows[1]
        .unmatched_because
        .as_deref()
        .unwrap()
        .contains("-AbCdEfGhIj"));
}

#[test]
fn the_teams_notes_go_with_the_campaign_and_have_a_limit() {
    let (_dir, store, id, today) = sample();
    set_emv_cpm(&store, &id, "8").unwrap();
    let kept = set_summary_notes(&store, &id, "  Reels beat stories.\r\nBook Aisha again.  ").unwrap();
    assert_eq!(kept, "Reels beat stories.\nBook Aisha again.");
    let view = dashboard(&store, &id, None, today).unwrap();
    assert_eq!(view.summary_notes, kept);
    assert!(view.emv.is_some(), "setting notes keeps the CPM assumption");
    let long = "x".repeat(6_001);
    let err = set_summary_notes(&store, &id, &long).unwrap_err().to_string();
    assert!(err.contains("6001 characters long"), "{err}");
    assert_eq!(dashboard(&store, &id, None, today).unwrap().summary_notes, kept);
}
