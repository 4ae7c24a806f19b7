//! The team workspace against a real PostgreSQL server: a throw-away
//! cluster on loopback for each test, started with the server's own
//! programs (`initdb`, `pg_ctl`; the `postgresql` package, which `.ci/setup
//! --test` installs). Two data folders sync through it; its roles refuse
//! what a member may not do.

use std::path::Path;

use partnerly_core::store::{Record, Store};
use partnerly_core::sync::log::{join, logged, unpushed};
use partnerly_team::throwaway::{ThrowawayServer, OWNER};
use partnerly_team::{sync, Role, Team, TeamError};
use serde::{Deserialize, Serialize};

/// A record shaped like a partnership where it matters here (the tree name
/// gives it an append-only timeline), kept small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Deal {
    id: u32,
    fee: u32,
    notes: String,
    timeline: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Step {
    logged_at: String,
    what: String,
}

impl Record for Deal {
    const TREE: &'static str = "partnerships";
    const KIND: &'static str = "deal";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.id.to_be_bytes().to_vec()
    }
}

fn deal(id: u32) -> Deal {
    Deal {
        id,
        fee: 900,
        notes: String::new(),
        timeline: vec![],
    }
}

fn step(at: &str, what: &str) -> Step {
    Step {
        logged_at: at.into(),
        what: what.into(),
    }
}

/// A throw-away server with the workspace set up: two editors and a viewer.
async fn cluster() -> (ThrowawayServer, Team) {
    let server = ThrowawayServer::start().unwrap();
    let owner = server
        .workspace(&[("ana", Role::Editor), ("ben", Role::Editor), ("vic", Role::Viewer)])
        .await
        .unwrap();
    // Installing twice changes nothing.
    owner.install_schema().await.unwrap();
    (server, owner)
}

fn copy(dir: &Path, name: &str, author: &str) -> Store {
    let store = Store::open(&dir.join(name)).unwrap();
    join(&store, author).unwrap();
    store
}

