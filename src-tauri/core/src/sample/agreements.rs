//! The sample's campaign and its partnerships, one in each telling state:
//! live and agreed with every detail settled, one still being negotiated
//! (so the review step has gaps to list), and one cancelled after vetting.

use chrono::{Days, Local, NaiveDate};

use super::SampleError;
use crate::agreement::terms::*;
use crate::agreement::{self, AgreementError, Parties, Status, Step, Terms};
use crate::campaign::{self, CampaignDraft, KpiTargetDraft, Money, Objective};
use crate::collaboration;
use crate::roster::{self, Platform};
use crate::store::Store;
use crate::vetting;

fn eur(euros: i64) -> Money {
    Money {
        minor: euros * 100,
        currency: "EUR".into(),
    }
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

fn target(metric: &str, value: &str, due: NaiveDate) -> KpiTargetDraft {
    KpiTargetDraft {
        metric: metric.into(),
        value: value.into(),
        due: due.to_string(),
    }
}

/// Settled terms for a creator: `fee` in euros, paid half on signing and half on delivery.
pub(super) fn settled(
    creator: &str,
    contact: &str,
    deliverables: Vec<Deliverable>,
    fee: i64,
    signed: NaiveDate,
) -> Terms {
    let delivered = deliverables.iter().filter_map(|d| d.due).max();
    Terms {
        parties: Parties {
            brand_legal_name: "Verdant Kitchen GmbH".into(),
            brand_contact: "Lena Vogt, Head of Brand · lena.vogt@verdantkitchen.example · Torstraße 12, 10119 Berlin"
                .into(),
            creator_legal_name: creator.into(),
            creator_contact: contact.into(),
        },
        deliverables,
        compensation: Compensation {
            currency: "EUR".into(),
            flat_fee: Some(eur(fee)),
            product_value: Some(eur(180)),
            schedule: vec![
                Instalment {
                    label: "On signing".into(),
                    share: 0.5,
                    due: Some(signed + Days::new(14)),
                },
                Instalment {
                    label: "On delivery".into(),
                    share: 0.5,
                    due: delivered.map(|d| d + Days::new(30)),
                },
            ],
            kill_fee: Some(eur(fee / 4)),
            ..Compensation::default()
        },
        rights: UsageRights {
            organic_reposting: true,
            paid_amplification: true,
            duration_months: Some(6),
            territory: words(&["DE", "FR", "ES", "PT"]),
            channels: words(&["Instagram", "TikTok", "verdantkitchen.example"]),
            ownership: Ownership::CreatorLicenses,
        },
        exclusivity: Exclusivity {
            required: true,
            category: "plant-based milk and dairy alternatives".into(),
            competitors: words(&["Oatly", "Alpro"]),
            days_before: 14,
            days_after: 30,
        },
        brief: Brief {
            key_messages: words(&[
                "Verdant oat barista froths like dairy milk",
                "Made from EU-grown oats, in recyclable cartons",
            ]),
            guidelines: "Cook something you would really make on a weekday; show the carton once, naturally.".into(),
            dos: words(&["Show the froth in a real coffee", "Mention the spring recipe booklet"]),
            donts: words(&["No comparisons with named competitors", "No health claims"]),
            mandatory: words(&["@verdantkitchen tag", "Link in bio for two weeks"]),
            creator_judgement: words(&[
                "The recipe",
                "Tone, music and editing",
                "Caption wording after the label",
            ]),
            review_days: Some(3),
            revision_rounds: 2,
            no_answer_rule: "A draft not answered within the review window counts as approved.".into(),
        },
    }
}

pub(super) fn deliverable(platform: Platform, format: ContentFormat, count: u32, due: NaiveDate) -> Deliverable {
    Deliverable {
        platform: Some(platform),
        format: Some(format),
        count,
        window_from: Some(due - Days::new(7)),
        due: Some(due),
        mentions: words(&["@verdantkitchen"]),
        hashtags: words(&["#VerdantSpring"]),
        links: words(&["https://verdantkitchen.example/spring"]),
        promo_codes: Vec::new(),
        min_days_live: Some(90),
    }
}

/// Adds the campaign and its partnerships to a store holding the sample
/// roster and brand. Research is as `sample::vetting` left it.
pub(super) fn load(store: &Store) -> Result<(), SampleError> {
    let today = Local::now().date_naive();
    // Four weeks in, so the published posts have weeks of figures.
    let start = today - Days::new(28);
    let end = today + Days::new(32);
    // The first agreements were signed ten days ago.
    let signed = today - Days::new(10);
    let brand = vetting::list_brands(store)?
        .into_iter()
        .next()
        .ok_or_else(|| AgreementError::NotFound("the sample brand".into()))?;
    let spring = campaign::add(
        store,
        &CampaignDraft {
            brand_id: brand.id.to_string(),
            name: "Spring oat barista launch".into(),
            objective: Some(Objective::Sales),
            targets: vec![
                target("reach", "1,500,000", end),
                target("engagement rate", "3.5", end),
                target("conversions", "2,000", end),
                target("revenue", "60,000", end),
            ],
            budget: "45,000".into(),
            currency: "EUR".into(),
            start: start.to_string(),
            end: end.to_string(),
            markets: Vec::new(),
        },
    )
    .map_err(AgreementError::from)?;
    let campaign_id = spring.id.to_string();
    let creator = |handle: &str| -> Result<String, AgreementError> { Ok(roster::find(store, handle)?.id.to_string()) };
    let days_ago = |n: u64| today - Days::new(n);

    let sofia = creator("@sofiaenlacocina")?;
    let agreed = agreement::create(store, Some(&campaign_id), Some(&sofia))?;
    let mut terms = settled(
        "Sofía Herrera Gil",
        "sofia@enlacocina.example · +34 600 123 456",
        vec![
            deliverable(Platform::Instagram, ContentFormat::Reel, 2, today + Days::new(5)),
            deliverable(Platform::Instagram, ContentFormat::StorySet, 3, today + Days::new(19)),
        ],
        3_200,
        signed,
    );
    // Each creator's own discount code: what the shop's orders are attributed by.
    terms.deliverables[0].promo_codes = vec!["SOFIA15".into()];
    agreement::save(store, &agreed.id.to_string(), terms, Step::Review)?;
    agreement::move_to(store, &agreed.id.to_string(), Status::Agreed)?;

    let mara = creator("@maraeats")?;
    let live = agreement::create(store, Some(&campaign_id), Some(&mara))?;
    let mut terms = settled(
        "Mara Costa Unipessoal Lda.",
        "Mara Costa · mara@maraeats.example",
        vec![deliverable(
            Platform::Tiktok,
            ContentFormat::ShortVideo,
            2,
            today - Days::new(2),
        )],
        5_500,
        signed,
    );
    terms.compensation.schedule[0].due = Some(signed + Days::new(7));
    terms.deliverables[0].promo_codes = vec!["MARA10".into()];
    agreement::save(store, &live.id.to_string(), terms, Step::Review)?;
    let live_id = live.id.to_string();
    agreement::move_to(store, &live_id, Status::Live)?;
    // Her video went through one round of changes and is out.
    collaboration::brief_sent(store, &live_id, days_ago(9))?;
    let first = "Trying the new oat barista in my morning coffee @verdantkitchen #VerdantSpring";
    collaboration::draft(store, &live_id, 0, first, vec!["barista-take1.mp4".into()], days_ago(8))?;
    collaboration::feedback(
        store,
        &live_id,
        0,
        "Love it. The post needs its label up front for Germany and France.",
        "",
        true,
        days_ago(7),
    )?;
    let labelled =
        "Werbung | Publicité | Publicidad | Publicidade: trying the new oat barista in my morning coffee @verdantkitchen #VerdantSpring";
    collaboration::draft(
        store,
        &live_id,
        0,
        labelled,
        vec!["barista-take2.mp4".into()],
        days_ago(6),
    )?;
    collaboration::approve(store, &live_id, 0, None, days_ago(5))?;
    collaboration::published(
        store,
        &live_id,
        0,
        "https://www.tiktok.com/@maraeats/video/7441000000000000000",
        days_ago(3),
    )?;
    // Her first invoice came in; it is due three days ago and still unpaid.
    super::metrics::book(
        store,
        &live_id,
        &[super::metrics::Booked {
            instalment: 0,
            invoiced: (days_ago(9), "MC-26-08"),
            paid: None,
        }],
    )?;
    // Logged by the sample, not by whoever loads it.
    let mut logged = agreement::get(store, &live_id)?;
    for entry in &mut logged.timeline {
        entry.by = "Sample workspace".into();
    }
    store.put(&logged).map_err(AgreementError::from)?;

    // Still being negotiated: the fee and the brief are open, and her research has not started.
    let chloe = creator("@chloe.runs")?;
    let open = agreement::create(store, Some(&campaign_id), Some(&chloe))?;
    let mut terms = settled("Chloé Martin", "chloe.runs@example.fr", Vec::new(), 900, signed);
    terms.deliverables = vec![Deliverable {
        platform: Some(Platform::Tiktok),
        format: Some(ContentFormat::ShortVideo),
        count: 1,
        ..Deliverable::default()
    }];
    terms.compensation = Compensation {
        currency: "EUR".into(),
        ..Compensation::default()
    };
    terms.brief.creator_judgement.clear();
    agreement::save(store, &open.id.to_string(), terms, Step::Compensation)?;
    agreement::move_to(store, &open.id.to_string(), Status::Negotiating)?;

    let daniel = creator("@danfitlife")?;
    let cancelled = agreement::create(store, Some(&campaign_id), Some(&daniel))?;
    agreement::move_to(store, &cancelled.id.to_string(), Status::Cancelled)?;
    super::metrics::load(store, &campaign_id, today)?;
    Ok(())
}
