use super::*;
use crate::agreement::terms::Instalment;
use crate::agreement::tests::{complete_terms, day, eur, research_done, setup};
use crate::agreement::{move_to, save, Status, Step, Terms};
use crate::roster::{AccountDraft, InfluencerDraft, Platform};

/// An agreed partnership of `creator` in `campaign` on `terms`; its id.
fn agreed(store: &Store, campaign: &str, creator: &str, terms: Terms) -> String {
    let id = agreement::create(store, Some(campaign), Some(creator))
        .unwrap()
        .id
        .to_string();
    save(store, &id, terms, Step::Review).unwrap();
    research_done(store, creator);
    move_to(store, &id, Status::Agreed).unwrap();
    id
}

fn creator(store: &Store, name: &str, handle: &str) -> String {
    let draft = InfluencerDraft {
        name: name.into(),
        accounts: vec![AccountDraft {
            platform: Platform::Tiktok,
            handle: handle.into(),
            followers: 9_000,
        }],
        ..InfluencerDraft::default()
    };
    crate::roster::add(store, &draft).unwrap().id.to_string()
}

fn usd(minor: i64) -> Money {
    Money {
        minor,
        currency: "USD".into(),
    }
}

fn dated(share: f64, due: &str) -> Instalment {
    Instalment {
        label: String::new(),
        share,
        due: Some(day(due)),
    }
}

#[test]
fn a_part_payment_stays_open_for_the_rest_and_overpaying_is_refused() {
    let (_dir, store, spring, zoe) = setup();
    let mut terms = complete_terms();
    terms.compensation.payment_term_days = Some(14);
    let id = agreed(&store, &spring, &zoe, terms);
    let today = chrono::Local::now().date_naive();
    let all = PaymentFilter::default();

    let view = list(&store, &all, today).unwrap();
    assert_eq!(view.lines.len(), 2);
    let signing = &view.lines[0];
    assert_eq!((signing.label.as_str(), signing.amount.minor), ("On signing", 150_000));
    assert_eq!(signing.status, PaymentStatus::Open);
    // Agreed today, due on signing with 14 days' terms.
    assert_eq!(signing.due.date, Some(today + chrono::Days::new(14)));
    assert_eq!(signing.due.trigger, Some(Trigger::Signing));
    assert!(signing.due.rule.ends_with("+ 14 days' terms"), "{}", signing.due.rule);
    // Nothing is live yet: the delivery payment has no date.
    let delivery = &view.lines[1];
    assert_eq!(delivery.due.date, None);
    assert_eq!(delivery.overdue_days, None);

    invoice(&store, &id, 0, " INV-2026-041 ", today).unwrap();
    let invoiced = &list(&store, &all, today).unwrap().lines[0];
    assert_eq!(invoiced.status, PaymentStatus::Invoiced);
    assert_eq!(invoiced.invoice.as_ref().unwrap().number, "INV-2026-041");

    pay(&store, &id, 0, &eur(100_000), "SEPA 88121", today).unwrap();
    let part = &list(&store, &all, today).unwrap().lines[0];
    assert_eq!(part.status, PaymentStatus::PartPaid);
    assert_eq!((part.paid_minor, part.open_minor), (100_000, 50_000));

    let too_much = pay(&store, &id, 0, &eur(60_000), "", today).unwrap_err().to_string();
    assert_eq!(
        too_much,
        "EUR 600.00 is more than the EUR 500.00 still open on payment 1 (On signing)"
    );
    let other_currency = pay(&store, &id, 0, &usd(100), "", today).unwrap_err().to_string();
    assert_eq!(other_currency, "the agreement pays in EUR, not USD");
    assert!(pay(&store, &id, 0, &eur(0), "", today).is_err());
    let missing = pay(&store, &id, 5, &eur(1), "", today).unwrap_err().to_string();
    assert_eq!(missing, "payment 6 is not in this partnership's schedule (it has 2)");

    pay(&store, &id, 0, &eur(50_000), "SEPA 88190", today).unwrap();
    let view = list(&store, &all, today).unwrap();
    assert_eq!(view.lines[0].status, PaymentStatus::Paid);
    assert_eq!(view.lines[0].paid.len(), 2);
    let again = pay(&store, &id, 0, &eur(1), "", today).unwrap_err().to_string();
    assert_eq!(again, "payment 1 (On signing) is paid in full already");
    assert_eq!(
        view.totals,
        [CurrencyTotals {
            currency: "EUR".into(),
            agreed_minor: 300_000,
            paid_minor: 150_000,
            open_minor: 150_000,
            overdue_minor: 0,
        }]
    );
    // Each step is on the timeline, with who logged it.
    let timeline = agreement::get(&store, &id).unwrap().timeline;
    let paid: Vec<_> = timeline
        .iter()
        .filter(|e| matches!(e.event, Event::Paid { .. }))
        .collect();
    assert_eq!(paid.len(), 2);
    assert!(!paid[0].by.is_empty());
}

