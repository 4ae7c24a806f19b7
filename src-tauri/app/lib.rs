//! The desktop shell: builds the Tauri app, resolves the data folder and
//! registers the commands. Everything it does with data goes through
//! `partnerly-core`; see `commands` for the IPC surface.

#[cfg(test)]
mod bindings;
pub mod commands;
mod dialogs;
pub mod error;
mod held;
pub mod imports;
mod menu;
pub mod opened_files;
pub mod state;
pub mod team_sync;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use tauri::{Builder, Manager, Runtime, WindowEvent};

use state::AppState;

/// Registers every command. Shared by `run` and the IPC tests, so the tests
/// exercise exactly the handler the app ships with.
pub fn builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(imports::CsvImports::default())
        .manage(commands::metrics::MetricsFiles::default())
        .manage(commands::orders::OrdersFiles::default())
        .manage(opened_files::OpenedFiles::default())
        .on_window_event(on_window_event)
        .invoke_handler(tauri::generate_handler![
            commands::workspace::workspace_status,
            commands::workspace::retry_open_workspace,
            commands::workspace::load_sample,
            commands::workspace::answer_welcome,
            commands::workspace::export_workspace,
            commands::workspace::choose_workspace_import,
            commands::workspace::confirm_workspace_import,
            commands::workspace::discard_workspace_import,
            commands::roster::add_influencer,
            commands::roster::update_influencer,
            commands::roster::delete_influencer,
            commands::roster::list_countries,
            commands::roster::query_influencers,
            commands::roster::export_roster_csv,
            commands::import::choose_csv_import,
            commands::import::run_csv_import,
            commands::import::cancel_csv_import,
            commands::import::discard_csv_import,
            commands::import::preview_csv_rows,
            commands::vetting::list_brands,
            commands::vetting::add_brand,
            commands::vetting::update_brand,
            commands::vetting::delete_brand,
            commands::vetting::brand_shortlist,
            commands::vetting::shortlist_add,
            commands::vetting::shortlist_remove,
            commands::vetting::shortlist_choose,
            commands::vetting::vet_influencer,
            commands::vetting::get_dossier,
            commands::vetting::set_account_stats,
            commands::vetting::set_audience,
            commands::vetting::set_past_partnerships,
            commands::vetting::set_check,
            commands::vetting::import_audience_file,
            commands::vetting::get_tier_boundaries,
            commands::vetting::set_tier_boundaries,
            commands::vetting::export_scorecard_pdf,
            commands::partnerships::list_campaigns,
            commands::partnerships::add_campaign,
            commands::partnerships::update_campaign,
            commands::partnerships::delete_campaign,
            commands::partnerships::list_currencies,
            commands::partnerships::read_amount,
            commands::partnerships::list_partnerships,
            commands::partnerships::get_partnership,
            commands::partnerships::start_partnership,
            commands::partnerships::choose_partnership_parties,
            commands::partnerships::save_partnership_terms,
            commands::partnerships::move_partnership,
            commands::partnerships::delete_partnership,
            commands::partnerships::export_agreement_pdf,
            commands::partnerships::check_caption,
            commands::collaboration::log_message,
            commands::collaboration::log_brief_sent,
            commands::collaboration::log_draft,
            commands::collaboration::give_feedback,
            commands::collaboration::approve_draft,
            commands::collaboration::log_publication,
            commands::collaboration::confirm_check,
            commands::payments::list_payments,
            commands::payments::record_invoice,
            commands::payments::record_payment,
            commands::payments::withdraw_payment,
            commands::payments::export_payments_csv,
            commands::calendar::calendar_agenda,
            commands::messages::compose_message,
            commands::messages::log_message_sent,
            commands::messages::message_templates,
            commands::messages::save_message_template,
            commands::messages::reset_message_template,
            commands::orders::choose_orders_file,
            commands::orders::import_orders_file,
            commands::orders::discard_orders_file,
            commands::orders::read_dropped_on_dashboard,
            commands::housekeeping::roster_tags,
            commands::housekeeping::creator_tags,
            commands::housekeeping::set_creator_tags,
            commands::housekeeping::tag_filtered,
            commands::housekeeping::roster_views,
            commands::housekeeping::save_roster_view,
            commands::housekeeping::remove_roster_view,
            commands::housekeeping::possible_duplicates,
            commands::housekeeping::merge_creators,
            commands::housekeeping::not_duplicates,
            commands::team::team_status,
            commands::team::team_connect,
            commands::team::team_members,
            commands::team::team_sync_now,
            commands::team::team_leave,
            commands::team::team_dismiss_conflict,
            commands::rights::record_ad_code,
            commands::rights::mark_post_in_use,
            commands::calendar::export_calendar_ics,
            commands::metrics::campaign_dashboard,
            commands::metrics::metric_readings,
            commands::metrics::save_metric_readings,
            commands::metrics::set_emv_cpm,
            commands::metrics::set_summary_notes,
            commands::metrics::choose_metrics_file,
            commands::metrics::reread_metrics_file,
            commands::metrics::import_metrics_file,
            commands::metrics::discard_metrics_file,
            commands::metrics::export_campaign_pdf,
            commands::settings::get_preferences,
            commands::settings::set_preferences,
            commands::settings::get_identity,
            commands::settings::set_your_name,
            commands::settings::sample_contents,
            commands::settings::remove_sample,
            commands::settings::list_backups,
            commands::settings::backup_now,
            commands::settings::choose_backup_restore,
            opened_files::window_listens_for_files,
        ])
}

