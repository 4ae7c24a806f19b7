//! The IPC layer through Tauri's mock runtime: the real command handler, the
//! real capabilities from tauri.conf.json, a real store in a temp folder.

use std::path::Path;

use partnerly_app::state::AppState;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

fn app(data_dir: &Path) -> App<MockRuntime> {
    let app = partnerly_app::builder(mock_builder())
        .build(partnerly_app::context())
        .expect("the app builds on the mock runtime");
    app.manage(AppState::open(data_dir.to_path_buf()));
    app
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    match app.get_webview_window(label) {
        Some(window) => window,
        None => WebviewWindowBuilder::new(app, label, Default::default())
            .build()
            .unwrap(),
    }
}

/// Where the app's own pages are served from: a custom scheme, except on
/// Windows, whose webview only allows http(s) and serves them from a host.
const APP_ORIGIN: &str = if cfg!(windows) {
    "http://tauri.localhost"
} else {
    "tauri://localhost"
};

fn invoke(window: &WebviewWindow<MockRuntime>, command: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: APP_ORIGIN.parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|body| body.deserialize::<Value>().unwrap())
}

/// The arguments of `query_influencers` for the whole roster, by name.
fn everyone() -> Value {
    json!({
        "filter": {"search": "", "platform": null, "tier": null, "country": null, "niche": null},
        "sort": "name", "descending": false, "offset": 0, "limit": 1000
    })
}

fn list(window: &WebviewWindow<MockRuntime>) -> Value {
    let page = invoke(window, "query_influencers", everyone()).unwrap();
    assert_eq!(
        page["total"].as_u64().unwrap() as usize,
        page["influencers"].as_array().unwrap().len()
    );
    page["influencers"].clone()
}

fn mara() -> Value {
    json!({
        "name": "Mara Costa",
        "accounts": [{"platform": "instagram", "handle": "@Mara.Eats", "followers": 48200}],
        "email": "mara@example.com",
        "country": "Portugal",
        "niches": ["Vegan food"],
        "notes": ""
    })
}

#[test]
fn add_then_list_through_the_main_window() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");

    let added = invoke(&main, "add_influencer", json!({ "draft": mara() })).unwrap();
    assert_eq!(
        added["accounts"][0],
        json!({"platform": "instagram", "handle": "mara.eats", "followers": 48200})
    );
    assert_eq!(added["country"], "PT");

    let listed = list(&main);
    assert_eq!(listed, json!([added.clone()]));

    let id = added["id"].as_str().unwrap();
    let mut edit = mara();
    edit["notes"] = "Prefers email.".into();
    let updated = invoke(&main, "update_influencer", json!({ "id": id, "draft": edit })).unwrap();
    assert_eq!(updated["notes"], "Prefers email.");

    invoke(&main, "delete_influencer", json!({ "id": id })).unwrap();
    assert_eq!(list(&main), json!([]));
}

#[test]
fn errors_arrive_as_kind_message_and_fields() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");

    let mut bad = mara();
    bad["name"] = " ".into();
    bad["accounts"][0]["followers"] = (-500).into();
    let error = invoke(&main, "add_influencer", json!({ "draft": bad })).unwrap_err();
    assert_eq!(error["kind"], "invalid_input");
    assert_eq!(error["message"], "2 fields need attention before this can be saved.");
    assert_eq!(
        error["fields"],
        json!([
            {"field": "name", "message": "Enter the creator's name."},
            {"field": "accounts.0.followers", "message": "Account 1 (Instagram): followers cannot be negative (-500)."}
        ])
    );

    let missing = invoke(
        &main,
        "delete_influencer",
        json!({ "id": "00000000-0000-0000-0000-000000000000" }),
    )
    .unwrap_err();
    assert_eq!(missing["kind"], "not_found");
    assert!(missing["message"]
        .as_str()
        .unwrap()
        .starts_with("There is no influencer"));
}

#[test]
fn only_the_main_window_may_call_commands() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let other = window(&app, "other");
    let refused = invoke(&other, "list_countries", json!({})).unwrap_err();
    assert!(refused.as_str().is_some_and(|m| m.contains("not allowed")), "{refused}");
}

