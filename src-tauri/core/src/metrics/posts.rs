//! A campaign's posts: every publication logged on its partnerships'
//! timelines, with who posted it and where.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::MetricsError;
use crate::agreement::{self, Partnership};
use crate::collaboration::Event;
use crate::roster::{self, Influencer, Platform};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Post {
    pub partnership_id: Uuid,
    pub deliverable: u32,
    pub url: String,
    pub published_on: NaiveDate,
    pub influencer_id: Option<Uuid>,
    pub creator: String,
    /// "Instagram reel", from the terms.
    pub deliverable_name: String,
    pub platform: Option<Platform>,
    /// The creator's handle on that platform, when the roster has one.
    pub handle: Option<String>,
    #[ts(type = "number | null")]
    pub followers: Option<u64>,
}

impl Post {
    /// "Mara Costa · TikTok short video · 26 Nov".
    pub fn describe(&self) -> String {
        format!(
            "{} · {} · {}",
            self.creator,
            self.deliverable_name,
            self.published_on.format("%-d %b %Y")
        )
    }
}

/// The posts of one partnership, in the order they were published.
pub fn posts_of(partnership: &Partnership, influencer: Option<&Influencer>) -> Vec<Post> {
    let creator = influencer
        .map(|i| i.name.clone())
        .unwrap_or_else(|| "No creator chosen".to_string());
    partnership
        .timeline
        .iter()
        .filter_map(|entry| match (&entry.event, entry.deliverable) {
            (Event::Published { url }, Some(deliverable)) => Some((entry.on, deliverable, url)),
            _ => None,
        })
        .map(|(on, deliverable, url)| {
            let terms = partnership.terms.deliverables.get(deliverable as usize);
            let platform = terms.and_then(|d| d.platform);
            let account = influencer.and_then(|i| i.accounts.iter().find(|a| Some(a.platform) == platform));
            let name = crate::agreement::terms::Deliverable::name_or(terms, deliverable);
            Post {
                partnership_id: partnership.id,
                deliverable,
                url: url.clone(),
                published_on: on,
                influencer_id: influencer.map(|i| i.id),
                creator: creator.clone(),
                deliverable_name: name,
                platform,
                handle: account.map(|a| a.handle.clone()),
                followers: account.map(|a| a.followers),
            }
        })
        .collect()
}

/// The campaign's partnerships with their creators, cancelled ones included
/// (what they published still counts).
pub(crate) fn partnerships_of(
    store: &Store,
    campaign_id: &Uuid,
) -> Result<Vec<(Partnership, Option<Influencer>)>, MetricsError> {
    let mut out = Vec::new();
    for partnership in agreement::list(store)? {
        if partnership.campaign_id.as_ref() != Some(campaign_id) {
            continue;
        }
        let influencer = match partnership.influencer_id {
            Some(id) => roster::get(store, &id.to_string()).ok(),
            None => None,
        };
        out.push((partnership, influencer));
    }
    Ok(out)
}

/// Every post of a campaign, by creator and then by date.
pub fn posts(store: &Store, campaign_id: &Uuid) -> Result<Vec<Post>, MetricsError> {
    let mut all: Vec<Post> = partnerships_of(store, campaign_id)?
        .iter()
        .flat_map(|(p, i)| posts_of(p, i.as_ref()))
        .collect();
    all.sort_by(|a, b| {
        a.creator
            .cmp(&b.creator)
            .then(a.published_on.cmp(&b.published_on))
            .then(a.deliverable.cmp(&b.deliverable))
    });
    Ok(all)
}

/// Where a post link points, reduced to what identifies the post: the
/// shortcode of an Instagram post or reel (`/p/` and `/reel/` are the same
/// post), the number of a TikTok video, the id of a YouTube video in any of
/// its link forms; otherwise the host and path without query or slashes.
pub fn post_links(link: &str) -> Option<String> {
    let trimmed = link.trim();
    if trimmed.is_empty() {
        return None;
    }
    let without_scheme = trimmed.split_once("://").map(|(_, rest)| rest).unwrap_or(trimmed);
    let (host_part, rest) = without_scheme.split_once('/').unwrap_or((without_scheme, ""));
    let host = host_part.to_lowercase();
    let host = host
        .trim_start_matches("www.")
        .trim_start_matches("m.")
        .trim_start_matches("vm.");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.split('#').next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let key = match host {
        "instagram.com" => segments
            .iter()
            .position(|s| matches!(*s, "p" | "reel" | "reels" | "tv"))
            .and_then(|i| segments.get(i + 1))
            .map(|code| format!("instagram:{code}")),
        "tiktok.com" => segments
            .iter()
            .position(|s| *s == "video" || *s == "photo")
            .and_then(|i| segments.get(i + 1))
            .map(|id| format!("tiktok:{id}")),
        "youtube.com" => {
            let from_query = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("v="))
                .map(str::to_string);
            from_query
                .or_else(|| {
                    segments
                        .iter()
                        .position(|s| matches!(*s, "shorts" | "live" | "embed"))
                        .and_then(|i| segments.get(i + 1))
                        .map(|s| s.to_string())
                })
                .map(|id| format!("youtube:{id}"))
        }
        "youtu.be" => segments.first().map(|id| format!("youtube:{id}")),
        _ => None,
    };
    key.or_else(|| {
        let path = segments.join("/");
        Some(if path.is_empty() {
            host.to_string()
        } else {
            format!("{host}/{path}")
        })
    })
}
