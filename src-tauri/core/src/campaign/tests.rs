use super::*;
use crate::vetting::brand::BrandDraft;

fn store_with_brand() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let brand = vetting::add_brand(
        &store,
        &BrandDraft {
            name: "Verdant Kitchen".into(),
            markets: vec!["DE".into(), "FR".into()],
            ..BrandDraft::default()
        },
    )
    .unwrap();
    (dir, store, brand.id.to_string())
}

fn target(metric: &str, value: &str, due: &str) -> KpiTargetDraft {
    KpiTargetDraft {
        metric: metric.into(),
        value: value.into(),
        due: due.into(),
    }
}

fn draft(brand_id: &str) -> CampaignDraft {
    CampaignDraft {
        brand_id: brand_id.into(),
        name: " Spring  launch ".into(),
        objective: Some(Objective::BrandAwareness),
        targets: vec![
            target("Reach", "500,000", "2026-06-30"),
            target("ER", "3.5 %", "2026-06-30"),
            target("cost per result", "2,50", "2026-06-30"),
        ],
        budget: "12.500,00".into(),
        currency: "eur".into(),
        start: "2026-04-01".into(),
        end: "2026-06-30".into(),
        markets: vec![],
    }
}

#[test]
fn a_campaign_with_measurable_targets_is_stored_in_their_units() {
    let (_dir, store, brand) = store_with_brand();
    let campaign = add(&store, &draft(&brand)).unwrap();
    assert_eq!(campaign.name, "Spring launch");
    assert_eq!(campaign.budget.to_text(), "EUR 12,500.00");
    assert_eq!(campaign.targets[0].value, TargetValue::Count(500_000));
    assert_eq!(campaign.targets[1].metric, KpiMetric::EngagementRate);
    assert_eq!(campaign.targets[1].value, TargetValue::Fraction(0.035));
    assert_eq!(
        campaign.targets[2].value,
        TargetValue::Money(Money {
            minor: 250,
            currency: "EUR".into()
        })
    );
    // No markets given: the brand's.
    assert_eq!(campaign.markets, vec!["DE", "FR"]);
    assert_eq!(list(&store).unwrap(), vec![campaign]);
}

#[test]
fn unmeasurable_targets_are_refused_with_a_hint() {
    let (_dir, store, brand) = store_with_brand();
    let mut vague = draft(&brand);
    vague.targets = vec![
        target("more buzz", "lots", "2026-06-30"),
        target("clicks", "many", "soon"),
        target("reach", "1000", "2026-01-01"),
    ];
    vague.end = "2026-03-01".into();
    let Err(CampaignError::Invalid(errors)) = add(&store, &vague) else {
        panic!("a vague campaign was stored");
    };
    let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
    assert_eq!(
        found,
        vec![
            ("end", "The campaign ends (2026-03-01) before it starts (2026-04-01)."),
            (
                "targets.0.metric",
                "Target 1: 'more buzz' is not measurable; choose reach, impressions, engagement rate, clicks, \
                 conversions, revenue, ROI or cost per result, with a number and a date."
            ),
            (
                "targets.1.value",
                "Target 2: the clicks target 'many' is not a whole number above 0."
            ),
            ("targets.1.due", "Target 2: 'soon' is not a date like 2026-06-30."),
            (
                "targets.2.due",
                "Target 3: its date 2026-01-01 is before the campaign starts."
            ),
        ]
    );
    assert!(list(&store).unwrap().is_empty());
}

#[test]
fn a_campaign_needs_an_objective_a_budget_and_a_target() {
    let (_dir, store, brand) = store_with_brand();
    let empty = CampaignDraft {
        brand_id: brand,
        ..CampaignDraft::default()
    };
    let Err(CampaignError::Invalid(errors)) = add(&store, &empty) else {
        panic!("an empty campaign was stored");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["name", "objective", "start", "end", "budget", "targets"]);
    let unknown_brand = CampaignDraft {
        brand_id: uuid::Uuid::new_v4().to_string(),
        ..draft("")
    };
    assert!(matches!(
        add(&store, &unknown_brand),
        Err(CampaignError::Vetting(vetting::VettingError::BrandNotFound(_)))
    ));
}