#[test]
fn a_folder_in_use_is_reported_and_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let held = partnerly_core::store::Store::open(dir.path()).unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");

    let status = invoke(&main, "workspace_status", json!({})).unwrap();
    assert_eq!(status["problem"]["kind"], "data_folder_in_use");
    assert!(status["problem"]["message"]
        .as_str()
        .unwrap()
        .starts_with("This data folder is open in another Partnerly window"));
    let refused = invoke(&main, "query_influencers", everyone()).unwrap_err();
    assert_eq!(refused["kind"], "data_folder_in_use");

    drop(held);
    let status = invoke(&main, "retry_open_workspace", json!({})).unwrap();
    assert_eq!(status["problem"], Value::Null);
    let sample_size = partnerly_core::sample::drafts().len();
    assert_eq!(invoke(&main, "load_sample", json!({})).unwrap(), json!(sample_size));
    let status = invoke(&main, "workspace_status", json!({})).unwrap();
    assert_eq!(status["influencers"], json!(sample_size));
}

#[test]
fn an_import_is_applied_only_with_the_token_of_its_preview() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    invoke(&main, "load_sample", json!({})).unwrap();

    // Nothing is waiting yet: a made-up token is refused and nothing changes.
    let refused = invoke(&main, "confirm_workspace_import", json!({ "token": 1 })).unwrap_err();
    assert_eq!(refused["kind"], "not_found");
    assert!(refused["message"].as_str().unwrap().contains("choose the file again"));

    // A held import (what the dialog command stores) applies once, with its token.
    let file = dir.path().join("one.json");
    {
        let other = tempfile::tempdir().unwrap();
        let store = partnerly_core::store::Store::open(other.path()).unwrap();
        partnerly_core::roster::add(
            &store,
            &serde_json::from_value(json!({
                "name": "Only One",
                "accounts": [{"platform": "twitch", "handle": "onlyone", "followers": 10}]
            }))
            .unwrap(),
        )
        .unwrap();
        partnerly_core::workspace::export(&store, &file).unwrap();
    }
    let state = app.state::<AppState>();
    let token = state.hold_import(partnerly_core::workspace::prepare_import(&file).unwrap());
    assert!(invoke(&main, "confirm_workspace_import", json!({ "token": token + 1 })).is_err());
    let summary = invoke(&main, "confirm_workspace_import", json!({ "token": token })).unwrap();
    assert_eq!(summary["influencers"], 1);
    assert!(
        summary["previous_data"].as_str().is_some(),
        "the replaced sample was kept"
    );
    assert!(
        invoke(&main, "confirm_workspace_import", json!({ "token": token })).is_err(),
        "only once"
    );
    let names: Vec<Value> = list(&main).as_array().unwrap().clone();
    assert_eq!(names.len(), 1);
    assert_eq!(names[0]["name"], "Only One");
}

#[test]
fn a_brand_profile_through_ipc_gives_a_scorecard_with_its_checklist() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    let influencer = invoke(&main, "add_influencer", json!({ "draft": mara() })).unwrap();
    let influencer_id = influencer["id"].as_str().unwrap();

    let refused = invoke(
        &main,
        "add_brand",
        json!({"draft": {"name": "", "audience": {"countries": [{"key": "Atlantis", "percent": 50}]}}}),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "invalid_input");
    let fields: Vec<&str> = refused["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["name", "audience.countries.0.key"]);
    assert_eq!(invoke(&main, "list_brands", json!({})).unwrap(), json!([]));

    let brand = invoke(
        &main,
        "add_brand",
        json!({"draft": {"name": "Verdant", "values": ["vegan"], "audience": {"countries": [{"key": "PT", "percent": 100}]}}}),
    )
    .unwrap();
    let brand_id = brand["id"].as_str().unwrap();
    invoke(
        &main,
        "set_audience",
        json!({"influencerId": influencer_id, "draft": {"countries": [{"key": "Portugal", "percent": 45}]}}),
    )
    .unwrap();
    let waived = invoke(
        &main,
        "set_check",
        json!({"influencerId": influencer_id, "item": "brand_safety", "draft": {"state": "waived", "reason": ""}}),
    )
    .unwrap_err();
    assert_eq!(waived["fields"][0]["field"], "reason");
    invoke(
        &main,
        "set_check",
        json!({"influencerId": influencer_id, "item": "brand_safety", "draft": {"state": "waived", "reason": "Long-time partner"}}),
    )
    .unwrap();

    let card = invoke(
        &main,
        "vet_influencer",
        json!({"brandId": brand_id, "influencerId": influencer_id}),
    )
    .unwrap();
    assert_eq!(card["audience_fit"]["value"], 45.0);
    assert_eq!(card["alignment"]["value"], 100.0);
    assert_eq!(card["checklist"][3]["state"], "waived");
    assert_eq!(card["checklist"][3]["reason"], "Long-time partner");
    assert_eq!(card["verdict"]["kind"], "caution");

    invoke(
        &main,
        "shortlist_add",
        json!({"brandId": brand_id, "influencerId": influencer_id}),
    )
    .unwrap();
    let shortlist = invoke(&main, "brand_shortlist", json!({"brandId": brand_id})).unwrap();
    assert_eq!(shortlist[0]["scorecard"]["influencer"]["name"], "Mara Costa");
    assert_eq!(shortlist[0]["entry"]["chosen_at"], Value::Null);
}

