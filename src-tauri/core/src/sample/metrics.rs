//! The sample campaign's published work and its figures: two more
//! partnerships whose posts went out weeks ago (Jonas on YouTube and
//! Instagram, Aisha's two TikToks with paid amplification), and readings
//! every few days for every post, so the dashboard and the summary PDF have
//! curves, comparisons and targets to show; and their payments as the
//! brand's accounts recorded them (Jonas's first paid, Aisha's part paid
//! and overdue), so the Payments screen has every state to show.

use chrono::{Days, NaiveDate, Utc};

use super::agreements::{deliverable, settled};
use super::SampleError;
use crate::agreement::terms::ContentFormat;
use crate::agreement::{self, AgreementError, Status, Step};
use crate::collaboration;
use crate::metrics::{self, Measure, Post, PostMetrics, Reading, Values};
use crate::payments;
use crate::roster::{self, Platform};
use crate::store::Store;
use crate::vetting;
use crate::vetting::dossier::{CheckItem, CheckState};

/// A labelled caption that passes the campaign's markets' checks.
const CAPTION: &str = "Werbung | Publicité | Publicidad | Publicidade: my spring coffee with the new oat barista @verdantkitchen #VerdantSpring";

/// One post published through the whole collaboration flow.
fn publish(store: &Store, id: &str, deliverable: u32, url: &str, on: NaiveDate) -> Result<(), SampleError> {
    collaboration::draft(
        store,
        id,
        deliverable,
        CAPTION,
        vec![format!("take-{deliverable}.mp4")],
        on - Days::new(4),
    )?;
    collaboration::approve(store, id, deliverable, None, on - Days::new(2))?;
    collaboration::published(store, id, deliverable, url, on)?;
    Ok(())
}

/// Who signs, for what, and where the partnership ends up.
struct Signing<'a> {
    handle: &'a str,
    legal: &'a str,
    contact: &'a str,
    fee: i64,
    status: Status,
    booked: &'a [Booked<'a>],
    /// The creator's discount code, on the first deliverable.
    code: &'a str,
}