#[test]
fn overdue_is_past_the_due_date_with_something_open_and_totals_never_mix_currencies() {
    let (_dir, store, spring, zoe) = setup();
    let mut terms = complete_terms();
    terms.compensation.schedule = vec![dated(0.5, "2026-05-01"), dated(0.5, "2026-07-01")];
    let zoe_id = agreed(&store, &spring, &zoe, terms);
    let mut dollars = complete_terms();
    dollars.compensation.currency = "USD".into();
    dollars.compensation.flat_fee = Some(usd(100_000));
    dollars.compensation.kill_fee = Some(usd(0));
    dollars.compensation.schedule = vec![dated(1.0, "2026-05-20")];
    let ines = creator(&store, "Inês Prado", "ines.prado");
    agreed(&store, &spring, &ines, dollars);
    let today = day("2026-06-01");

    let view = list(&store, &PaymentFilter::default(), today).unwrap();
    let overdue: Vec<(&str, Option<u32>)> = view
        .lines
        .iter()
        .map(|l| (l.creator.as_str(), l.overdue_days))
        .collect();
    // Most overdue first, then by due date.
    assert_eq!(
        overdue,
        [
            ("Zoë Łukasiewicz", Some(31)),
            ("Inês Prado", Some(12)),
            ("Zoë Łukasiewicz", None)
        ]
    );
    assert_eq!(view.totals.len(), 2);
    assert_eq!(
        (view.totals[0].currency.as_str(), view.totals[0].overdue_minor),
        ("EUR", 150_000)
    );
    assert_eq!(
        (view.totals[1].currency.as_str(), view.totals[1].agreed_minor),
        ("USD", 100_000)
    );

    // Paying it ends the overdue; a part payment does not.
    pay(&store, &zoe_id, 0, &eur(150_000), "", today).unwrap();
    let only_overdue = PaymentFilter {
        overdue: true,
        ..PaymentFilter::default()
    };
    let still = list(&store, &only_overdue, today).unwrap();
    assert_eq!(still.lines.len(), 1);
    assert_eq!(still.lines[0].creator, "Inês Prado");
    let in_euros = PaymentFilter {
        currency: Some("eur".into()),
        ..PaymentFilter::default()
    };
    let euros = list(&store, &in_euros, today).unwrap();
    assert!(euros.lines.iter().all(|l| l.amount.currency == "EUR"));
    assert_eq!(euros.totals.len(), 1);
    let paid = PaymentFilter {
        status: Some(PaymentStatus::Paid),
        ..PaymentFilter::default()
    };
    assert_eq!(list(&store, &paid, today).unwrap().lines.len(), 1);
}

#[test]
fn payments_add_up_to_the_fee_and_only_agreed_partnerships_have_them() {
    let (_dir, store, spring, zoe) = setup();
    let mut thirds = complete_terms();
    thirds.compensation.flat_fee = Some(eur(10_000));
    thirds.compensation.schedule = (0..3).map(|_| dated(1.0 / 3.0, "2026-05-01")).collect();
    let id = agreed(&store, &spring, &zoe, thirds);
    let view = list(&store, &PaymentFilter::default(), day("2026-04-01")).unwrap();
    let amounts: Vec<i64> = view.lines.iter().map(|l| l.amount.minor).collect();
    assert_eq!(amounts, [3_333, 3_333, 3_334]);
    assert_eq!(view.lines[1].label, "Payment 2");

    let ines = creator(&store, "Inês Prado", "ines.prado");
    let talking = agreement::create(&store, Some(&spring), Some(&ines)).unwrap();
    let refused = invoice(&store, &talking.id.to_string(), 0, "1", day("2026-04-01")).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "this partnership is Prospect: payments are recorded once it is agreed"
    );
    assert_eq!(
        list(&store, &PaymentFilter::default(), day("2026-04-01"))
            .unwrap()
            .lines
            .len(),
        3
    );
    assert!(invoice(&store, &id, 0, "  ", day("2026-04-01")).is_err());
}