#[test]
fn a_partnership_goes_through_the_wizard_and_is_refused_agreement_while_undefined() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    invoke(&main, "load_sample", json!({})).unwrap();
    let campaigns = invoke(&main, "list_campaigns", json!({})).unwrap();
    let campaign_id = campaigns[0]["id"].clone();
    let roster = list(&main);
    let sofia = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Sofía Herrera")
        .unwrap()["id"]
        .clone();

    let started = invoke(
        &main,
        "start_partnership",
        json!({"campaignId": null, "influencerId": null}),
    )
    .unwrap();
    let id = started["partnership"]["id"].clone();
    assert_eq!(started["undefined"][0]["message"], "No campaign chosen.");
    let chosen = invoke(
        &main,
        "choose_partnership_parties",
        json!({"id": id, "campaignId": campaign_id, "influencerId": sofia, "step": "deliverables"}),
    )
    .unwrap();
    assert_eq!(chosen["influencer"]["name"], "Sofía Herrera");
    assert_eq!(chosen["brand"]["name"], "Verdant Kitchen");
    assert_eq!(chosen["partnership"]["step"], "deliverables");

    let fee = invoke(&main, "read_amount", json!({"text": "3.200,00", "currency": "eur"})).unwrap();
    assert_eq!(fee, json!({"minor": 320000, "currency": "EUR"}));
    let bad = invoke(&main, "read_amount", json!({"text": "lots", "currency": "EUR"})).unwrap_err();
    assert_eq!(bad["message"], "'lots' is not an amount");

    let mut terms = chosen["partnership"]["terms"].clone();
    terms["compensation"]["currency"] = json!("EUR");
    terms["compensation"]["flat_fee"] = fee;
    let saved = invoke(
        &main,
        "save_partnership_terms",
        json!({"id": id, "terms": terms, "step": "rights"}),
    )
    .unwrap();
    assert_eq!(saved["partnership"]["step"], "rights");
    assert!(saved["undefined"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["message"] == "No payment schedule (for example 50 % on signing, 50 % on delivery)."));

    let refused = invoke(&main, "move_partnership", json!({"id": id, "status": "agreed"})).unwrap_err();
    assert_eq!(refused["kind"], "invalid_input");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .starts_with("It cannot be marked agreed yet: No legal name for the brand's side"));
    let listed = invoke(&main, "list_partnerships", json!({})).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 7, "the sample's six and this one");
    invoke(&main, "delete_partnership", json!({"id": id})).unwrap();
    let gone = invoke(&main, "get_partnership", json!({"id": id})).unwrap_err();
    assert_eq!(gone["kind"], "not_found");
}

