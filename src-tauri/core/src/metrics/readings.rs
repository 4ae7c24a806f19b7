//! Readings as people type them into the grid: a day, and for each post the
//! values its insights show that day.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::posts::{partnerships_of, posts_of, Post};
use super::{post_key, Measure, MetricSettings, MetricsError, PostMetrics, Reading, Values};
use crate::campaign::{self, money, Campaign, Money};
use crate::import::values::parse_count;
use crate::roster::FieldError;
use crate::store::Store;

/// One grid row: a post and what was typed for it, by measure key
/// (`views`, `ad_spend`). A blank cell clears that measure for the day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReadingDraft {
    pub partnership_id: String,
    pub deliverable: u32,
    pub url: String,
    pub values: BTreeMap<String, String>,
}

/// Reads one typed value of `measure`, as the end of a sentence on failure.
pub(crate) fn parse_value(measure: Measure, text: &str, currency: &str) -> Result<Option<i64>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    if measure.is_money() {
        money::parse_amount(text, currency).map(|m| Some(m.minor))
    } else {
        parse_count(text).and_then(|count| match count {
            Some(n) if n > i64::MAX as u64 => Err("is too large".into()),
            other => Ok(other.map(|n| n as i64)),
        })
    }
}

/// The date of a reading: not in the future, and not before the post.
pub(crate) fn check_day(on: NaiveDate, post: &Post, today: NaiveDate) -> Result<(), String> {
    if on > today {
        Err(format!(
            "{on} is in the future; a reading is what insights showed on a day that has come"
        ))
    } else if on < post.published_on {
        Err(format!("{on} is before the post was published ({})", post.published_on))
    } else {
        Ok(())
    }
}

/// Every post of the campaign with its stored metrics, if any.
pub fn load(store: &Store, campaign: &Campaign) -> Result<Vec<(Post, Option<PostMetrics>)>, MetricsError> {
    let mut out = Vec::new();
    for (partnership, influencer) in partnerships_of(store, &campaign.id)? {
        let stored: Vec<PostMetrics> = store.with_prefix(&super::partnership_prefix(&partnership.id))?;
        for post in posts_of(&partnership, influencer.as_ref()) {
            let metrics = stored
                .iter()
                .find(|m| m.deliverable == post.deliverable && m.url == post.url)
                .cloned();
            out.push((post, metrics));
        }
    }
    out.sort_by(|a, b| {
        (a.0.creator.as_str(), a.0.published_on, a.0.deliverable).cmp(&(
            b.0.creator.as_str(),
            b.0.published_on,
            b.0.deliverable,
        ))
    });
    Ok(out)
}

/// What each post's reading of `on` holds, for the grid.
pub fn readings_on(store: &Store, campaign_id: &str, on: NaiveDate) -> Result<Vec<(Post, Values)>, MetricsError> {
    let campaign = campaign::get(store, campaign_id)?;
    Ok(load(store, &campaign)?
        .into_iter()
        .map(|(post, metrics)| {
            let values = metrics
                .and_then(|m| m.readings.into_iter().find(|r| r.on == on))
                .map(|r| r.values)
                .unwrap_or_default();
            (post, values)
        })
        .collect())
}

/// Stores the grid for day `on` in one atomic write: each row's reading of
/// that day becomes exactly what was typed. Nothing is written when any
/// cell is wrong; every wrong cell is reported with its row and measure.
pub fn save_readings(
    store: &Store,
    campaign_id: &str,
    on: &str,
    rows: &[ReadingDraft],
    today: NaiveDate,
) -> Result<usize, MetricsError> {
    let campaign = campaign::get(store, campaign_id)?;
    let currency = campaign.budget.currency.clone();
    let mut errors = Vec::new();
    let day = match NaiveDate::parse_from_str(on.trim(), "%Y-%m-%d") {
        Ok(day) => Some(day),
        Err(_) => {
            errors.push(FieldError::new(
                "on",
                format!("'{}' is not a date like 2026-03-31.", on.trim()),
            ));
            None
        }
    };
    let stored = load(store, &campaign)?;
    let mut changed = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let found = stored.iter().find(|(post, _)| {
            post.partnership_id.to_string() == row.partnership_id.trim()
                && post.deliverable == row.deliverable
                && post.url == row.url
        });
        let Some((post, metrics)) = found else {
            errors.push(FieldError::new(
                format!("rows.{i}"),
                format!(
                    "Row {}: that post is not among this campaign's publications (was it removed from the timeline?).",
                    i + 1
                ),
            ));
            continue;
        };
        if let Some(day) = day {
            if let Err(why) = check_day(day, post, today) {
                errors.push(FieldError::new("on", format!("The reading's date: {why}.")));
                continue;
            }
        }
        let mut values = Values::default();
        for (key, text) in &row.values {
            let Some(measure) = Measure::parse(key) else {
                errors.push(FieldError::new(
                    format!("rows.{i}.{key}"),
                    format!("'{key}' is not a measure Partnerly keeps."),
                ));
                continue;
            };
            match parse_value(measure, text, &currency) {
                Ok(value) => values.set(measure, value),
                Err(why) => errors.push(FieldError::new(
                    format!("rows.{i}.{}", measure.key()),
                    format!("{}: {} '{}' {why}.", post.describe(), measure.label(), text.trim()),
                )),
            }
        }
        let Some(day) = day else { continue };
        let mut metrics = metrics.clone().unwrap_or_else(|| PostMetrics {
            partnership_id: post.partnership_id,
            deliverable: post.deliverable,
            url: post.url.clone(),
            readings: Vec::new(),
        });
        let before = metrics.clone();
        metrics.readings.retain(|r| r.on != day);
        if !values.is_empty() {
            metrics.merge(Reading {
                on: day,
                values,
                currency: currency.clone(),
                source: "Entered".into(),
                logged_at: Utc::now(),
            });
        }
        if metrics.readings != before.readings {
            changed.push(metrics);
        }
    }
    if !errors.is_empty() {
        return Err(MetricsError::Invalid(errors));
    }
    store.put_many(&changed)?;
    Ok(changed.len())
}

