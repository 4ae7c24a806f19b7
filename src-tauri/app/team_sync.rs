//! The team workspace's sync in the background, while the window is open:
//! this copy's changes go up within seconds of being saved, the team's come
//! down as soon as the server says one arrived (LISTEN), and a full round
//! runs every minute regardless. A lost connection is retried with a
//! growing pause; each round tells the window how it went ("team-status").

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use partnerly_core::store::Store;
use partnerly_core::sync::log;
use partnerly_team::workspace;
use partnerly_team::Synced;
use tauri::{AppHandle, Runtime};

/// Sent to the window after every round: a `TeamView`.
pub const STATUS_EVENT: &str = "team-status";

/// How often this copy looks for its own unsent changes.
const LOOK: Duration = Duration::from_secs(2);
/// A full round even when nothing was heard (a notice can be missed).
const ROUND: Duration = Duration::from_secs(60);
const FIRST_RETRY: Duration = Duration::from_secs(3);
const LAST_RETRY: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct TeamSync {
    inner: Mutex<Inner>,
    /// "Sync now" from the window.
    nudge: Arc<tokio::sync::Notify>,
}

#[derive(Default)]
struct Inner {
    task: Option<tauri::async_runtime::JoinHandle<()>>,
    /// The password, when the keychain could not keep it: until the app closes.
    password: Option<String>,
    last: Option<Synced>,
}

impl TeamSync {
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn keep_password(&self, password: Option<String>) {
        self.inner().password = password;
    }

    pub fn password(&self) -> Option<String> {
        self.inner().password.clone()
    }

    pub fn password_in_memory(&self) -> bool {
        self.inner().password.is_some()
    }

    pub fn last(&self) -> Option<Synced> {
        self.inner().last
    }

    fn set_last(&self, synced: Synced) {
        self.inner().last = Some(synced);
    }

    pub fn nudge(&self) {
        self.nudge.notify_one();
    }

    /// Stops the background sync (leaving the team).
    pub fn stop(&self) {
        let mut inner = self.inner();
        if let Some(task) = inner.task.take() {
            task.abort();
        }
        inner.password = None;
        inner.last = None;
    }

    /// (Re)starts syncing `store` in the background, when it is connected.
    pub fn start<R: Runtime>(self: &Arc<Self>, app: AppHandle<R>, store: Arc<Store>) {
        let mut inner = self.inner();
        if let Some(task) = inner.task.take() {
            task.abort();
        }
        if !matches!(workspace::server(&store), Ok(Some(_))) {
            return;
        }
        let this = self.clone();
        inner.task = Some(tauri::async_runtime::spawn(async move { this.run(app, store).await }));
    }

    async fn run<R: Runtime>(self: Arc<Self>, app: AppHandle<R>, store: Arc<Store>) {
        let mut retry = FIRST_RETRY;
        loop {
            let password = self.inner().password.clone();
            if let Ok((team, role)) = workspace::open(&store, password.as_deref()).await {
                retry = FIRST_RETRY;
                // Without LISTEN the minute's round still brings changes in.
                let _ = team.listen().await;
                let mut last_round: Option<Instant> = None;
                let mut heard = false;
                loop {
                    let own = role.can_write() && log::waiting(&store).unwrap_or(0) > 0;
                    let due = last_round.is_none_or(|at| at.elapsed() >= ROUND);
                    if own || heard || due {
                        match workspace::sync_now(&store, &team, role).await {
                            Ok(synced) => {
                                self.set_last(synced);
                                crate::commands::team::announce(&app, &store, self.as_ref());
                            }
                            Err(_) => break,
                        }
                        last_round = Some(Instant::now());
                    }
                    heard = tokio::select! {
                        _ = team.arrival() => true,
                        _ = self.nudge.notified() => true,
                        _ = tokio::time::sleep(LOOK) => false,
                    };
                }
            }
            // The failure is recorded by `workspace`; the window reads it.
            crate::commands::team::announce(&app, &store, self.as_ref());
            tokio::select! {
                _ = self.nudge.notified() => {}
                _ = tokio::time::sleep(retry) => {}
            }
            retry = (retry * 2).min(LAST_RETRY);
        }
    }
}
