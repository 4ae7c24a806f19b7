use super::*;
use crate::agreement::tests::{complete_terms, day, research_done, setup};
use crate::agreement::{move_to, save, Status, Step};

/// Zoë's agreed partnership with 6 months of organic and paid rights in DE
/// and FR, her reel published on 2026-05-15.
fn published() -> (tempfile::TempDir, Store, String) {
    let (dir, store, spring, zoe) = setup();
    let id = agreement::create(&store, Some(&spring), Some(&zoe))
        .unwrap()
        .id
        .to_string();
    let mut terms = complete_terms();
    terms.rights.organic_reposting = true;
    terms.rights.paid_amplification = true;
    terms.rights.duration_months = Some(6);
    terms.rights.territory = vec!["DE".into(), "FR".into()];
    save(&store, &id, terms, Step::Review).unwrap();
    research_done(&store, &zoe);
    move_to(&store, &id, Status::Agreed).unwrap();
    collaboration::draft(&store, &id, 0, "Werbung: mein Latte", vec![], day("2026-05-10")).unwrap();
    collaboration::approve(&store, &id, 0, None, day("2026-05-12")).unwrap();
    collaboration::published(&store, &id, 0, "https://instagram.com/reel/abc", day("2026-05-15")).unwrap();
    (dir, store, id)
}

fn only(store: &Store, today: &str) -> PostRights {
    let mut all = list(store, &RightsFilter::default(), day(today)).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

#[test]
fn a_post_carries_the_granted_rights_until_six_months_after_first_publication() {
    let (_dir, store, _id) = published();
    let now = only(&store, "2026-06-01");
    assert!(now.organic && now.paid && !now.brand_owns);
    assert_eq!(now.territory, ["DE", "FR"]);
    // Six months from 15 May: the last day is 14 November.
    assert_eq!(now.until, Some(day("2026-11-14")));
    assert_eq!((now.state, now.attention.as_deref()), (RightsState::Active, None));

    let soon = only(&store, "2026-10-20");
    assert_eq!((soon.state, soon.days_left), (RightsState::EndingSoon, Some(25)));
    assert_eq!(
        soon.attention.as_deref(),
        Some("The licence ends on 2026-11-14: extend it with the creator or plan to stop using the post.")
    );
    // Expired and unused needs nothing.
    let over = only(&store, "2026-12-01");
    assert_eq!((over.state, over.attention), (RightsState::Expired, None));
}

#[test]
fn expired_while_the_brand_still_uses_it_is_listed_first_and_so_is_a_lapsed_ad_code() {
    let (_dir, store, id) = published();
    set_ad_code(
        &store,
        &id,
        0,
        "Partnership ad access",
        " AD-7731 ",
        Some(day("2026-07-01")),
        day("2026-05-16"),
    )
    .unwrap();
    mark_in_use(&store, &id, 0, true, day("2026-05-16")).unwrap();
    let lapsed = only(&store, "2026-07-10");
    let code = lapsed.ad_code.clone().unwrap();
    assert_eq!((code.code.as_str(), code.expired), ("AD-7731", true));
    assert_eq!(
        lapsed.attention.as_deref(),
        Some("The Partnership ad access expired on 2026-07-01: the ad stops, or ask the creator for a new one.")
    );

    let late = only(&store, "2026-12-01");
    assert_eq!(late.state, RightsState::ExpiredInUse);
    assert!(late
        .attention
        .unwrap()
        .starts_with("The licence ended on 2026-11-14 and the brand still uses"));
    let needing = RightsFilter {
        needs_attention: true,
        ..RightsFilter::default()
    };
    assert_eq!(list(&store, &needing, day("2026-12-01")).unwrap().len(), 1);
    // Taken down: nothing to do any more.
    mark_in_use(&store, &id, 0, false, day("2026-12-01")).unwrap();
    assert!(list(&store, &needing, day("2026-12-01")).unwrap().is_empty());
}

#[test]
fn codes_and_use_need_a_published_post_and_an_owned_post_has_no_end() {
    let (_dir, store, id) = published();
    let not_yet = set_ad_code(&store, &id, 1, "Spark code", "X", None, day("2026-05-16")).unwrap_err();
    assert_eq!(
        not_yet.to_string(),
        "deliverable 2 has not been published: rights start with the post"
    );
    assert!(set_ad_code(&store, &id, 0, "Spark code", "  ", None, day("2026-05-16")).is_err());

    let mut partnership = agreement::get(&store, &id).unwrap();
    partnership.terms.rights.ownership = Ownership::BrandOwns;
    store.put(&partnership).unwrap();
    let owned = only(&store, "2030-01-01");
    assert_eq!((owned.state, owned.until), (RightsState::NoEnd, None));
}
