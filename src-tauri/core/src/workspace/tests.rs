use super::*;
use crate::roster::{AccountDraft, InfluencerDraft, Platform};
use crate::sample;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    (dir, store)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn export_then_import_reproduces_the_workspace() {
    let (dir, source) = open();
    sample::load(&source).unwrap();
    let brand_id = crate::vetting::list_brands(&source).unwrap()[0].id.to_string();
    let campaign = crate::campaign::add(
        &source,
        &crate::campaign::CampaignDraft {
            brand_id,
            name: "Spring launch".into(),
            objective: Some(crate::campaign::Objective::Sales),
            targets: vec![crate::campaign::KpiTargetDraft {
                metric: "conversions".into(),
                value: "1200".into(),
                due: "2026-06-30".into(),
            }],
            budget: "9000".into(),
            currency: "EUR".into(),
            start: "2026-04-01".into(),
            end: "2026-06-30".into(),
            markets: vec![],
        },
    )
    .unwrap();
    let partnership = crate::agreement::create(&source, Some(&campaign.id.to_string()), None).unwrap();
    let italian_offer = crate::outreach::Template {
        kind: crate::outreach::TemplateKind::Offer,
        language: "it".into(),
        subject: "Collaborazione con {brand}".into(),
        body: "Ciao {first_name}!".into(),
    };
    crate::outreach::save(&source, &italian_offer).unwrap();
    let file = dir.path().join("workspace.json");
    let exported = export(&source, &file).unwrap();
    assert_eq!(exported.influencers as usize, sample::drafts().len());

    let target_dir = tempfile::tempdir().unwrap();
    let target = Store::open(target_dir.path()).unwrap();
    let imported = import(&target, &file).unwrap();

    assert_eq!(imported.influencers, exported.influencers);
    assert_eq!(imported.previous_data, None, "nothing was replaced");
    assert_eq!(roster::list(&target).unwrap(), roster::list(&source).unwrap());
    // Brands with their shortlists, and every dossier, come along.
    use crate::vetting::{brand::Brand, dossier::Dossier};
    let sorted = |store: &Store| {
        let mut dossiers = store.all::<Dossier>().unwrap();
        dossiers.sort_by_key(|d| d.influencer_id);
        (store.all::<Brand>().unwrap(), dossiers)
    };
    let (brands, dossiers) = sorted(&target);
    assert_eq!(brands.len(), 1);
    assert_eq!(brands[0].shortlist.len(), 4);
    assert_eq!(dossiers.len(), 5);
    assert_eq!((brands, dossiers), sorted(&source));
    // The sample's campaign and partnerships, and the ones added here.
    let campaigns = crate::campaign::list(&target).unwrap();
    assert_eq!(campaigns.len(), 2);
    assert!(campaigns.contains(&campaign));
    assert_eq!(campaigns, crate::campaign::list(&source).unwrap());
    let partnerships = crate::agreement::list(&target).unwrap();
    assert_eq!(partnerships.len(), 7);
    assert!(partnerships.contains(&partnership));
    assert_eq!(partnerships, crate::agreement::list(&source).unwrap());
    // Every post's readings come along.
    use crate::metrics::PostMetrics;
    let metrics = target.all::<PostMetrics>().unwrap();
    assert_eq!(metrics.len(), 5);
    assert_eq!(metrics, source.all::<PostMetrics>().unwrap());
    // The person's wording of the messages comes along.
    assert_eq!(target.all::<crate::outreach::Template>().unwrap(), [italian_offer]);
}

#[test]
fn a_file_from_before_vetting_imports_and_a_shortlist_must_name_its_creators() {
    let (dir, store) = open();
    let old = write(
        dir.path(),
        "old.json",
        r#"{"format": "partnerly-workspace", "version": 1, "exported_at": "2026-01-01T00:00:00Z", "influencers": []}"#,
    );
    assert_eq!(import(&store, &old).unwrap().influencers, 0);

    let stray = write(
        dir.path(),
        "stray.json",
        r#"{"format": "partnerly-workspace", "version": 1, "exported_at": "2026-01-01T00:00:00Z", "influencers": [],
            "brands": [{"id": "6f1c0a52-8a6a-4a33-9d8e-6f6f4f1f0a01", "name": "Oat & Co", "values": [], "audience": {},
                        "excluded_topics": [], "competitors": [], "markets": ["XX"],
                        "shortlist": [{"influencer_id": "6f1c0a52-8a6a-4a33-9d8e-6f6f4f1f0a02", "added_at": "2026-01-01T00:00:00Z", "chosen_at": null}],
                        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}]}"#,
    );
    let message = import(&store, &stray).unwrap_err().to_string();
    assert!(
        message.contains("brands[0] (Oat & Co): 'XX' is not a country"),
        "{message}"
    );
    assert!(
        message.contains("brands[0] (Oat & Co): its shortlist names 6f1c0a52-8a6a-4a33-9d8e-6f6f4f1f0a02, who is not among the file's influencers"),
        "{message}"
    );
}

