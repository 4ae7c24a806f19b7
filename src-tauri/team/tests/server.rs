//! The team workspace against a real PostgreSQL server: a throw-away
//! cluster on loopback for each test, started with the server's own
//! programs (`initdb`, `pg_ctl`; the `postgresql` package, which `.ci/setup
//! --test` installs). Two data folders sync through it; its roles refuse
//! what a member may not do.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use partnerly_core::store::{Record, Store};
use partnerly_core::sync::log::{join, logged, unpushed};
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

/// Where the server's programs are: Debian keeps them out of PATH.
fn server_programs() -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().unwrap_or_else(|| {
        panic!("PostgreSQL's server programs (initdb, pg_ctl) are not installed: install the postgresql package (`bash .ci/setup --test` does)")
    })
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false)
}

/// Runs a server program; PostgreSQL refuses to run as root, so as root it
/// runs as the postgres user.
fn run(program: &Path, args: &[&str]) {
    let mut command = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    let out = command.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{} {args:?}: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
}

impl Cluster {
    fn start() -> Cluster {
        let bin = server_programs();
        let dir = tempfile::Builder::new()
            .prefix("partnerly-pg")
            .tempdir_in("/tmp")
            .unwrap();
        if is_root() {
            let out = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(dir.path())
                .output()
                .unwrap();
            assert!(out.status.success());
        }
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let data = dir.path().join("data");
        run(
            &bin.join("initdb"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "partnerly_owner",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        let cluster = Cluster { dir, bin, port };
        cluster.pg_ctl("start");
        cluster
    }

    fn pg_ctl(&self, action: &str) {
        let data = self.dir.path().join("data");
        let log = self.dir.path().join("server.log");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.path().display()
        );
        run(
            &self.bin.join("pg_ctl"),
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "-m",
                "fast",
                action,
            ],
        );
    }

    fn config(&self, user: &str) -> String {
        format!("host=127.0.0.1 port={} user={user} dbname=postgres", self.port)
    }

    async fn connect(&self, user: &str) -> Team {
        Team::connect(&self.config(user)).await.unwrap()
    }

    /// The owner sets the workspace up and adds two editors and a viewer.
    async fn workspace(&self) -> Team {
        let owner = self.connect("partnerly_owner").await;
        owner.install_schema().await.unwrap();
        // Installing twice changes nothing.
        owner.install_schema().await.unwrap();
        owner.add_member("ana", "ana-secret", Role::Editor).await.unwrap();
        owner.add_member("ben", "ben-secret", Role::Editor).await.unwrap();
        owner.add_member("vic", "vic-secret", Role::Viewer).await.unwrap();
        owner
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = Command::new(if is_root() { "runuser" } else { "true" })
            .args(if is_root() {
                vec!["-u", "postgres", "--"]
            } else {
                vec![]
            })
            .arg(self.bin.join("pg_ctl"))
            .args(["-D", data.to_str().unwrap(), "-m", "immediate", "stop"])
            .output();
    }
}

fn copy(dir: &Path, name: &str, author: &str) -> Store {
    let store = Store::open(&dir.join(name)).unwrap();
    join(&store, author).unwrap();
    store
}

#[tokio::test(flavor = "multi_thread")]
async fn two_copies_editing_offline_end_identical_whichever_syncs_first() {
    let cluster = Cluster::start();
    let _owner = cluster.workspace().await;
    let folders = tempfile::tempdir().unwrap();
    let a = copy(folders.path(), "a", "Ana");
    let b = copy(folders.path(), "b", "Ben");
    let ana = cluster.connect("ana").await;
    let ben = cluster.connect("ben").await;

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
    let cluster = Cluster::start();
    let _owner = cluster.workspace().await;
    let folders = tempfile::tempdir().unwrap();
    let viewer_copy = copy(folders.path(), "v", "Vic");
    viewer_copy.put(&deal(9)).unwrap();
    let vic = cluster.connect("vic").await;
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
    let cluster = Cluster::start();
    let owner = cluster.workspace().await;
    let folders = tempfile::tempdir().unwrap();
    let a = copy(folders.path(), "a", "Ana");
    let b = copy(folders.path(), "b", "Ben");
    let records: Vec<Deal> = (1..=60).map(deal).collect();
    a.put_many(&records).unwrap();

    // Half the changes reach the server, then it restarts before Ana's copy
    // has noted anything as sent.
    let ana = cluster.connect("ana").await;
    let pending = unpushed(&a).unwrap();
    ana.push(&pending[..30]).await.unwrap();
    cluster.pg_ctl("restart");
    assert!(sync(&a, &ana).await.is_err(), "the old connection is gone");

    let ana = cluster.connect("ana").await;
    let synced = sync(&a, &ana).await.unwrap();
    assert_eq!(synced.pushed, 60);
    drop(owner);
    let counted = tokio_postgres::connect(&cluster.config("partnerly_owner"), tokio_postgres::NoTls)
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

    let ben = cluster.connect("ben").await;
    let synced = sync(&b, &ben).await.unwrap();
    assert_eq!(synced.pulled, 60);
    assert_eq!(b.count::<Deal>().unwrap(), 60);
    // A second sync finds nothing new.
    assert_eq!(sync(&b, &ben).await.unwrap(), partnerly_team::Synced::default());
    assert_eq!(logged(&b).unwrap().len(), 0);
}
