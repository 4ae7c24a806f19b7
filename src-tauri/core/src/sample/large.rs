//! A campaign at the size the speed targets name (200 creators, 20,000
//! readings), for benchmarks: the dashboard and the summary PDF are measured
//! on it. Added on top of the sample workspace, whose brand it uses.

use chrono::{Days, Local, NaiveDate, Utc};

use super::SampleError;
use crate::agreement::terms::{ContentFormat, Deliverable, Terms};
use crate::agreement::{self, AgreementError, Step};
use crate::campaign::{self, CampaignDraft, KpiTargetDraft, Objective};
use crate::collaboration::{Entry, Event};
use crate::metrics::{Measure, MetricsError, PostMetrics, Reading, Values};
use crate::roster::{self, AccountDraft, InfluencerDraft, Platform};
use crate::store::Store;
use crate::vetting;

/// Adds a campaign with `creators` partnerships of two published posts
/// each, and `readings` readings spread over the posts. Returns its id.
pub fn load(store: &Store, creators: usize, readings: usize) -> Result<String, SampleError> {
    let today = Local::now().date_naive();
    // Long enough that every post has a day for each of its readings.
    let start = today - Days::new(120);
    let brand = vetting::list_brands(store)?
        .into_iter()
        .next()
        .ok_or_else(|| AgreementError::NotFound("the sample brand".into()))?;
    let target = |metric: &str, value: &str| KpiTargetDraft {
        metric: metric.into(),
        value: value.into(),
        due: (today + Days::new(30)).to_string(),
    };
    let campaign = campaign::add(
        store,
        &CampaignDraft {
            brand_id: brand.id.to_string(),
            name: format!("Always-on programme ({creators} creators)"),
            objective: Some(Objective::Sales),
            targets: vec![
                target("reach", "50,000,000"),
                target("conversions", "40,000"),
                target("roi", "50"),
            ],
            budget: "900,000".into(),
            currency: "EUR".into(),
            start: start.to_string(),
            end: (today + Days::new(30)).to_string(),
            markets: Vec::new(),
        },
    )
    .map_err(AgreementError::from)?;
    let campaign_id = campaign.id.to_string();
    let per_post = (readings / (creators * 2)).max(1);
    let mut metrics = Vec::with_capacity(creators * 2);
    for n in 0..creators {
        let influencer = roster::add(
            store,
            &InfluencerDraft {
                name: format!("Programme creator {n}"),
                accounts: vec![AccountDraft {
                    platform: Platform::Tiktok,
                    handle: format!("programme_{n}"),
                    followers: 20_000 + (n as i64 * 7_919) % 900_000,
                }],
                country: "DE".into(),
                ..InfluencerDraft::default()
            },
        )?;
        let partnership = agreement::create(store, Some(&campaign_id), Some(&influencer.id.to_string()))?;
        let terms = Terms {
            deliverables: vec![Deliverable {
                platform: Some(Platform::Tiktok),
                format: Some(ContentFormat::ShortVideo),
                count: 2,
                ..Deliverable::default()
            }],
            ..Terms::default()
        };
        let mut partnership = agreement::save(store, &partnership.id.to_string(), terms, Step::Review)?;
        for post in 0..2_u64 {
            let published = start + Days::new(5 + post * 20 + (n as u64 % 7));
            let url = format!(
                "https://www.tiktok.com/@programme_{n}/video/{}",
                7_000_000 + n as u64 * 10 + post
            );
            partnership.timeline.push(Entry {
                on: published,
                logged_at: Utc::now(),
                by: "Benchmark".into(),
                deliverable: Some(0),
                event: Event::Published { url: url.clone() },
            });
            metrics.push(readings_of(partnership.id, url, published, today, per_post, n));
        }
        store.put(&partnership).map_err(AgreementError::from)?;
    }
    store.put_many(&metrics).map_err(MetricsError::from)?;
    Ok(campaign_id)
}

fn readings_of(
    partnership_id: uuid::Uuid,
    url: String,
    published: NaiveDate,
    today: NaiveDate,
    count: usize,
    n: usize,
) -> PostMetrics {
    let span = (today - published).num_days().max(1) as usize;
    let scale = 1.0 + (n % 13) as f64 / 4.0;
    let readings = (0..count)
        .map(|i| {
            let on = published + Days::new((i * span / count) as u64);
            let share = (i + 1) as f64 / count as f64;
            let mut values = Values::default();
            for (measure, total) in [
                (Measure::Views, 80_000.0),
                (Measure::Reach, 60_000.0),
                (Measure::Likes, 4_000.0),
                (Measure::Comments, 200.0),
                (Measure::Shares, 150.0),
                (Measure::Saves, 300.0),
                (Measure::Clicks, 900.0),
                (Measure::Conversions, 60.0),
                (Measure::Revenue, 180_000.0),
            ] {
                values.set(measure, Some((total * scale * share) as i64));
            }
            values.set(Measure::Fee, Some(150_000));
            Reading {
                on,
                values,
                currency: "EUR".into(),
                source: "Benchmark".into(),
                logged_at: Utc::now(),
            }
        })
        .collect::<Vec<_>>();
    let mut post = PostMetrics {
        partnership_id,
        deliverable: 0,
        url,
        readings: Vec::new(),
    };
    for reading in readings {
        post.merge(reading);
    }
    post
}
