//! Disclosure compliance of every published post, for the summary: the
//! check of the draft that was approved, the reason when a failing draft was
//! approved anyway, and which reminders a person confirmed.

use serde::Serialize;
use ts_rs::TS;

use super::dashboard::Dashboard;
use super::MetricsError;
use crate::agreement;
use crate::collaboration::Event;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PostCompliance {
    /// "Mara Costa · TikTok short video · 26 Nov 2026".
    pub post: String,
    pub url: String,
    /// "Compliant", "Not compliant (approved with a reason)", "No draft logged".
    pub verdict: String,
    pub compliant: bool,
    /// What failed, and the reason it was approved anyway.
    pub details: Vec<String>,
    /// Reminders a person confirmed ("Spoken and on screen, DE").
    pub confirmed: Vec<String>,
}

/// The compliance of every post on the dashboard, in its order.
pub fn published(store: &Store, view: &Dashboard) -> Result<Vec<PostCompliance>, MetricsError> {
    let mut out = Vec::new();
    for row in &view.posts {
        let post = &row.post;
        let partnership = agreement::get(store, &post.partnership_id.to_string())?;
        let entries: Vec<_> = partnership
            .timeline
            .iter()
            .filter(|e| e.deliverable == Some(post.deliverable))
            .collect();
        // The last draft logged before this publication is the one that went out.
        let published_at = entries
            .iter()
            .position(|e| matches!(&e.event, Event::Published { url } if *url == post.url))
            .unwrap_or(entries.len());
        let before = &entries[..published_at];
        let draft = before.iter().rev().find_map(|e| match &e.event {
            Event::Draft { check, .. } => Some(check),
            _ => None,
        });
        let reason = before.iter().rev().find_map(|e| match &e.event {
            Event::Approval { override_reason } => override_reason.clone(),
            _ => None,
        });
        let confirmed = before
            .iter()
            .filter_map(|e| match &e.event {
                Event::Confirmed { message, market, .. } => Some(match market {
                    Some(m) => format!("{message} ({m})"),
                    None => message.clone(),
                }),
                _ => None,
            })
            .collect();
        let (verdict, compliant, mut details) = match draft {
            None => ("No draft logged before publication".to_string(), false, Vec::new()),
            Some(check) if check.compliant => ("Compliant".to_string(), true, Vec::new()),
            Some(check) => (
                "Not compliant".to_string(),
                false,
                check
                    .findings
                    .iter()
                    .filter(|f| f.blocking)
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>(),
            ),
        };
        let verdict = match (&reason, compliant) {
            (Some(_), false) => format!("{verdict} (approved with a reason)"),
            _ => verdict,
        };
        if let (Some(reason), false) = (reason, compliant) {
            details.push(format!("Approved anyway because: {reason}"));
        }
        out.push(PostCompliance {
            post: post.describe(),
            url: post.url.clone(),
            verdict,
            compliant,
            details,
            confirmed,
        });
    }
    Ok(out)
}