#[tokio::test(flavor = "multi_thread")]
async fn two_copies_editing_offline_end_identical_whichever_syncs_first() {
    let (cluster, _owner) = cluster().await;
    let folders = tempfile::tempdir().unwrap();
    let a = copy(folders.path(), "a", "Ana");
    let b = copy(folders.path(), "b", "Ben");
    let ana = cluster.connect("ana").await.unwrap();
    let ben = cluster.connect("ben").await.unwrap();

    for (id, a_first) in [(1, true), (2, false)] {
        a.put(&deal(id)).unwrap();
        sync(&a, &ana).await.unwrap();
        sync(&b, &ben).await.unwrap();
        assert_eq!(b.get::<Deal>(&id.to_be_bytes()).unwrap(), Some(deal(id)));

        // Offline, each changes something else and adds to the timeline.
        let mut on_a = deal(id);
        on_a.fee = 1500;
        on_a.timeline.push(step("2026-12-04T10:00:00Z", "draft logged"));
        a.put(&on_a).unwrap();
        let mut on_b = deal(id);
        on_b.notes = "prefers email".into();
        on_b.timeline.push(step("2026-12-03T09:00:00Z", "brief sent"));
        b.put(&on_b).unwrap();

        if a_first {
            sync(&a, &ana).await.unwrap();
            sync(&b, &ben).await.unwrap();
            sync(&a, &ana).await.unwrap();
        } else {
            sync(&b, &ben).await.unwrap();
            sync(&a, &ana).await.unwrap();
            sync(&b, &ben).await.unwrap();
        }
        let on_a: Deal = a.get(&id.to_be_bytes()).unwrap().unwrap();
        let on_b: Deal = b.get(&id.to_be_bytes()).unwrap().unwrap();
        assert_eq!(on_a, on_b, "syncing {} first", if a_first { "Ana" } else { "Ben" });
        assert_eq!((on_a.fee, on_a.notes.as_str()), (1500, "prefers email"));
        let steps: Vec<&str> = on_a.timeline.iter().map(|s| s.what.as_str()).collect();
        assert_eq!(steps, ["brief sent", "draft logged"]);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_server_refuses_a_viewers_write_and_an_editor_writing_as_someone_else() {
    let (cluster, _owner) = cluster().await;
    let folders = tempfile::tempdir().unwrap();
    let viewer_copy = copy(folders.path(), "v", "Vic");
    viewer_copy.put(&deal(9)).unwrap();
    let vic = cluster.connect("vic").await.unwrap();
    let refused = sync(&viewer_copy, &vic).await.unwrap_err();
    assert!(matches!(refused, TeamError::Refused(_)), "{refused}");
    assert!(refused.to_string().contains("permission denied"), "{refused}");

    // An editor's own connection cannot put a change under another name.
    let (client, connection) = tokio_postgres::connect(&cluster.config("ben"), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let forged = client
        .execute(
            "INSERT INTO partnerly_changes (id, stamp, tree, author, body, pushed_by) VALUES ('x-1', 's', 't', 'Ana', '{}', 'ana')",
            &[],
        )
        .await
        .unwrap_err();
    let said = forged
        .as_db_error()
        .map(|e| e.message().to_string())
        .unwrap_or_default();
    assert!(said.contains("row-level security"), "{said}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_restarted_mid_sync_loses_and_duplicates_nothing() {
    let (cluster, owner) = cluster().await;
    let folders = tempfile::tempdir().unwrap();
    let a = copy(folders.path(), "a", "Ana");
    let b = copy(folders.path(), "b", "Ben");
    let records: Vec<Deal> = (1..=60).map(deal).collect();
    a.put_many(&records).unwrap();

    // Half the changes reach the server, then it restarts before Ana's copy
    // has noted anything as sent.
    let ana = cluster.connect("ana").await.unwrap();
    let pending = unpushed(&a).unwrap();
    ana.push(&pending[..30]).await.unwrap();
    cluster.pg_ctl("restart").unwrap();
    assert!(sync(&a, &ana).await.is_err(), "the old connection is gone");

    let ana = cluster.connect("ana").await.unwrap();
    let synced = sync(&a, &ana).await.unwrap();
    assert_eq!(synced.pushed, 60);
    drop(owner);
    let counted = tokio_postgres::connect(&cluster.config(OWNER), tokio_postgres::NoTls)
        .await
        .unwrap();
    tokio::spawn(counted.1);
    let rows: i64 = counted
        .0
        .query_one("SELECT count(*) FROM partnerly_changes", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(rows, 60, "every change once");

    let ben = cluster.connect("ben").await.unwrap();
    let synced = sync(&b, &ben).await.unwrap();
    assert_eq!(synced.pulled, 60);
    assert_eq!(b.count::<Deal>().unwrap(), 60);
    // A second sync finds nothing new.
    assert_eq!(sync(&b, &ben).await.unwrap(), partnerly_team::Synced::default());
    assert_eq!(logged(&b).unwrap().len(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn members_and_roles_are_the_servers_and_a_viewer_only_takes_changes_in() {
    let (cluster, owner) = cluster().await;
    assert_eq!(owner.role().await.unwrap(), Some(Role::Owner));
    let vic = cluster.connect("vic").await.unwrap();
    assert_eq!(vic.role().await.unwrap(), Some(Role::Viewer));
    let folders = tempfile::tempdir().unwrap();
    let a = copy(folders.path(), "a", "Ana");
    a.put(&deal(3)).unwrap();
    sync(&a, &cluster.connect("ana").await.unwrap()).await.unwrap();

    let members = vic.members().await.unwrap();
    let seen: Vec<(&str, Role, Option<&str>, u64)> = members
        .iter()
        .map(|m| (m.user.as_str(), m.role, m.name.as_deref(), m.changes))
        .collect();
    assert_eq!(
        seen,
        [
            (OWNER, Role::Owner, None, 0),
            ("ana", Role::Editor, Some("Ana"), 1),
            ("ben", Role::Editor, None, 0),
            ("vic", Role::Viewer, None, 0)
        ]
    );
    // A viewer's copy takes the team's changes in and sends none.
    let v = copy(folders.path(), "v", "Vic");
    let synced = partnerly_team::sync_as(&v, &vic, false).await.unwrap();
    assert_eq!(synced, partnerly_team::Synced { pushed: 0, pulled: 1 });
    assert_eq!(v.get::<Deal>(&3u32.to_be_bytes()).unwrap(), Some(deal(3)));

    // Someone the owner never added is told so.
    let stranger = partnerly_team::workspace::connect(&v, &cluster.config("postgres_nobody"), None, "Nobody").await;
    assert!(stranger.is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn tls_when_required_is_never_given_up() {
    let (cluster, _owner) = cluster().await;
    // The throw-away server offers no TLS: asked to require it, the
    // connection is refused rather than made in the clear.
    let required = format!("{} sslmode=require", cluster.config("ana"));
    let refused = Team::connect(&required).await.err().expect("no connection without TLS");
    assert!(matches!(refused, TeamError::Connection(_)), "{refused}");
    assert!(refused.to_string().to_lowercase().contains("tls"), "{refused}");
}

#[tokio::test(flavor = "multi_thread")]
async fn connecting_a_data_folder_keeps_the_settings_and_reports_the_state() {
    let (cluster, _owner) = cluster().await;
    let folders = tempfile::tempdir().unwrap();
    let a = Store::open(&folders.path().join("a")).unwrap();
    a.put(&deal(5)).unwrap();
    let (connected, team) = partnerly_team::workspace::connect(&a, &cluster.config("ana"), None, "Ana")
        .await
        .unwrap();
    assert_eq!(connected.role, Role::Editor);
    assert_eq!(connected.synced.pushed, 1, "what was there before joining is shared");
    let status = partnerly_team::workspace::status(&a).unwrap();
    assert_eq!(
        status.server.as_deref(),
        Some(format!("ana@127.0.0.1:{}/postgres", cluster.port).as_str())
    );
    assert_eq!((status.waiting, status.name.as_deref()), (0, Some("Ana")));
    assert!(status.state.last_synced_at.is_some() && status.state.offline_since.is_none());

    // Two changes wait; the server goes away: the copy says since when it is offline.
    a.put(&Deal { fee: 1, ..deal(5) }).unwrap();
    a.put(&deal(6)).unwrap();
    assert_eq!(partnerly_team::workspace::status(&a).unwrap().waiting, 2);
    cluster.pg_ctl("stop").unwrap();
    assert!(partnerly_team::workspace::sync_now(&a, &team, Role::Editor)
        .await
        .is_err());
    let offline = partnerly_team::workspace::status(&a).unwrap();
    assert!(offline.state.offline_since.is_some());
    assert!(offline.state.last_error.is_some());
    cluster.pg_ctl("start").unwrap();
    let (team, role) = partnerly_team::workspace::open(&a, None).await.unwrap();
    partnerly_team::workspace::sync_now(&a, &team, role).await.unwrap();
    let back = partnerly_team::workspace::status(&a).unwrap();
    assert_eq!((back.waiting, back.state.offline_since), (0, None));

    partnerly_team::workspace::leave(&a).unwrap();
    assert_eq!(partnerly_team::workspace::status(&a).unwrap().server, None);
    assert!(matches!(
        partnerly_team::workspace::open(&a, None).await.err(),
        Some(TeamError::NotConnected)
    ));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_checks_passwords_refuses_a_wrong_one_in_its_own_words() {
    let server = ThrowawayServer::start_with_passwords().unwrap();
    server.workspace(&[("ana", Role::Editor)]).await.unwrap();
    let wrong = Team::connect(&format!("{} password=nope", server.config("ana")))
        .await
        .err()
        .expect("a wrong password is refused");
    assert!(
        wrong
            .to_string()
            .contains("password authentication failed for user \"ana\""),
        "{wrong}"
    );
    assert_eq!(
        server.connect("ana").await.unwrap().role().await.unwrap(),
        Some(Role::Editor)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_same_field_changed_on_two_copies_goes_to_the_later_clock_and_is_listed_on_both() {
    let (cluster, _owner) = cluster().await;
    let folders = tempfile::tempdir().unwrap();
    let a = copy(folders.path(), "a", "Ana");
    let b = copy(folders.path(), "b", "Ben");
    let (ana, ben) = (
        cluster.connect("ana").await.unwrap(),
        cluster.connect("ben").await.unwrap(),
    );
    a.put(&deal(4)).unwrap();
    sync(&a, &ana).await.unwrap();
    sync(&b, &ben).await.unwrap();

    // Offline, both set the fee; Ben's edit is the later one by the clock.
    a.put(&Deal { fee: 1200, ..deal(4) }).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    b.put(&Deal { fee: 1350, ..deal(4) }).unwrap();
    for _ in 0..2 {
        sync(&a, &ana).await.unwrap();
        sync(&b, &ben).await.unwrap();
    }
    let key = 4u32.to_be_bytes();
    assert_eq!(a.get::<Deal>(&key).unwrap().unwrap().fee, 1350);
    assert_eq!(b.get::<Deal>(&key).unwrap().unwrap().fee, 1350);
    for (copy, here) in [(&a, "Ana"), (&b, "Ben")] {
        let listed = partnerly_core::sync::conflicts::list(copy).unwrap();
        assert_eq!(listed.len(), 1, "{here}: {listed:?}");
        assert!(
            listed[0]
                .problem
                .contains("changed the fee of a partnership at the same time"),
            "{}",
            listed[0].problem
        );
        assert!(
            listed[0]
                .problem
                .contains("Ben's change is kept, being the later; Ana had 1200."),
            "{}",
            listed[0].problem
        );
    }
}