/// Removes every post's metrics of a partnership (when it is deleted).
pub fn remove_all_of(store: &Store, partnership_id: &Uuid) -> Result<usize, MetricsError> {
    Ok(store.remove_prefix::<PostMetrics>(&super::partnership_prefix(partnership_id))?)
}

/// The campaign's CPM assumption for earned media value, or none to stop
/// showing EMV. As typed: "8.50".
pub fn set_emv_cpm(store: &Store, campaign_id: &str, cpm: &str) -> Result<Option<Money>, MetricsError> {
    let campaign = campaign::get(store, campaign_id)?;
    let emv_cpm = if cpm.trim().is_empty() {
        None
    } else {
        let money = money::parse_amount(cpm, &campaign.budget.currency).map_err(|why| {
            MetricsError::Invalid(vec![FieldError::new("emv_cpm", format!("CPM assumption: {why}."))])
        })?;
        if money.minor <= 0 {
            return Err(MetricsError::Invalid(vec![FieldError::new(
                "emv_cpm",
                "CPM assumption: enter a price above zero per 1,000 views.",
            )]));
        }
        Some(money)
    };
    let mut stored = settings(store, &campaign)?;
    stored.emv_cpm = emv_cpm.clone();
    store.put(&stored)?;
    Ok(emv_cpm)
}

/// The longest summary notes kept: about two printed pages.
const NOTES_LIMIT: usize = 6_000;

/// The team's notes printed in the campaign summary.
pub fn set_summary_notes(store: &Store, campaign_id: &str, notes: &str) -> Result<String, MetricsError> {
    let campaign = campaign::get(store, campaign_id)?;
    let notes = notes.trim().replace("\r\n", "\n");
    let length = notes.chars().count();
    if length > NOTES_LIMIT {
        return Err(MetricsError::Invalid(vec![FieldError::new(
            "notes",
            format!("The notes are {length} characters long; the summary keeps at most {NOTES_LIMIT}."),
        )]));
    }
    let mut stored = settings(store, &campaign)?;
    stored.notes = notes.clone();
    store.put(&stored)?;
    Ok(notes)
}

pub(crate) fn settings(store: &Store, campaign: &Campaign) -> Result<MetricSettings, MetricsError> {
    Ok(store
        .get::<MetricSettings>(campaign.id.as_bytes())?
        .unwrap_or(MetricSettings {
            campaign_id: campaign.id,
            emv_cpm: None,
            notes: String::new(),
        }))
}

/// Merges readings into stored posts in one atomic write (imports).
pub(crate) fn merge_all(store: &Store, incoming: Vec<(Post, Reading)>) -> Result<usize, MetricsError> {
    let mut touched: Vec<PostMetrics> = Vec::new();
    for (post, reading) in incoming {
        let key = post_key(&post.partnership_id, post.deliverable, &post.url);
        let position = touched.iter().position(|m| m_key(m) == key);
        let metrics = match position {
            Some(i) => &mut touched[i],
            None => {
                let current = store.get::<PostMetrics>(&key)?.unwrap_or(PostMetrics {
                    partnership_id: post.partnership_id,
                    deliverable: post.deliverable,
                    url: post.url.clone(),
                    readings: Vec::new(),
                });
                touched.push(current);
                touched.last_mut().expect("just pushed")
            }
        };
        metrics.merge(reading);
    }
    store.put_many(&touched)?;
    Ok(touched.len())
}

fn m_key(metrics: &PostMetrics) -> Vec<u8> {
    post_key(&metrics.partnership_id, metrics.deliverable, &metrics.url)
}
