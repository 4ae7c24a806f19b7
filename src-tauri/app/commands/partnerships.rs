//! Campaigns, the partnership wizard, the pipeline, the agreement PDF and the
//! caption checker: thin wrappers over `partnerly_core::campaign`,
//! `partnerly_core::agreement` and `partnerly_core::disclosure`.
//! Every partnership command answers with the full `PartnershipView`, so the
//! window always shows what is undefined as of the write it just made.

use chrono::Local;
use partnerly_core::agreement::terms::ContentFormat;
use partnerly_core::agreement::{self, completeness::Step, PartnershipView, RemovedCampaign, Status, Terms};
use partnerly_core::campaign::{self, money, Campaign, CampaignDraft, Money};
use partnerly_core::disclosure::{self, DisclosureCheck, Post};
use partnerly_core::roster::Platform;
use tauri::{Runtime, State, WebviewWindow};

use crate::dialogs;
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;

#[tauri::command]
pub async fn list_campaigns(state: State<'_, AppState>) -> Result<Vec<Campaign>, CommandError> {
    Ok(campaign::list(&*state.store()?)?)
}

#[tauri::command]
pub async fn add_campaign(state: State<'_, AppState>, draft: CampaignDraft) -> Result<Campaign, CommandError> {
    Ok(campaign::add(&*state.store()?, &draft)?)
}

#[tauri::command]
pub async fn update_campaign(
    state: State<'_, AppState>,
    id: String,
    draft: CampaignDraft,
) -> Result<Campaign, CommandError> {
    Ok(campaign::update(&*state.store()?, &id, &draft)?)
}

/// Deletes a campaign with its partnerships and their post figures (the
/// window asks first, naming how many go with it).
#[tauri::command]
pub async fn delete_campaign(state: State<'_, AppState>, id: String) -> Result<RemovedCampaign, CommandError> {
    Ok(agreement::remove_campaign(&*state.store()?, &id)?)
}

/// The ISO codes of the currencies amounts can be in.
#[tauri::command]
pub async fn list_currencies() -> Result<Vec<String>, CommandError> {
    Ok(money::currencies().map(str::to_string).collect())
}

/// Reads an amount as the person typed it ("12.500,50", "€ 900") in a
/// currency, with the same rules as everywhere else in Partnerly.
#[tauri::command]
pub async fn read_amount(text: String, currency: String) -> Result<Money, CommandError> {
    money::parse_amount(&text, &currency).map_err(|why| CommandError::new(ErrorKind::InvalidInput, why))
}

#[tauri::command]
pub async fn list_partnerships(state: State<'_, AppState>) -> Result<Vec<PartnershipView>, CommandError> {
    Ok(agreement::views(&*state.store()?, Local::now().date_naive())?)
}

#[tauri::command]
pub async fn get_partnership(state: State<'_, AppState>, id: String) -> Result<PartnershipView, CommandError> {
    Ok(agreement::view(&*state.store()?, &id, Local::now().date_naive())?)
}

#[tauri::command]
pub async fn start_partnership(
    state: State<'_, AppState>,
    campaign_id: Option<String>,
    influencer_id: Option<String>,
) -> Result<PartnershipView, CommandError> {
    let store = state.store()?;
    let started = agreement::create(&store, campaign_id.as_deref(), influencer_id.as_deref())?;
    Ok(agreement::view_of(&store, started, Local::now().date_naive())?)
}

/// The wizard's first two steps: the campaign and the creator.
#[tauri::command]
pub async fn choose_partnership_parties(
    state: State<'_, AppState>,
    id: String,
    campaign_id: Option<String>,
    influencer_id: Option<String>,
    step: Step,
) -> Result<PartnershipView, CommandError> {
    let store = state.store()?;
    let saved = agreement::choose(&store, &id, campaign_id.as_deref(), influencer_id.as_deref(), step)?;
    Ok(agreement::view_of(&store, saved, Local::now().date_naive())?)
}

/// Saves the terms as far as they go and the step the person is on.
#[tauri::command]
pub async fn save_partnership_terms(
    state: State<'_, AppState>,
    id: String,
    terms: Terms,
    step: Step,
) -> Result<PartnershipView, CommandError> {
    let store = state.store()?;
    let saved = agreement::save(&store, &id, terms, step)?;
    Ok(agreement::view_of(&store, saved, Local::now().date_naive())?)
}

#[tauri::command]
pub async fn move_partnership(
    state: State<'_, AppState>,
    id: String,
    status: Status,
) -> Result<PartnershipView, CommandError> {
    let store = state.store()?;
    let moved = agreement::move_to(&store, &id, status)?;
    Ok(agreement::view_of(&store, moved, Local::now().date_naive())?)
}

#[tauri::command]
pub async fn delete_partnership(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    agreement::remove(&*state.store()?, &id)?;
    Ok(())
}

/// Asks where to save (native dialog) and writes the partnership's
/// agreement as a PDF; the path written, or `null` when the person cancels.
#[tauri::command]
pub async fn export_agreement_pdf<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    id: String,
) -> Result<Option<String>, CommandError> {
    let today = Local::now().date_naive();
    let view = agreement::view(&*state.store()?, &id, today)?;
    let creator = view.influencer.as_ref().map_or("creator", |i| i.name.as_str());
    let brand = view.brand.as_ref().map_or("brand", |b| b.name.as_str());
    let suggested = format!("Agreement {creator} - {brand}.pdf").replace(['/', '\\'], "-");
    let Some(path) = dialogs::save_path(&window, "Export agreement", ("PDF documents", &["pdf"]), suggested)? else {
        return Ok(None);
    };
    // Typesetting takes a moment; keep it off the async runtime's threads.
    let written = tauri::async_runtime::spawn_blocking(move || {
        let bytes = partnerly_report::agreement_pdf(&view, today)?;
        partnerly_report::write_pdf(&path, &bytes)?;
        Ok::<_, partnerly_report::ReportError>(path)
    })
    .await
    .map_err(|e| CommandError::new(ErrorKind::File, format!("the PDF could not be written: {e}")))??;
    Ok(Some(written.display().to_string()))
}

/// Checks a caption against the disclosure rules of each market.
#[tauri::command]
pub async fn check_caption(
    caption: String,
    platform: Option<Platform>,
    format: Option<ContentFormat>,
    markets: Vec<String>,
    brand: Option<String>,
) -> Result<DisclosureCheck, CommandError> {
    Ok(disclosure::check(&Post {
        caption: &caption,
        platform,
        format,
        markets: &markets,
        brand: brand.as_deref(),
    }))
}
