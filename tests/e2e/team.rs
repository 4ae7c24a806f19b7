//! A team workspace end to end: two real app windows on one machine, each
//! with its own data folder (and its own display and D-Bus session), connect
//! through Settings → Team to a real PostgreSQL server and see each other's
//! changes arrive while they are open, under each person's own name.

use partnerly_team::throwaway::ThrowawayServer;
use partnerly_team::Role;

use super::harness::Harness;
use super::{add_influencer, click, find, type_into, welcomed};

/// Connects the window's data folder from Settings → Team.
async fn connect(app: &fantoccini::Client, connection: &str) {
    click(app, "//nav//button[normalize-space()='Settings']").await;
    type_into(app, "Connection string", connection).await;
    type_into(app, "Password", "not-checked-on-loopback").await;
    click(app, "//button[normalize-space()='Connect']").await;
    find(
        app,
        "//*[@data-testid='team-sync-state' and starts-with(normalize-space(), 'Up to date')]",
    )
    .await;
    // The keychain kept the password: no warning that it could not.
    find(
        app,
        "//*[starts-with(normalize-space(), 'Connected to ') and contains(., 'as editor. Sent ')]",
    )
    .await;
    assert!(app
        .find(fantoccini::Locator::XPath(
            "//*[contains(., 'could not keep the password')]"
        ))
        .await
        .is_err());
    // The notice would cover the buttons of the dialogs used next.
    click(app, "//button[@aria-label='Dismiss']").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_windows_see_each_others_changes_through_a_real_server() {
    let server = ThrowawayServer::start().unwrap();
    server
        .workspace(&[("ana", Role::Editor), ("ben", Role::Editor)])
        .await
        .unwrap();
    let (a_data, b_data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    {
        let a = partnerly_core::store::Store::open(a_data.path()).unwrap();
        partnerly_core::sample::load(&a).unwrap();
        partnerly_core::identity::set(&a, "Ana Lopes").unwrap();
        let b = partnerly_core::store::Store::open(b_data.path()).unwrap();
        partnerly_core::identity::set(&b, "Ben Okoro").unwrap();
    }
    welcomed(b_data.path());

    // Two windows at once: the turn is taken once for both.
    let (_turn, ana) = Harness::start_exclusive(22).await;
    let ben = Harness::start(23);
    let a = ana.launch(a_data.path()).await;
    let b = ben.launch_beside(b_data.path()).await;

    // Ana's copy shares the sample workspace; Ben's empty one takes it in.
    connect(&a, &server.config("ana")).await;
    connect(&b, &server.config("ben")).await;
    click(&b, "//nav//button[normalize-space()='Roster']").await;
    find(&b, "//button[@data-creator='Kenji Watanabe']").await;
    click(&b, "//nav//button[normalize-space()='Partnerships']").await;
    find(&b, "//main//*[contains(., 'Chloé Martin')]").await;
    ben.screenshot("70-team-second-window");

    // A creator Ben adds appears in Ana's open roster, without her doing anything.
    click(&b, "//nav//button[normalize-space()='Roster']").await;
    add_influencer(&b, "Lena Vogel", "@lenavogel", "5400").await;
    click(&a, "//nav//button[normalize-space()='Roster']").await;
    find(&a, "//button[@data-creator='Lena Vogel']").await;
    find(
        &a,
        "//*[@data-testid='sidebar-team-state' and normalize-space()='Team: Up to date']",
    )
    .await;
    ana.screenshot("71-team-change-arrived");

    // Ben logs a draft on Sofía's agreed partnership; Ana's timeline shows it under his name.
    let sofia =
        "//section[@data-status='agreed']//article[@data-creator='Sofía Herrera']//button[contains(@class,'open')]";
    click(&b, "//nav//button[normalize-space()='Partnerships']").await;
    click(&b, sofia).await;
    let work = "//section[@aria-label='Deliverable 1: Instagram reel']";
    let caption = find(
        &b,
        &format!("{work}//label[span[normalize-space()='Draft caption']]//*[self::input or self::textarea]"),
    )
    .await;
    caption
        .send_keys("Anzeige | Frothing my morning latte with @verdantkitchen")
        .await
        .unwrap();
    click(&b, &format!("{work}//button[normalize-space()='Log draft']")).await;
    find(&b, "//p[contains(@class,'meta') and contains(., 'Ben Okoro')]").await;
    click(&a, "//nav//button[normalize-space()='Partnerships']").await;
    let by_ben = fantoccini::Locator::XPath("//p[contains(@class,'meta') and contains(., 'Ben Okoro')]");
    let started = std::time::Instant::now();
    loop {
        // An open partnership is not read again under the person's hands:
        // reopen it until the change has arrived.
        click(&a, sofia).await;
        let seen = a
            .wait()
            .at_most(std::time::Duration::from_secs(3))
            .for_element(by_ben)
            .await;
        if seen.is_ok() {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 30,
            "Ben's draft never reached Ana's timeline"
        );
        click(&a, "//button[normalize-space()='Save and close']").await;
    }
    ana.screenshot("72a-team-timeline-by-name");
    click(&a, "//button[normalize-space()='Save and close']").await;

    // Ana's Settings → Team names the people and what they sent.
    click(&a, "//nav//button[normalize-space()='Settings']").await;
    find(&a, "//table//tr[td[normalize-space()='ben'] and td[normalize-space()='Ben Okoro'] and td[normalize-space()='Editor']]").await;
    find(
        &a,
        "//table//tr[td[normalize-space()='ana'] and td[normalize-space()='Ana Lopes']]",
    )
    .await;
    a.execute("document.getElementById('team-title').scrollIntoView()", vec![])
        .await
        .unwrap();
    ana.screenshot("72-team-settings");

    a.close().await.unwrap();
    b.close().await.unwrap();
}