/// Events the app sends the window.
pub use opened_files::events;

/// The app's compiled configuration: `tauri.conf.json`, the bundled UI and
/// the capabilities that decide which commands the window may call.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run() {
    let launched = std::time::Instant::now();
    let data_dir_arg = data_dir_from_args(std::env::args_os().skip(1));
    let app = builder(Builder::default());
    // The menu bar belongs to macOS; other platforms' windows go without.
    #[cfg(target_os = "macos")]
    let app = app.menu(menu::build).on_menu_event(menu::on_menu_event);
    let app = app
        // First, so that a second launch hands over to the running window
        // before it opens anything of its own.
        // A file in the second launch's command line ("Open with Partnerly")
        // is previewed in this window.
        .plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
            let args = argv.into_iter().skip(1).map(OsString::from);
            opened_files::hand_over(app, opened_files::files_in_args(args, Path::new(&cwd)));
        }))
        .plugin(window_state())
        .manage(WindowMemory::default())
        .setup(move |app| {
            let data_dir = match data_dir_arg.clone().or_else(data_dir_from_env) {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            let state = AppState::open_at(data_dir, launched);
            if let Err(problem) = state.store() {
                eprintln!("partnerly: {}", problem.message);
            }
            // A data folder connected to a team syncs while the window is open.
            let team_sync = std::sync::Arc::new(team_sync::TeamSync::default());
            if let Ok(store) = state.store() {
                team_sync.start(app.handle().clone(), store);
            }
            app.manage(team_sync);
            app.manage(state);
            let cwd = std::env::current_dir().unwrap_or_default();
            let files = opened_files::files_in_args(std::env::args_os().skip(1), &cwd);
            opened_files::hand_over(app.handle(), files);
            Ok(())
        })
        .build(context());
    match app {
        Ok(app) => app.run(on_run_event),
        Err(e) => {
            eprintln!("partnerly: the window could not be opened: {e}");
            std::process::exit(1);
        }
    }
}

/// macOS hands files opened from the Finder ("Open with Partnerly", a
/// double-click on an associated file) to the running app as an event, not
/// as arguments.
fn on_run_event<R: Runtime>(_app: &tauri::AppHandle<R>, _event: tauri::RunEvent) {
    #[cfg(target_os = "macos")]
    if let tauri::RunEvent::Opened { urls } = _event {
        let files = urls.into_iter().filter_map(|url| url.to_file_path().ok()).collect();
        opened_files::hand_over(_app, files);
    }
}

/// What is remembered of the window: where, how big, whether maximised.
const WINDOW_STATE: tauri_plugin_window_state::StateFlags = tauri_plugin_window_state::StateFlags::SIZE
    .union(tauri_plugin_window_state::StateFlags::POSITION)
    .union(tauri_plugin_window_state::StateFlags::MAXIMIZED);

/// Restores the window at start (before it is first shown) and saves it when
/// the app quits; `remember_window` also saves it after each move or resize.
fn window_state<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_window_state::Builder::default()
        .with_state_flags(WINDOW_STATE)
        .build()
}

/// Managed only where the window-state plugin is registered (the app, not
/// the IPC tests); counts moves and resizes so only the last one saves.
#[derive(Default)]
struct WindowMemory {
    changes: std::sync::atomic::AtomicU64,
}

/// Saves the window's place shortly after it stops moving, so a session
/// that ends without quitting (a crash, a logout) still reopens it there.
fn remember_window<R: Runtime>(window: &tauri::Window<R>) {
    use std::sync::atomic::Ordering;
    use tauri_plugin_window_state::AppHandleExt;
    let app = window.app_handle().clone();
    let Some(memory) = app.try_state::<WindowMemory>() else {
        return;
    };
    let change = memory.changes.fetch_add(1, Ordering::Relaxed) + 1;
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        if app.state::<WindowMemory>().changes.load(Ordering::Relaxed) == change {
            let _ = app.save_window_state(WINDOW_STATE);
        }
    });
}

fn on_window_event<R: Runtime>(window: &tauri::Window<R>, event: &WindowEvent) {
    match event {
        WindowEvent::Moved(_) | WindowEvent::Resized(_) => remember_window(window),
        _ => opened_files::on_drag_drop(window, event),
    }
}

fn data_dir_from_env() -> Option<PathBuf> {
    std::env::var_os(partnerly_core::DATA_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `--data-dir DIR` or `--data-dir=DIR`; the last one wins, like most CLIs.
fn data_dir_from_args(args: impl IntoIterator<Item = OsString>) -> Option<PathBuf> {
    let mut found = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--data-dir" {
            found = args.next().map(PathBuf::from);
        } else if let Some(dir) = text.strip_prefix("--data-dir=") {
            found = Some(PathBuf::from(dir));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn reads_the_data_dir_argument() {
        assert_eq!(data_dir_from_args(args(&[])), None);
        assert_eq!(data_dir_from_args(args(&["--data-dir", "/a"])), Some("/a".into()));
        assert_eq!(data_dir_from_args(args(&["--data-dir=/b"])), Some("/b".into()));
        assert_eq!(
            data_dir_from_args(args(&["--data-dir", "/a", "--data-dir=/c"])),
            Some("/c".into())
        );
        assert_eq!(data_dir_from_args(args(&["--data-dir"])), None);
    }

    #[test]
    fn the_cli_and_the_app_agree_on_the_identifier() {
        let context = context::<tauri::test::MockRuntime>();
        assert_eq!(context.config().identifier, partnerly_core::APP_IDENTIFIER);
    }
}