#[test]
fn import_replaces_and_keeps_a_copy_of_what_was_there() {
    let (dir, store) = open();
    sample::load(&store).unwrap();
    let file = dir.path().join("one.json");
    {
        let (_other_dir, other) = open();
        roster::add(
            &other,
            &InfluencerDraft {
                name: "Only One".into(),
                accounts: vec![AccountDraft {
                    platform: Platform::Twitch,
                    handle: "onlyone".into(),
                    followers: 10,
                }],
                ..Default::default()
            },
        )
        .unwrap();
        export(&other, &file).unwrap();
    }
    let before = roster::list(&store).unwrap();

    let summary = import(&store, &file).unwrap();

    let names: Vec<_> = roster::list(&store).unwrap().into_iter().map(|i| i.name).collect();
    assert_eq!(names, ["Only One"]);
    let copy = read(Path::new(&summary.previous_data.expect("a copy of the replaced data"))).unwrap();
    assert_eq!(copy.influencers, before);
}

#[test]
fn broken_files_are_refused_with_where_and_what() {
    let (dir, store) = open();
    sample::load(&store).unwrap();
    let before = roster::list(&store).unwrap();

    let syntax = write(
        dir.path(),
        "syntax.json",
        "{\n  \"format\": \"partnerly-workspace\",\n  \"version\": 1,\n  oops\n}",
    );
    let err = import(&store, &syntax).unwrap_err().to_string();
    assert!(
        err.ends_with("syntax.json is not valid JSON: line 4, column 3: key must be a string"),
        "{err}"
    );

    let other = write(dir.path(), "other.json", r#"{"name": "not ours"}"#);
    let err = import(&store, &other).unwrap_err().to_string();
    assert!(
        err.ends_with("other.json is not a Partnerly workspace file (it has no \"format\": \"partnerly-workspace\")"),
        "{err}"
    );

    let newer = write(
        dir.path(),
        "newer.json",
        r#"{"format": "partnerly-workspace", "version": 7}"#,
    );
    assert!(matches!(
        import(&store, &newer),
        Err(WorkspaceError::TooNew { found: 7, .. })
    ));

    let mut good: serde_json::Value = serde_json::from_str(
        &fs::read_to_string({
            let path = dir.path().join("good.json");
            export(&store, &path).unwrap();
            path
        })
        .unwrap(),
    )
    .unwrap();

    good["influencers"][1]["accounts"][0]["platform"] = "myspace".into();
    let shape = write(dir.path(), "shape.json", &serde_json::to_string_pretty(&good).unwrap());
    let err = import(&store, &shape).unwrap_err().to_string();
    assert!(
        err.contains("at influencers[1].accounts[0].platform: unknown variant `myspace`"),
        "{err}"
    );
    assert!(err.contains("cannot be imported: line "), "{err}");

    good["influencers"][1]["accounts"][0]["platform"] = "instagram".into();
    good["influencers"][2]["email"] = "not-an-email".into();
    good["influencers"][3]["id"] = good["influencers"][0]["id"].clone();
    good["influencers"][5]["accounts"] = good["influencers"][4]["accounts"].clone();
    let invalid = write(
        dir.path(),
        "invalid.json",
        &serde_json::to_string_pretty(&good).unwrap(),
    );
    let err = import(&store, &invalid).unwrap_err();
    let WorkspaceError::Invalid { problems, .. } = &err else {
        panic!("{err:?}")
    };
    // One line per account that is taken: influencer 4 has two.
    assert_eq!(problems.len(), 4, "{problems:?}");
    for taken in &problems[2..] {
        assert!(
            taken.starts_with("influencers[5] (") && taken.contains("already belongs to"),
            "{problems:?}"
        );
    }
    assert!(problems[0].starts_with("influencers[2] ("), "{problems:?}");
    assert!(
        problems[0].contains("'not-an-email' is not an email address"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("influencers[3] (") && problems[1].contains("is used twice"),
        "{problems:?}"
    );

    assert_eq!(
        roster::list(&store).unwrap(),
        before,
        "a refused import changes nothing"
    );
}

#[test]
fn a_missing_file_says_so() {
    let (dir, store) = open();
    let err = import(&store, &dir.path().join("nope.json")).unwrap_err().to_string();
    assert!(err.starts_with("cannot read ") && err.contains("nope.json"), "{err}");
}

#[test]
fn preferences_and_the_sample_marker_travel_with_the_workspace() {
    let (dir, source) = open();
    sample::load(&source).unwrap();
    crate::preferences::mark_welcomed(&source).unwrap();
    let draft = crate::preferences::PreferencesDraft {
        default_currency: "CHF".into(),
        locale: Some("de-CH".into()),
    };
    let preferences = crate::preferences::set(&source, &draft).unwrap();
    let file = dir.path().join("workspace.json");
    export(&source, &file).unwrap();

    let target = Store::open(&dir.path().join("other")).unwrap();
    import(&target, &file).unwrap();
    assert_eq!(crate::preferences::get(&target).unwrap(), preferences);
    assert_eq!(sample::contents(&target).unwrap(), sample::contents(&source).unwrap());
    sample::remove(&target).unwrap();
    assert_eq!(
        roster::count(&target).unwrap(),
        0,
        "the imported sample can still be removed"
    );

    let text = fs::read_to_string(&file).unwrap().replace("\"CHF\"", "\"CHX\"");
    let bad = write(dir.path(), "bad.json", &text);
    let err = import(&target, &bad).unwrap_err().to_string();
    assert!(err.contains("preferences: \"CHX\" is not a currency"), "{err}");
}