/// What the accounts recorded on one payment of the schedule: the invoice
/// (its day and number) and what was paid, in euros, when.
pub(super) struct Booked<'a> {
    pub instalment: u32,
    pub invoiced: (NaiveDate, &'a str),
    pub paid: Option<(i64, NaiveDate, &'a str)>,
}

pub(super) fn book(store: &Store, id: &str, booked: &[Booked]) -> Result<(), SampleError> {
    for b in booked {
        let (on, number) = b.invoiced;
        payments::invoice(store, id, b.instalment, number, on)?;
        if let Some((euros, on, reference)) = b.paid {
            let amount = crate::campaign::Money {
                minor: euros * 100,
                currency: "EUR".into(),
            };
            payments::pay(store, id, b.instalment, &amount, reference, on)?;
        }
    }
    Ok(())
}

/// A partnership whose posts are all out.
fn partnership(
    store: &Store,
    campaign_id: &str,
    signing: Signing,
    work: Vec<(Platform, ContentFormat, NaiveDate, &str)>,
) -> Result<(), SampleError> {
    let Signing {
        handle,
        legal,
        contact,
        fee,
        status,
        booked,
        code,
    } = signing;
    let creator = roster::find(store, handle)?.id.to_string();
    // Their research was done before they were signed.
    let mut dossier = vetting::dossier(store, &creator)?;
    for item in CheckItem::ALL {
        dossier.set_check(
            item,
            CheckState::Done {
                note: "Nothing of concern.".into(),
                evidence: None,
                by: "Sample workspace".into(),
                at: Utc::now(),
            },
        );
    }
    vetting::put_dossier(store, &dossier)?;
    let created = agreement::create(store, Some(campaign_id), Some(&creator))?;
    let id = created.id.to_string();
    let first = work
        .iter()
        .map(|w| w.2)
        .min()
        .unwrap_or_else(|| Utc::now().date_naive());
    let mut terms = settled(
        legal,
        contact,
        work.iter().map(|(p, f, due, _)| deliverable(*p, *f, 1, *due)).collect(),
        fee,
        first - Days::new(14),
    );
    terms.deliverables[0].promo_codes = vec![code.to_string()];
    agreement::save(store, &id, terms, Step::Review)?;
    agreement::move_to(store, &id, Status::InProduction)?;
    collaboration::brief_sent(store, &id, first - Days::new(12))?;
    for (i, (_, _, on, url)) in work.iter().enumerate() {
        publish(store, &id, i as u32, url, *on)?;
    }
    agreement::move_to(store, &id, status)?;
    book(store, &id, booked)?;
    let mut logged = agreement::get(store, &id)?;
    for entry in &mut logged.timeline {
        entry.by = "Sample workspace".into();
    }
    store.put(&logged).map_err(AgreementError::from)?;
    Ok(())
}

/// A post's figures today; readings before today follow a curve that
/// rises fast after publication and flattens, as real posts do.
fn readings_for(post: &Post, finals: &[(Measure, i64)], today: NaiveDate) -> PostMetrics {
    let age = (today - post.published_on).num_days().max(1);
    let curve = |days: i64| 1.0 - (-(days as f64) / 4.0).exp();
    let mut days: Vec<i64> = (1..age).step_by(3).collect();
    days.push(age);
    let readings = days
        .into_iter()
        .map(|d| {
            let share = curve(d) / curve(age);
            let mut values = Values::default();
            for &(measure, last) in finals {
                // Costs are known in full from the first reading.
                let value = if measure.is_money() && measure != Measure::Revenue {
                    last
                } else {
                    (last as f64 * share).round() as i64
                };
                values.set(measure, Some(value));
            }
            Reading {
                on: post.published_on + Days::new(d as u64),
                values,
                currency: "EUR".into(),
                source: "Sample workspace".into(),
                logged_at: Utc::now(),
            }
        })
        .collect();
    PostMetrics {
        partnership_id: post.partnership_id,
        deliverable: post.deliverable,
        url: post.url.clone(),
        readings,
    }
}

pub(super) fn load(store: &Store, campaign_id: &str, today: NaiveDate) -> Result<(), SampleError> {
    let ago = |n: u64| today - Days::new(n);
    partnership(
        store,
        campaign_id,
        Signing {
            handle: "@jonasrides",
            code: "JONAS15",
            legal: "Jonas Weber Media",
            contact: "Jonas Weber · hello@jonasrides.de",
            fee: 7_800,
            status: Status::Completed,
            booked: &[
                Booked {
                    instalment: 0,
                    invoiced: (ago(30), "JW-2026-017"),
                    paid: Some((3_900, ago(22), "SEPA 4471-0917")),
                },
                Booked {
                    instalment: 1,
                    invoiced: (ago(10), "JW-2026-021"),
                    paid: None,
                },
            ],
        },
        vec![
            (
                Platform::Youtube,
                ContentFormat::LongVideo,
                ago(21),
                "https://www.youtube.com/watch?v=vK7spr1ngOa",
            ),
            (
                Platform::Instagram,
                ContentFormat::Reel,
                ago(15),
                "https://www.instagram.com/reel/C9spRingOat/",
            ),
        ],
    )?;
    partnership(
        store,
        campaign_id,
        Signing {
            handle: "@aishaskin",
            code: "AISHA20",
            legal: "Aisha Bello Studio Ltd",
            contact: "Aisha Bello · team@aishabello.example",
            fee: 12_000,
            status: Status::Live,
            booked: &[Booked {
                instalment: 0,
                invoiced: (ago(30), "ABS-0412"),
                paid: Some((3_000, ago(20), "SEPA 4471-0932")),
            }],
        },
        vec![
            (
                Platform::Tiktok,
                ContentFormat::ShortVideo,
                ago(18),
                "https://www.tiktok.com/@aishaskin/video/7440100000000000001",
            ),
            (
                Platform::Tiktok,
                ContentFormat::ShortVideo,
                ago(11),
                "https://www.tiktok.com/@aishaskin/video/7440100000000000002",
            ),
        ],
    )?;

    use Measure::*;
    let eur = |euros: i64| euros * 100;
    let campaign = crate::campaign::get(store, campaign_id).map_err(metrics::MetricsError::from)?;
    let posts = metrics::posts(store, &campaign.id)?;
    let finals = |post: &Post| -> Vec<(Measure, i64)> {
        let f = match post.url.as_str() {
            u if u.contains("youtube") => [182_400, 141_000, 9_800, 1_240, 610, 0, 3_900, 410, eur(12_300), 0],
            u if u.contains("instagram") => [96_500, 61_200, 4_450, 212, 380, 905, 1_150, 96, eur(2_880), 0],
            u if u.ends_with("01") => [
                612_000,
                455_000,
                41_200,
                1_830,
                2_950,
                3_400,
                6_800,
                520,
                eur(15_600),
                eur(1_500),
            ],
            u if u.ends_with("02") => [388_000, 301_000, 22_100, 940, 1_310, 2_050, 4_100, 298, eur(8_940), 0],
            _ => [74_000, 58_500, 5_900, 310, 420, 770, 1_020, 84, eur(2_520), 0],
        };
        [
            Views,
            Reach,
            Likes,
            Comments,
            Shares,
            Saves,
            Clicks,
            Conversions,
            Revenue,
            AdSpend,
        ]
        .into_iter()
        .zip(f)
        // YouTube has no saves, and only Aisha's first video was boosted.
        .filter(|&(m, v)| v > 0 || !matches!(m, Saves | AdSpend))
        .collect()
    };
    let all: Vec<PostMetrics> = posts.iter().map(|p| readings_for(p, &finals(p), today)).collect();
    store.put_many(&all).map_err(metrics::MetricsError::from)?;
    Ok(())
}
