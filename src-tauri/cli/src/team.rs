//! `team`: this data folder in a team workspace on a PostgreSQL server.
//! `set-up` and `add-member` are the owner's, run against the server
//! alone; `connect`, `status`, `sync`, `members`, `dismiss` and `leave`
//! work on the data folder.

use std::io::BufRead;

use clap::{Subcommand, ValueEnum};
use partnerly_core::store::Store;
use partnerly_core::sync::conflicts;
use partnerly_team::workspace::{self, PASSWORD_VARIABLE};
use partnerly_team::{Role, Team, TeamError};

use crate::print_json;

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Connect this data folder to the team's server and sync once; the
    /// password (from the connection string, --password-stdin or
    /// PARTNERLY_TEAM_PASSWORD) goes into the system keychain
    Connect {
        /// postgresql://user@host:port/database, or host=… user=… dbname=…
        connection: String,
        /// The name your changes carry [default: your name in this data folder]
        #[arg(long)]
        name: Option<String>,
        /// Read the password from the first line of standard input
        #[arg(long)]
        password_stdin: bool,
    },
    /// Where this data folder syncs, as whom, how the last sync went, what waits and what conflicts
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Send this copy's changes and take in the team's
    Sync,
    /// Who is in the team, their role and what they sent
    Members {
        #[arg(long)]
        json: bool,
    },
    /// Take a conflict off the list once you have seen it (its id from `status`)
    Dismiss { id: String },
    /// Disconnect this data folder (the workspace stays; the kept password goes)
    Leave,
    /// The owner's first step: set the team workspace up on the server
    SetUp {
        /// A connection string of a server role allowed to create roles and tables
        connection: String,
    },
    /// The owner adds a person; a password is made for them and printed once
    AddMember {
        /// The owner's connection string
        connection: String,
        /// The user name they sign in with
        user: String,
        #[arg(long, value_enum)]
        role: MemberRole,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MemberRole {
    Editor,
    Viewer,
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start: {e}"))
}

/// "1 change", "3 changes".
fn changes(n: usize) -> String {
    format!("{n} change{}", if n == 1 { "" } else { "s" })
}

fn text(e: TeamError) -> String {
    e.to_string()
}

/// The owner's commands, which need no data folder.
pub fn server_only(command: &TeamCommand) -> Option<Result<(), String>> {
    if !matches!(command, TeamCommand::SetUp { .. } | TeamCommand::AddMember { .. }) {
        return None;
    }
    let run = match runtime() {
        Ok(run) => run,
        Err(e) => return Some(Err(e)),
    };
    match command {
        TeamCommand::SetUp { connection } => Some(run.block_on(async {
            let team = Team::connect(connection).await.map_err(text)?;
            team.install_schema().await.map_err(text)?;
            println!("The team workspace is set up on the server. Add people with `partnerly-cli team add-member`.");
            Ok(())
        })),
        TeamCommand::AddMember { connection, user, role } => Some(run.block_on(async {
            let team = Team::connect(connection).await.map_err(text)?;
            let password = uuid::Uuid::new_v4().simple().to_string();
            let role = match role {
                MemberRole::Editor => Role::Editor,
                MemberRole::Viewer => Role::Viewer,
            };
            team.add_member(user, &password, role).await.map_err(text)?;
            println!("Added {user} as {}.", role.label().to_lowercase());
            println!("Their password (shown this once; give it to them privately): {password}");
            Ok(())
        })),
        _ => None,
    }
}

pub fn team(store: &Store, command: TeamCommand) -> Result<(), String> {
    let run = runtime()?;
    match command {
        TeamCommand::Connect {
            connection,
            name,
            password_stdin,
        } => {
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut line)
                    .map_err(|e| format!("the password cannot be read from standard input: {e}"))?;
                Some(line.trim_end_matches(['\r', '\n']).to_string())
            } else {
                std::env::var(PASSWORD_VARIABLE).ok()
            };
            // The name given is also what this folder logs as "by" from now on.
            let name = match name {
                Some(name) => {
                    partnerly_core::identity::set(store, &name)
                        .map_err(|e| e.to_string())?
                        .name
                }
                None => partnerly_core::identity::get(store).map_err(|e| e.to_string())?.name,
            };
            let (connected, _team) = run
                .block_on(workspace::connect(store, &connection, password.as_deref(), &name))
                .map_err(text)?;
            println!(
                "Connected to {} as {} ({}). Sent {}, took in {}.",
                connected.server,
                name,
                connected.role.label().to_lowercase(),
                changes(connected.synced.pushed),
                connected.synced.pulled
            );
            if let Some(why) = connected.keychain_problem {
                println!(
                    "The password could not be kept in the system keychain ({why}); set {PASSWORD_VARIABLE} for the commands that sync."
                );
            }
            Ok(())
        }
        TeamCommand::Status { json } => {
            let status = workspace::status(store).map_err(text)?;
            if json {
                return print_json(&status);
            }
            let Some(server) = &status.server else {
                println!("Not connected to a team. Connect with `partnerly-cli team connect postgresql://you@host/database`.");
                return Ok(());
            };
            let role = status.role.map(|r| r.label().to_lowercase()).unwrap_or_default();
            println!("Team server: {server} ({role})");
            println!("Your changes carry the name: {}", status.name.unwrap_or_default());
            let state = &status.state;
            match (state.offline_since, state.last_synced_at) {
                (Some(since), _) => println!(
                    "Offline since {}: {}",
                    since.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"),
                    state.last_error.as_deref().unwrap_or_default()
                ),
                (None, Some(at)) if status.waiting == 0 => println!(
                    "Up to date (last synced {})",
                    at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")
                ),
                (None, Some(_)) | (None, None) => {}
            }
            if status.waiting > 0 {
                let s = if status.waiting == 1 { "" } else { "s" };
                if status.role.is_some_and(|r| !r.can_write()) {
                    println!(
                        "{} change{s} made here stay on this computer: a viewer's changes are not sent",
                        status.waiting
                    );
                } else {
                    println!("{} change{s} waiting to be sent", status.waiting);
                }
            }
            if status.conflicts.is_empty() {
                println!("No conflicts.");
            }
            for conflict in &status.conflicts {
                println!("Conflict {}: {}", conflict.id, conflict.problem);
            }
            Ok(())
        }
        TeamCommand::Sync => run.block_on(async {
            let (team, role) = workspace::open(store, None).await.map_err(text)?;
            let synced = workspace::sync_now(store, &team, role).await.map_err(text)?;
            println!("Sent {}, took in {}.", changes(synced.pushed), synced.pulled);
            let waiting = conflicts::list(store).map_err(|e| e.to_string())?.len();
            if waiting > 0 {
                println!("Conflicts to look at: {waiting} (`partnerly-cli team status` lists them).");
            }
            Ok(())
        }),
        TeamCommand::Members { json } => run.block_on(async {
            let (team, _) = workspace::open(store, None).await.map_err(text)?;
            let members = team.members().await.map_err(text)?;
            if json {
                return print_json(&members);
            }
            for member in members {
                let last = member
                    .last_change_at
                    .map(|at| format!(", last {}", at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M")))
                    .unwrap_or_default();
                let name = member.name.map(|n| format!(" ({n})")).unwrap_or_default();
                println!(
                    "{}{name}: {}, {} changes{last}",
                    member.user,
                    member.role.label().to_lowercase(),
                    member.changes
                );
            }
            Ok(())
        }),
        TeamCommand::Dismiss { id } => {
            conflicts::dismiss(store, &id).map_err(|e| e.to_string())?;
            println!("Dismissed.");
            Ok(())
        }
        TeamCommand::Leave => {
            workspace::leave(store).map_err(text)?;
            println!("This data folder is no longer connected to a team; its workspace stays as it is.");
            Ok(())
        }
        TeamCommand::SetUp { .. } | TeamCommand::AddMember { .. } => server_only(&command).unwrap_or(Ok(())),
    }
}
