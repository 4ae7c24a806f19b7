//! A scorecard as plain text for the terminal: the same content as the
//! app's scorecard and the PDF, in reading order.

use partnerly_core::numbers::percent;
use partnerly_core::vetting::dossier::CheckState;
use partnerly_core::vetting::score::{Score, ScoreStatus};
use partnerly_core::vetting::scorecard::Scorecard;

fn score_line(name: &str, score: &Score) {
    let value = match (score.status, score.value) {
        (ScoreStatus::NotApplicable, _) => "not scored".to_string(),
        (_, None) => "unknown".to_string(),
        (ScoreStatus::Incomplete, Some(v)) => format!("{v} / 100 (incomplete)"),
        (_, Some(v)) => format!("{v} / 100"),
    };
    println!("{name}: {value}");
    for part in &score.components {
        println!("  {}: {}", part.name, part.inputs);
    }
    for penalty in &score.penalties {
        println!("  −{:.0}: {}", penalty.points, penalty.reason);
    }
    for missing in &score.missing {
        println!("  missing: {missing}");
    }
}

pub fn print(card: &Scorecard) {
    println!("{} for {}, {}", card.influencer.name, card.brand.name, card.computed_on);
    println!("Verdict: {}", card.verdict.kind.label());
    for reason in &card.verdict.reasons {
        println!("  - {reason}");
    }
    println!();
    score_line("Audience fit", &card.audience_fit);
    score_line("Alignment", &card.alignment);
    println!();
    println!("Engagement");
    for account in &card.engagement {
        println!(
            "  {} @{} ({} followers, {})",
            account.platform.label(),
            account.handle,
            partnerly_core::numbers::grouped(account.followers),
            account.tier.label()
        );
        for rate in &account.rates {
            println!("    {} by {}: {}", percent(rate.rate), rate.method.noun(), rate.inputs);
        }
        if let Some(band) = &account.band {
            println!(
                "    benchmark {} ({}, {}), band {} to {}: {}",
                percent(band.benchmark.rate),
                band.benchmark.year,
                band.benchmark.source,
                percent(band.low),
                percent(band.high),
                band.position.words()
            );
        }
        for missing in &account.missing {
            println!("    missing: {missing}");
        }
    }
    println!();
    println!("Red flags: {}", card.red_flags.flags.len());
    for flag in &card.red_flags.flags {
        println!("  ! {}: {}", flag.title, flag.evidence);
    }
    for unchecked in &card.red_flags.not_checked {
        println!("  not checked: {unchecked}");
    }
    println!();
    println!("Research checklist");
    for entry in &card.checklist {
        let state = match &entry.state {
            CheckState::Open => "open".to_string(),
            CheckState::Done { note, evidence, by, at } => format!(
                "done by {by} on {}: {note}{}",
                at.date_naive(),
                evidence.as_deref().map(|e| format!(" ({e})")).unwrap_or_default()
            ),
            CheckState::Waived { reason, by, at } => format!("waived by {by} on {}: {reason}", at.date_naive()),
        };
        println!(
            "  [{}] {}: {state}",
            if matches!(entry.state, CheckState::Open) {
                " "
            } else {
                "x"
            },
            entry.item.label()
        );
    }
    if !card.past_partnerships.is_empty() {
        println!();
        println!("Past partnerships");
        for p in &card.past_partnerships {
            println!("  {} {}: {}", p.date, p.brand, p.outcome);
        }
    }
}
