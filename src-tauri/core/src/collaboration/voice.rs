//! "Let the creator's voice through": the checks run on every piece of
//! feedback. Going over the agreed revision rounds, asking for changes
//! after the review window closed, or rewriting most of the creator's
//! caption each give a warning with its reason. They never block: the
//! manager decides, knowing what the agreement says.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::disclosure::caption::{tokens, Kind};

/// `days` business days (Monday to Friday) after `from`.
pub fn add_business_days(from: NaiveDate, days: u32) -> NaiveDate {
    let mut day = from;
    let mut left = days;
    while left > 0 {
        day = day + Days::new(1);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// What the feedback is measured against.
pub struct Context<'a> {
    /// The round this feedback would be, counting rounds that asked for changes, this one included.
    pub round: u32,
    pub rounds_included: u32,
    /// When the draft being answered was submitted, and the review window.
    pub draft_submitted: NaiveDate,
    pub review_days: Option<u32>,
    pub feedback_on: NaiveDate,
    pub draft_caption: &'a str,
    /// The caption the brand proposes instead, if it proposes one.
    pub suggested_caption: &'a str,
    pub changes_requested: bool,
}

/// A rewrite replaces more than this share of the creator's words.
const REWRITE_SHARE: f64 = 0.5;

fn words(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text)
        .collect()
}

/// How many of the draft's words the suggestion keeps (each word counted as often as it appears).
fn kept_words(draft: &[String], suggestion: &[String]) -> usize {
    let mut left: Vec<&String> = suggestion.iter().collect();
    draft
        .iter()
        .filter(|word| match left.iter().position(|w| w == word) {
            Some(at) => {
                left.swap_remove(at);
                true
            }
            None => false,
        })
        .count()
}

/// The warnings for one piece of feedback, each a sentence with its reason.
pub fn warnings(context: &Context) -> Vec<String> {
    let mut out = Vec::new();
    if context.changes_requested && context.round > context.rounds_included {
        out.push(format!(
            "This is change round {} of {} agreed: asking for more goes beyond the agreement. Let the creator's voice through, or agree extra rounds with them.",
            context.round, context.rounds_included
        ));
    }
    if let Some(days) = context.review_days {
        let deadline = add_business_days(context.draft_submitted, days);
        if context.changes_requested && context.feedback_on > deadline {
            out.push(format!(
                "The review window closed on {deadline} ({days} business days after the draft of {}): changes asked for now come late.",
                context.draft_submitted
            ));
        }
    }
    let draft = words(context.draft_caption);
    if !context.suggested_caption.trim().is_empty() && !draft.is_empty() {
        let kept = kept_words(&draft, &words(context.suggested_caption));
        let replaced = draft.len() - kept;
        if replaced as f64 / draft.len() as f64 > REWRITE_SHARE {
            out.push(format!(
                "The suggested caption replaces {replaced} of the creator's {} words: let the creator's voice through and say what must change instead.",
                draft.len()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn context<'a>(round: u32, on: &str, draft: &'a str, suggested: &'a str) -> Context<'a> {
        Context {
            round,
            rounds_included: 2,
            // A Thursday: three business days later is the next Tuesday.
            draft_submitted: day("2026-12-03"),
            review_days: Some(3),
            feedback_on: day(on),
            draft_caption: draft,
            suggested_caption: suggested,
            changes_requested: true,
        }
    }

    #[test]
    fn business_days_skip_the_weekend() {
        assert_eq!(add_business_days(day("2026-12-03"), 3), day("2026-12-08"));
        assert_eq!(add_business_days(day("2026-12-05"), 1), day("2026-12-07"));
        assert_eq!(add_business_days(day("2026-12-03"), 0), day("2026-12-03"));
    }

    #[test]
    fn feedback_within_the_agreement_raises_nothing() {
        let draft = "Ad | Frothing my morning oat latte with @verdant, the foam holds";
        let kept = "Ad | Frothing my morning oat latte with @verdant, and the foam really holds";
        assert!(warnings(&context(2, "2026-12-08", draft, kept)).is_empty());
    }

    #[test]
    fn a_third_round_a_late_answer_and_a_rewrite_are_each_named() {
        let draft = "Ad | Frothing my morning oat latte with @verdant, the foam holds";
        let rewrite = "Ad | Verdant Oat Barista: creamy, sustainable, delicious. Buy now at verdant.example";
        let found = warnings(&context(3, "2026-12-09", draft, rewrite));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("This is change round 3 of 2 agreed"));
        assert!(found[1]
            .starts_with("The review window closed on 2026-12-08 (3 business days after the draft of 2026-12-03)"));
        assert!(
            found[2].starts_with("The suggested caption replaces 8 of the creator's 10 words"),
            "{}",
            found[2]
        );
    }

    #[test]
    fn approving_is_never_over_the_cap() {
        let mut approval = context(5, "2026-12-20", "a b c", "");
        approval.changes_requested = false;
        assert!(warnings(&approval).is_empty());
    }
}
