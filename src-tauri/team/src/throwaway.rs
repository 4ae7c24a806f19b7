//! A throw-away PostgreSQL server on loopback, started with the server's
//! own programs (`initdb`, `pg_ctl`; Debian's `postgresql` package, which
//! `.ci/setup --test` installs): what the tests, the benchmark and the
//! end-to-end test of two windows sync through. Trust authentication on
//! 127.0.0.1 only, or (`start_with_passwords`) passwords checked as a real
//! server does; stopped and deleted on drop.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{Role, Team};

/// Where the server's programs are: Debian keeps them out of PATH.
fn server_programs() -> Result<PathBuf, String> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().ok_or_else(|| {
        "PostgreSQL's server programs (initdb, pg_ctl) are not installed: install the postgresql package (`bash .ci/setup --test` does)".to_string()
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
fn run(program: &Path, args: &[&str]) -> Result<(), String> {
    let mut command = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    let out = command
        .args(args)
        .output()
        .map_err(|e| format!("{} cannot be started: {e}", program.display()))?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{} {args:?}: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

pub struct ThrowawayServer {
    dir: PathBuf,
    bin: PathBuf,
    pub port: u16,
    passwords: bool,
}

/// The superuser that created the cluster, and so the workspace's owner.
pub const OWNER: &str = "partnerly_owner";

/// The password of `user` on a server started with passwords: the owner's,
/// and each member's that `workspace` adds.
pub fn password_of(user: &str) -> String {
    format!("{user}-secret")
}

impl ThrowawayServer {
    pub fn start() -> Result<ThrowawayServer, String> {
        ThrowawayServer::start_as(false)
    }

    /// A server that checks passwords (SCRAM) on TCP, as a real one does.
    pub fn start_with_passwords() -> Result<ThrowawayServer, String> {
        ThrowawayServer::start_as(true)
    }

    fn start_as(passwords: bool) -> Result<ThrowawayServer, String> {
        let bin = server_programs()?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| e.to_string())?
            .port();
        let dir = std::env::temp_dir().join(format!("partnerly-pg-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let server = ThrowawayServer {
            dir,
            bin,
            port,
            passwords,
        };
        if is_root() {
            let owned = Command::new("chown")
                .arg("postgres:postgres")
                .arg(&server.dir)
                .status()
                .is_ok_and(|s| s.success());
            if !owned {
                return Err(format!("{} cannot be given to the postgres user", server.dir.display()));
            }
        }
        let data = server.dir.join("data");
        let pwfile = server.dir.join("owner-password");
        std::fs::write(&pwfile, password_of(OWNER)).map_err(|e| e.to_string())?;
        let pwfile_arg = format!("--pwfile={}", pwfile.display());
        let mut args = vec![
            "-D",
            data.to_str().unwrap_or_default(),
            "-U",
            OWNER,
            "-E",
            "UTF8",
            "--locale=C",
        ];
        if passwords {
            args.extend(["--auth-local=trust", "--auth-host=scram-sha-256", &pwfile_arg]);
        } else {
            args.push("--auth=trust");
        }
        run(&server.bin.join("initdb"), &args)?;
        server.pg_ctl("start")?;
        Ok(server)
    }

    /// `start`, `stop`, `restart`: as `pg_ctl` does them, waiting until done.
    pub fn pg_ctl(&self, action: &str) -> Result<(), String> {
        let data = self.dir.join("data");
        let log = self.dir.join("server.log");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.display()
        );
        run(
            &self.bin.join("pg_ctl"),
            &[
                "-D",
                data.to_str().unwrap_or_default(),
                "-l",
                log.to_str().unwrap_or_default(),
                "-o",
                &options,
                "-w",
                "-m",
                "fast",
                action,
            ],
        )
    }

    /// A connection string for `user`.
    pub fn config(&self, user: &str) -> String {
        format!("host=127.0.0.1 port={} user={user} dbname=postgres", self.port)
    }

    /// Connects as `user`, with their password when the server checks them.
    pub async fn connect(&self, user: &str) -> Result<Team, crate::TeamError> {
        let mut config = self.config(user);
        if self.passwords {
            config.push_str(&format!(" password={}", password_of(user)));
        }
        Team::connect(&config).await
    }

    /// The owner sets the workspace up and adds `members`.
    pub async fn workspace(&self, members: &[(&str, Role)]) -> Result<Team, crate::TeamError> {
        let owner = self.connect(OWNER).await?;
        owner.install_schema().await?;
        for (user, role) in members {
            owner.add_member(user, &password_of(user), *role).await?;
        }
        Ok(owner)
    }
}

impl Drop for ThrowawayServer {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let mut stop = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(self.bin.join("pg_ctl"));
            c
        } else {
            Command::new(self.bin.join("pg_ctl"))
        };
        let _ = stop
            .args(["-D", data.to_str().unwrap_or_default(), "-m", "immediate", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