#[test]
fn the_accounting_csv_reads_back_with_amounts_as_plain_decimals() {
    let (_dir, store, spring, zoe) = setup();
    let mut terms = complete_terms();
    terms.compensation.schedule = vec![dated(0.5, "2026-05-01"), dated(0.5, "2026-07-01")];
    let id = agreed(&store, &spring, &zoe, terms);
    invoice(&store, &id, 0, "=HYPERLINK(\"x\")", day("2026-04-20")).unwrap();
    pay(&store, &id, 0, &eur(120_050), "SEPA 1", day("2026-04-28")).unwrap();
    let lines = list(&store, &PaymentFilter::default(), day("2026-06-01"))
        .unwrap()
        .lines;
    let mut bytes = Vec::new();
    table::to_csv(&lines, &mut bytes).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let cell = |row: &csv::StringRecord, name: &str| row[header.iter().position(|h| h == name).unwrap()].to_string();
    let first = &rows[0];
    assert_eq!(cell(first, "Creator"), "Zoë Łukasiewicz");
    assert_eq!(cell(first, "Amount"), "1500.00");
    assert_eq!(cell(first, "Paid"), "1200.50");
    assert_eq!(cell(first, "Open"), "299.50");
    assert_eq!(cell(first, "Status"), "Part paid");
    assert_eq!(cell(first, "Days overdue"), "31");
    // A formula in a typed field stays text.
    assert_eq!(cell(first, "Invoice number"), "'=HYPERLINK(\"x\")");
    assert_eq!(cell(&rows[1], "Status"), "Open");
    assert_eq!(table::decimal(150_000, "JPY"), "150000");
}

#[test]
fn a_payment_recorded_in_error_is_withdrawn_with_a_reason_and_stays_on_the_timeline() {
    let (_dir, store, spring, zoe) = setup();
    let id = agreed(&store, &spring, &zoe, complete_terms());
    let today = chrono::Local::now().date_naive();
    let all = PaymentFilter::default();
    // 1,500.00 typed as 15,000.00 would be refused; 500.00 instead of 1,500.00 is not.
    pay(&store, &id, 0, &eur(50_000), "SEPA 1", today).unwrap();
    let wrong = list(&store, &all, today).unwrap().lines[0].paid[0].clone();

    let no_reason = withdraw(&store, &id, 0, wrong.logged_at, "  ", today)
        .unwrap_err()
        .to_string();
    assert_eq!(
        no_reason,
        format!("say why the payment of EUR 500.00 on {today} is withdrawn (the books keep it)")
    );
    withdraw(&store, &id, 0, wrong.logged_at, "typed the wrong amount", today).unwrap();
    let line = &list(&store, &all, today).unwrap().lines[0];
    assert_eq!(
        (line.status, line.paid_minor, line.open_minor),
        (PaymentStatus::Open, 0, 150_000)
    );
    assert!(line.paid.is_empty());
    // Withdrawn once is withdrawn: a second time names nothing.
    assert!(withdraw(&store, &id, 0, wrong.logged_at, "again", today).is_err());

    pay(&store, &id, 0, &eur(150_000), "SEPA 1", today).unwrap();
    assert_eq!(list(&store, &all, today).unwrap().lines[0].status, PaymentStatus::Paid);
    let timeline = agreement::get(&store, &id).unwrap().timeline;
    let kinds: Vec<_> = timeline
        .iter()
        .filter_map(|e| match &e.event {
            Event::Paid { amount, .. } => Some(format!("paid {}", amount.minor)),
            Event::PaymentWithdrawn { reason, .. } => Some(format!("withdrawn: {reason}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        ["paid 50000", "withdrawn: typed the wrong amount", "paid 150000"]
    );
}

#[test]
fn the_pipeline_view_flags_an_overdue_payment_and_a_paid_one_is_never_next() {
    let (_dir, store, spring, zoe) = setup();
    let mut terms = complete_terms();
    terms.compensation.schedule = vec![dated(0.5, "2026-05-01"), dated(0.5, "2026-07-01")];
    let id = agreed(&store, &spring, &zoe, terms);
    let today = day("2026-06-01");

    let seen = agreement::view(&store, &id, today).unwrap();
    let overdue: Vec<_> = seen.payments.iter().map(|p| p.overdue_days).collect();
    assert_eq!(overdue, [Some(31), None]);
    assert_eq!(seen.payments[0].creator, "Zoë Łukasiewicz");
    let next = seen.next_due.unwrap();
    assert_eq!((next.date, next.what.as_str()), (day("2026-07-01"), "a payment"));

    pay(&store, &id, 1, &eur(150_000), "paid early", today).unwrap();
    let seen = agreement::view(&store, &id, today).unwrap();
    assert_eq!(seen.next_due, None, "the July payment is paid");
    assert_eq!(seen.payments[0].overdue_days, Some(31));
}
