// `build = "src-tauri/app/build.rs"` in the root Cargo.toml points here.

/// Every command the webview may call. Listing them in the app manifest makes
/// each one a permission (`allow-<command>`) that the main window's capability
/// in `tauri.conf.json` has to grant by name: nothing is reachable by default.
const COMMANDS: &[&str] = &[
    "workspace_status",
    "retry_open_workspace",
    "load_sample",
    "export_workspace",
    "choose_workspace_import",
    "confirm_workspace_import",
    "discard_workspace_import",
    "add_influencer",
    "update_influencer",
    "delete_influencer",
    "list_countries",
    "query_influencers",
    "export_roster_csv",
    "choose_csv_import",
    "run_csv_import",
    "cancel_csv_import",
    "discard_csv_import",
    "preview_csv_rows",
    "list_brands",
    "add_brand",
    "update_brand",
    "delete_brand",
    "brand_shortlist",
    "shortlist_add",
    "shortlist_remove",
    "shortlist_choose",
    "vet_influencer",
    "get_dossier",
    "set_account_stats",
    "set_audience",
    "set_past_partnerships",
    "set_check",
    "import_audience_file",
    "get_tier_boundaries",
    "set_tier_boundaries",
    "export_scorecard_pdf",
    "list_campaigns",
    "add_campaign",
    "update_campaign",
    "list_currencies",
    "read_amount",
    "list_partnerships",
    "get_partnership",
    "start_partnership",
    "choose_partnership_parties",
    "save_partnership_terms",
    "move_partnership",
    "delete_partnership",
    "export_agreement_pdf",
    "check_caption",
];

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("the Tauri build step failed");
}
