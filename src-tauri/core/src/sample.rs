//! A realistic sample workspace, so every screen and command has something
//! real to show on first run. Later features extend it (campaigns, posts,
//! agreements) so that it stays a complete tour of the product.

mod agreements;
pub mod large;
mod marker;
mod metrics;
mod vetting;

use crate::roster::{self, AccountDraft, InfluencerDraft, Platform, RosterError};
use crate::store::Store;
use crate::vetting::VettingError;

pub(crate) use marker::put_marker;
pub use marker::{contents, marker, remove, SampleContents, SampleMarker};

#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("the sample only loads into an empty workspace, and this one already has {0} influencer(s)")]
    NotEmpty(usize),
    #[error("there is no sample data in this workspace (it was removed, or never loaded)")]
    NoSample,
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Vetting(#[from] VettingError),
    #[error(transparent)]
    Agreement(#[from] crate::agreement::AgreementError),
    #[error(transparent)]
    Collaboration(#[from] crate::collaboration::CollaborationError),
    #[error(transparent)]
    Metrics(#[from] crate::metrics::MetricsError),
    #[error(transparent)]
    Payment(#[from] crate::payments::PaymentError),
}

/// Loads the sample into an empty store; returns how many influencers it
/// added. A workspace with the sample in it has been started: the first-run
/// welcome is not offered again.
pub fn load(store: &Store) -> Result<usize, SampleError> {
    let existing = roster::count(store)?;
    if existing > 0 {
        return Err(SampleError::NotEmpty(existing));
    }
    let before = marker::Present::read(store)?;
    let drafts = drafts();
    for draft in &drafts {
        roster::add(store, draft)?;
    }
    vetting::load(store)?;
    agreements::load(store)?;
    marker::Present::mark_added_since(store, &before)?;
    crate::preferences::mark_welcomed(store)?;
    Ok(drafts.len())
}

/// The first-run welcome's answer: the sample, or an empty start. Returns how
/// many creators the sample added; none when the roster already has some (a
/// file dropped on the welcome was imported first).
pub fn answer_welcome(store: &Store, with_sample: bool) -> Result<usize, SampleError> {
    if with_sample && roster::count(store)? == 0 {
        return load(store);
    }
    crate::preferences::mark_welcomed(store)?;
    Ok(0)
}

/// The sample creators. Fictional people with plausible numbers: a mix of
/// tiers (nano to mega), platforms, markets and niches.
pub fn drafts() -> Vec<InfluencerDraft> {
    use Platform::*;
    let creator =
        |name: &str, accounts: &[(Platform, &str, i64)], email: &str, country: &str, niches: &[&str], notes: &str| {
            InfluencerDraft {
                name: name.into(),
                accounts: accounts
                    .iter()
                    .map(|&(platform, handle, followers)| AccountDraft {
                        platform,
                        handle: handle.into(),
                        followers,
                    })
                    .collect(),
                email: email.into(),
                country: country.into(),
                niches: niches.iter().map(|n| n.to_string()).collect(),
                notes: notes.into(),
            }
        };
    vec![
        creator(
            "Mara Costa",
            &[(Instagram, "@mara.eats", 48_200), (Tiktok, "@maraeats", 126_500)],
            "mara@maracosta.pt",
            "PT",
            &["vegan food", "travel"],
            "Plant-based recipes from Lisbon. Replies within a day; prefers email over DMs.",
        ),
        creator(
            "Jonas Weber",
            &[(Youtube, "@jonasrides", 312_000), (Instagram, "@jonas.rides", 41_800)],
            "hello@jonasrides.de",
            "DE",
            &["cycling", "outdoor"],
            "Long-form bike-touring films. Books sponsorships a quarter ahead.",
        ),
        creator(
            "Aisha Bello",
            &[(Tiktok, "@aishaskin", 890_000), (Instagram, "@aisha.bello", 214_000)],
            "team@aishabello.co.uk",
            "GB",
            &["skincare", "beauty"],
            "Represented by an agency; all offers go through her manager.",
        ),
        creator(
            "Lucas Moreau",
            &[(Instagram, "@lucas.moreau.style", 23_400)],
            "lucas.moreau@mail.fr",
            "FR",
            &["menswear", "fashion"],
            "",
        ),
        creator(
            "Priya Nair",
            &[(Youtube, "@priyacodes", 158_000), (Linkedin, "priya-nair", 12_300)],
            "priya@priyacodes.dev",
            "CA",
            &["tech", "careers"],
            "Reviews developer tools; insists on honest-review clauses.",
        ),
        creator(
            "Tom Becker",
            &[(X, "@tombecker", 67_000), (Threads, "@tombecker", 18_500)],
            "",
            "US",
            &["personal finance"],
            "Audience mostly US, 25–44.",
        ),
        creator(
            "Sofía Herrera",
            &[(Instagram, "@sofiaenlacocina", 7_900)],
            "sofia.herrera@correo.es",
            "ES",
            &["home cooking", "vegan recipes", "family"],
            "Nano creator with a very engaged community.",
        ),
        creator(
            "Kenji Watanabe",
            &[(Youtube, "@kenjiplays", 1_240_000), (Twitch, "kenjiplays", 402_000)],
            "business@kenjiplays.com",
            "AU",
            &["gaming"],
            "Live streams four nights a week.",
        ),
        creator(
            "Emma Lindqvist",
            &[
                (Pinterest, "emmalindqvisthome", 95_000),
                (Instagram, "@emma.lindqvist", 33_100),
            ],
            "emma@lindqvist.se",
            "SE",
            &["interior design", "sustainability"],
            "",
        ),
        creator(
            "Chloé Martin",
            &[(Tiktok, "@chloe.runs", 4_300)],
            "",
            "FR",
            &["running", "fitness"],
            "Training for her first marathon; documents it weekly.",
        ),
        creator(
            "Daniel Okafor",
            &[(Tiktok, "@danfitlife", 1_100_000), (Instagram, "@danfitlife", 540_000)],
            "partnerships@danfitlife.com",
            "US",
            &["fitness", "nutrition"],
            "Has worked with two sports-drink brands in the last year.",
        ),
        creator(
            "Hannah Schulz",
            &[(Instagram, "@hannah.liest", 15_600), (Snapchat, "hannahliest", 2_100)],
            "hannah.schulz@post.de",
            "DE",
            &["books"],
            "",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_creator_is_valid() {
        for draft in drafts() {
            roster::validate(&draft).unwrap_or_else(|e| panic!("{}: {e:?}", draft.name));
        }
    }

    #[test]
    fn the_sample_brand_shows_every_verdict() {
        use crate::vetting::scorecard::VerdictKind;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        load(&store).unwrap();
        let brands = crate::vetting::list_brands(&store).unwrap();
        assert_eq!(brands.len(), 1);
        let today = chrono::Local::now().date_naive();
        let cards = crate::vetting::shortlist(&store, &brands[0].id.to_string(), today).unwrap();
        let verdicts: Vec<(&str, VerdictKind)> = cards
            .iter()
            .map(|(_, card)| (card.influencer.name.as_str(), card.verdict.kind))
            .collect();
        assert_eq!(
            verdicts,
            vec![
                ("Sofía Herrera", VerdictKind::Recommended),
                ("Mara Costa", VerdictKind::Caution),
                ("Chloé Martin", VerdictKind::Caution),
                ("Daniel Okafor", VerdictKind::NotRecommended),
            ]
        );
        let daniel = &cards[3].1;
        let kinds: Vec<_> = daniel.red_flags.flags.iter().map(|f| f.kind).collect();
        use crate::vetting::flags::FlagKind::*;
        assert_eq!(
            kinds,
            vec![EngagementFarBelow, LowCredibility, MassFollowers, GrowthSpike]
        );
    }

    #[test]
    fn a_deleted_creator_leaves_no_dossier_or_shortlist_place_behind() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        load(&store).unwrap();
        let daniel = roster::find(&store, "@danfitlife").unwrap();
        roster::remove(&store, &daniel.id.to_string()).unwrap();
        let brand = &crate::vetting::list_brands(&store).unwrap()[0];
        assert_eq!(brand.shortlist.len(), 3);
        assert!(store
            .get::<crate::vetting::dossier::Dossier>(daniel.id.as_bytes())
            .unwrap()
            .is_none());
    }

    #[test]
    fn the_sample_campaign_has_partnerships_in_several_states() {
        use crate::agreement::Status;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        load(&store).unwrap();
        let today = chrono::Local::now().date_naive();
        let campaigns = crate::campaign::list(&store).unwrap();
        assert_eq!(campaigns.len(), 1);
        let mut seen: Vec<(String, Status, usize)> = crate::agreement::views(&store, today)
            .unwrap()
            .into_iter()
            .map(|v| (v.influencer.unwrap().name, v.partnership.status, v.undefined.len()))
            .collect();
        seen.sort_by_key(|(_, status, _)| *status);
        let summary: Vec<(&str, Status)> = seen.iter().map(|(n, s, _)| (n.as_str(), *s)).collect();
        assert_eq!(
            summary,
            vec![
                ("Chloé Martin", Status::Negotiating),
                ("Sofía Herrera", Status::Agreed),
                ("Aisha Bello", Status::Live),
                ("Mara Costa", Status::Live),
                ("Jonas Weber", Status::Completed),
                ("Daniel Okafor", Status::Cancelled),
            ]
        );
        // Agreed and live stand on complete terms; the negotiation has gaps to show.
        assert_eq!((seen[1].2, seen[2].2), (0, 0));
        assert!(seen[0].2 > 3, "{seen:?}");
    }

    #[test]
    fn the_sample_payments_show_every_state_and_an_overdue_one() {
        use crate::payments::{self, PaymentFilter, PaymentStatus};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        load(&store).unwrap();
        let today = chrono::Local::now().date_naive();
        let view = payments::list(&store, &PaymentFilter::default(), today).unwrap();
        for status in PaymentStatus::ALL {
            assert!(
                view.lines.iter().any(|l| l.status == status),
                "no {status:?} payment in the sample"
            );
        }
        let overdue: Vec<(&str, PaymentStatus)> = view
            .lines
            .iter()
            .filter(|l| l.overdue_days.is_some())
            .map(|l| (l.creator.as_str(), l.status))
            .collect();
        assert_eq!(
            overdue,
            [
                ("Aisha Bello", PaymentStatus::PartPaid),
                ("Mara Costa", PaymentStatus::Invoiced)
            ]
        );
        // One currency, and the campaign's dashboard reads the same sums.
        assert_eq!(view.totals.len(), 1);
        let campaign = crate::campaign::list(&store).unwrap().remove(0);
        let dashboard = crate::metrics::dashboard::dashboard(&store, &campaign.id.to_string(), None, today).unwrap();
        assert_eq!(dashboard.payments, view.totals);
        assert_eq!(view.totals[0].paid_minor, 690_000);
    }

    #[test]
    fn loads_once_into_an_empty_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(load(&store).unwrap(), drafts().len());
        let err = load(&store).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the sample only loads into an empty workspace, and this one already has {} influencer(s)",
                drafts().len()
            )
        );
    }

    #[test]
    fn the_welcome_loads_the_sample_only_into_an_empty_roster_and_is_answered_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(answer_welcome(&store, false).unwrap(), 0);
        assert!(crate::preferences::get(&store).unwrap().welcomed);
        assert_eq!(roster::count(&store).unwrap(), 0);

        let other = tempfile::tempdir().unwrap();
        let store = Store::open(other.path()).unwrap();
        assert_eq!(answer_welcome(&store, true).unwrap(), drafts().len());
        assert!(crate::preferences::get(&store).unwrap().welcomed);
        assert_eq!(
            answer_welcome(&store, true).unwrap(),
            0,
            "a roster with creators is left as it is"
        );
    }
}