#[test]
fn the_dashboard_and_the_readings_grid_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    invoke(&main, "load_sample", json!({})).unwrap();
    let campaign_id = invoke(&main, "list_campaigns", json!({})).unwrap()[0]["id"].clone();

    let view = invoke(
        &main,
        "campaign_dashboard",
        json!({"campaignId": campaign_id, "scope": null}),
    )
    .unwrap();
    assert_eq!(view["posts"].as_array().unwrap().len(), 5);
    assert_eq!(view["charts"].as_array().unwrap().len(), 7);
    assert!(view["charts"][0]["svg"].as_str().unwrap().starts_with("<svg"));

    let today = chrono::Local::now().date_naive().to_string();
    let grid = invoke(
        &main,
        "metric_readings",
        json!({"campaignId": campaign_id, "on": today}),
    )
    .unwrap();
    let first = &grid[0]["post"];
    let row = |views: &str| {
        json!([{
            "partnership_id": first["partnership_id"],
            "deliverable": first["deliverable"],
            "url": first["url"],
            "values": {"views": views}
        }])
    };
    let refused = invoke(
        &main,
        "save_metric_readings",
        json!({"campaignId": campaign_id, "on": today, "rows": row("a lot")}),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "invalid_input");
    assert_eq!(refused["fields"][0]["field"], "rows.0.views");
    let saved = invoke(
        &main,
        "save_metric_readings",
        json!({"campaignId": campaign_id, "on": today, "rows": row("250,000")}),
    )
    .unwrap();
    assert_eq!(saved, 1);
    let again = invoke(
        &main,
        "metric_readings",
        json!({"campaignId": campaign_id, "on": today}),
    )
    .unwrap();
    assert_eq!(again[0]["values"]["of"]["views"], 250_000);

    let emv = invoke(&main, "set_emv_cpm", json!({"campaignId": campaign_id, "cpm": "8.50"})).unwrap();
    assert_eq!(emv, json!({"minor": 850, "currency": "EUR"}));
    let view = invoke(
        &main,
        "campaign_dashboard",
        json!({"campaignId": campaign_id, "scope": null}),
    )
    .unwrap();
    assert_eq!(view["emv"]["formula"], "EMV = views × CPM assumption / 1,000");
}

#[test]
fn the_welcome_the_sample_and_a_backup_through_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");

    let status = invoke(&main, "workspace_status", json!({})).unwrap();
    assert_eq!(status["welcome"], true, "a new workspace is welcomed");
    assert_eq!(
        invoke(&main, "answer_welcome", json!({ "withSample": true })).unwrap(),
        12
    );
    let status = invoke(&main, "workspace_status", json!({})).unwrap();
    assert_eq!(
        (status["welcome"].clone(), status["influencers"].clone()),
        (json!(false), json!(12))
    );

    let taken = invoke(&main, "backup_now", json!({})).unwrap();
    assert_eq!(taken["kind"], "manual");
    let contents = invoke(&main, "sample_contents", json!({})).unwrap();
    assert_eq!(
        contents,
        json!({"influencers": 12, "brands": 1, "campaigns": 1, "partnerships": 6})
    );
    assert_eq!(invoke(&main, "remove_sample", json!({})).unwrap(), contents);
    assert_eq!(invoke(&main, "sample_contents", json!({})).unwrap(), Value::Null);
    let status = invoke(&main, "workspace_status", json!({})).unwrap();
    assert_eq!(status["welcome"], false, "an emptied workspace is not welcomed again");

    // The backup taken before the removal brings the sample back, after a preview.
    let preview = invoke(&main, "choose_backup_restore", json!({ "name": taken["name"] })).unwrap();
    assert_eq!(
        (preview["influencers"].clone(), preview["replaces"].clone()),
        (json!(12), json!(0))
    );
    invoke(&main, "confirm_workspace_import", json!({ "token": preview["token"] })).unwrap();
    assert_eq!(list(&main).as_array().unwrap().len(), 12);

    let refused = invoke(&main, "choose_backup_restore", json!({ "name": "../../etc/passwd" })).unwrap_err();
    assert_eq!(refused["kind"], "file");
    let refused = invoke(
        &main,
        "set_preferences",
        json!({ "draft": {"default_currency": "ECU", "locale": null} }),
    )
    .unwrap_err();
    assert_eq!(refused["fields"][0]["field"], "default_currency");
    let saved = invoke(
        &main,
        "set_preferences",
        json!({ "draft": {"default_currency": "usd", "locale": "en-GB"} }),
    )
    .unwrap();
    assert_eq!(
        saved,
        json!({"default_currency": "USD", "locale": "en-GB", "welcomed": true})
    );
}

#[test]
fn the_window_may_open_mailto_links_and_no_other_kind() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let main = window(&app, "main");
    for url in ["https://example.com/", "file:///etc/hosts", "tel:+4930123456"] {
        let refused = invoke(&main, "plugin:opener|open_url", json!({ "url": url })).unwrap_err();
        // The plugin's scope refuses it: the command itself is permitted.
        assert_eq!(refused, json!(format!("Not allowed to open url {url}")));
    }
    let templates = invoke(&main, "message_templates", json!({})).unwrap();
    assert_eq!(templates["templates"].as_array().unwrap().len(), 20);
}
