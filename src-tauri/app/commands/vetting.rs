//! Brands, shortlists, dossiers and scorecards: thin wrappers over
//! `partnerly_core::vetting`.

use chrono::Local;
use partnerly_core::roster::{self, Platform, TierBoundaries};
use partnerly_core::vetting::brand::{Brand, BrandDraft, ShortlistEntry};
use partnerly_core::vetting::dossier::{CheckItem, Dossier};
use partnerly_core::vetting::drafts::{AccountStatsDraft, AudienceDraft, CheckDraft, PastPartnershipDraft};
use partnerly_core::vetting::scorecard::Scorecard;
use partnerly_core::vetting::{self, AudienceFileSummary};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::dialogs;
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;

#[tauri::command]
pub async fn list_brands(state: State<'_, AppState>) -> Result<Vec<Brand>, CommandError> {
    Ok(vetting::list_brands(&*state.store()?)?)
}

#[tauri::command]
pub async fn add_brand(state: State<'_, AppState>, draft: BrandDraft) -> Result<Brand, CommandError> {
    Ok(vetting::add_brand(&*state.store()?, &draft)?)
}

#[tauri::command]
pub async fn update_brand(state: State<'_, AppState>, id: String, draft: BrandDraft) -> Result<Brand, CommandError> {
    Ok(vetting::update_brand(&*state.store()?, &id, &draft)?)
}

#[tauri::command]
pub async fn delete_brand(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    Ok(vetting::remove_brand(&*state.store()?, &id)?)
}

/// One shortlisted creator with their scorecard.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ShortlistItem {
    pub entry: ShortlistEntry,
    pub scorecard: Scorecard,
}

#[tauri::command]
pub async fn brand_shortlist(state: State<'_, AppState>, brand_id: String) -> Result<Vec<ShortlistItem>, CommandError> {
    let items = vetting::shortlist(&*state.store()?, &brand_id, Local::now().date_naive())?;
    Ok(items
        .into_iter()
        .map(|(entry, scorecard)| ShortlistItem { entry, scorecard })
        .collect())
}

#[tauri::command]
pub async fn shortlist_add(
    state: State<'_, AppState>,
    brand_id: String,
    influencer_id: String,
) -> Result<Brand, CommandError> {
    Ok(vetting::shortlist_add(&*state.store()?, &brand_id, &influencer_id)?)
}

#[tauri::command]
pub async fn shortlist_remove(
    state: State<'_, AppState>,
    brand_id: String,
    influencer_id: String,
) -> Result<Brand, CommandError> {
    Ok(vetting::shortlist_remove(&*state.store()?, &brand_id, &influencer_id)?)
}

#[tauri::command]
pub async fn shortlist_choose(
    state: State<'_, AppState>,
    brand_id: String,
    influencer_id: String,
    chosen: bool,
) -> Result<Brand, CommandError> {
    Ok(vetting::shortlist_choose(
        &*state.store()?,
        &brand_id,
        &influencer_id,
        chosen,
    )?)
}

#[tauri::command]
pub async fn vet_influencer(
    state: State<'_, AppState>,
    brand_id: String,
    influencer_id: String,
) -> Result<Scorecard, CommandError> {
    Ok(vetting::scorecard_for(
        &*state.store()?,
        &brand_id,
        &influencer_id,
        Local::now().date_naive(),
    )?)
}

#[tauri::command]
pub async fn get_dossier(state: State<'_, AppState>, influencer_id: String) -> Result<Dossier, CommandError> {
    Ok(vetting::dossier(&*state.store()?, &influencer_id)?)
}

#[tauri::command]
pub async fn set_account_stats(
    state: State<'_, AppState>,
    influencer_id: String,
    draft: AccountStatsDraft,
) -> Result<Dossier, CommandError> {
    Ok(vetting::set_account_stats(&*state.store()?, &influencer_id, &draft)?)
}

#[tauri::command]
pub async fn set_audience(
    state: State<'_, AppState>,
    influencer_id: String,
    draft: AudienceDraft,
) -> Result<Dossier, CommandError> {
    Ok(vetting::set_audience(&*state.store()?, &influencer_id, &draft)?)
}

#[tauri::command]
pub async fn set_past_partnerships(
    state: State<'_, AppState>,
    influencer_id: String,
    drafts: Vec<PastPartnershipDraft>,
) -> Result<Dossier, CommandError> {
    Ok(vetting::set_past_partnerships(
        &*state.store()?,
        &influencer_id,
        &drafts,
    )?)
}

#[tauri::command]
pub async fn set_check(
    state: State<'_, AppState>,
    influencer_id: String,
    item: CheckItem,
    draft: CheckDraft,
) -> Result<Dossier, CommandError> {
    let store = state.store()?;
    let by = partnerly_core::identity::your_name(&store);
    Ok(vetting::set_check(&store, &influencer_id, item, &draft, &by)?)
}

/// Asks for a follower history or audience split file (native dialog) and
/// reads it into the dossier; `null` when the person cancels.
#[tauri::command]
pub async fn import_audience_file<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    influencer_id: String,
    platform: Option<Platform>,
) -> Result<Option<AudienceFileSummary>, CommandError> {
    let Some(path) = dialogs::open_path(
        &window,
        "Import an audience file",
        ("CSV files", &["csv", "txt", "tsv"]),
    )?
    else {
        return Ok(None);
    };
    let (_, summary) = vetting::import_audience_file(&*state.store()?, &influencer_id, &path, platform)?;
    Ok(Some(summary))
}

#[tauri::command]
pub async fn get_tier_boundaries(state: State<'_, AppState>) -> Result<TierBoundaries, CommandError> {
    Ok(roster::tier_boundaries(&*state.store()?)?)
}

#[tauri::command]
pub async fn set_tier_boundaries(
    state: State<'_, AppState>,
    boundaries: TierBoundaries,
) -> Result<TierBoundaries, CommandError> {
    Ok(roster::set_tier_boundaries(&*state.store()?, boundaries)?)
}

/// Asks where to save (native dialog) and writes the creator's one-page
/// scorecard against the brand as a PDF; the path written, or `null` when
/// the person cancels.
#[tauri::command]
pub async fn export_scorecard_pdf<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    brand_id: String,
    influencer_id: String,
) -> Result<Option<String>, CommandError> {
    let card = vetting::scorecard_for(&*state.store()?, &brand_id, &influencer_id, Local::now().date_naive())?;
    let suggested = format!("Scorecard {} - {}.pdf", card.influencer.name, card.brand.name).replace(['/', '\\'], "-");
    let Some(path) = dialogs::save_path(&window, "Export scorecard", ("PDF documents", &["pdf"]), suggested)? else {
        return Ok(None);
    };
    // Typesetting takes a moment; keep it off the async runtime's threads.
    let written = tauri::async_runtime::spawn_blocking(move || {
        let bytes = partnerly_report::scorecard_pdf(&card)?;
        partnerly_report::write_pdf(&path, &bytes)?;
        Ok::<_, partnerly_report::ReportError>(path)
    })
    .await
    .map_err(|e| CommandError::new(ErrorKind::File, format!("the PDF could not be written: {e}")))??;
    Ok(Some(written.display().to_string()))
}
