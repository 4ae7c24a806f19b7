//! `payments` on the sample workspace: invoice, a part payment withdrawn as
//! recorded in error and recorded again, one too many refused, the rest
//! paid, and the accounting CSV read back.

mod common;

use serde_json::Value;

use common::{failure, ok};

fn payments(data_dir: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["payments", "list", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(data_dir, &all)).unwrap()
}

#[test]
fn a_payment_invoiced_part_paid_then_paid_with_the_csv_for_accounting() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    ok(data, &["sample"]);
    let view = payments(data, &[]);
    let lines = view["lines"].as_array().unwrap();
    assert!(lines.len() >= 2, "{view}");
    let first = lines.iter().find(|l| l["status"] == "open").unwrap();
    let id = first["partnership_id"].as_str().unwrap().to_string();
    let number = (first["instalment"].as_u64().unwrap() + 1).to_string();
    let amount = first["amount"]["minor"].as_i64().unwrap();

    ok(
        data,
        &[
            "payments",
            "invoice",
            &id,
            &number,
            "--number",
            "INV-77",
            "--on",
            "2026-11-20",
        ],
    );
    let pay_1000 = || {
        ok(
            data,
            &[
                "payments",
                "pay",
                &id,
                &number,
                "--amount",
                "1000",
                "--reference",
                "SEPA 1",
            ],
        )
    };
    let part = pay_1000();
    assert!(part.contains("still open"), "{part}");
    let line = |view: &Value| {
        view["lines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| {
                l["partnership_id"] == id.as_str() && (l["instalment"].as_u64().unwrap() + 1).to_string() == number
            })
            .cloned()
            .unwrap()
    };
    let now = line(&payments(data, &[]));
    assert_eq!(now["status"], "part_paid");
    assert_eq!(now["open_minor"].as_i64().unwrap(), amount - 100_000);
    assert_eq!(now["invoice"]["number"], "INV-77");

    // A wrong amount is withdrawn with a reason, and the right one recorded.
    let listed = ok(data, &["payments", "list"]);
    assert!(listed.contains("    paid [1] EUR 1,000.00 on "), "{listed}");
    let no_such = failure(data, &["payments", "withdraw", &id, &number, "2", "--reason", "typo"]);
    assert!(no_such.contains("has 1 amount(s) paid towards it"), "{no_such}");
    let withdrawn = ok(
        data,
        &[
            "payments",
            "withdraw",
            &id,
            &number,
            "1",
            "--reason",
            "typed the wrong amount",
        ],
    );
    assert!(withdrawn.starts_with("Withdrew EUR 1,000.00 paid on "), "{withdrawn}");
    let back = line(&payments(data, &[]));
    assert_eq!(
        (back["status"].as_str(), back["open_minor"].as_i64()),
        (Some("invoiced"), Some(amount))
    );
    let timeline = ok(data, &["collab", "show", &id]);
    assert!(timeline.contains("withdrawn: typed the wrong amount"), "{timeline}");
    pay_1000();

    let too_much = failure(data, &["payments", "pay", &id, &number, "--amount", "1000000"]);
    assert!(too_much.contains("is more than the"), "{too_much}");
    let bad_status = failure(data, &["payments", "list", "--status", "settled"]);
    assert!(bad_status.contains("open, invoiced, part-paid or paid"), "{bad_status}");

    let rest = format!("{}", (amount - 100_000) / 100);
    ok(data, &["payments", "pay", &id, &number, "--amount", &rest]);
    let done = line(&payments(data, &["--status", "paid"]));
    assert_eq!(done["paid_minor"].as_i64().unwrap(), amount);
    assert_eq!(done["paid"].as_array().unwrap().len(), 2);

    let file = dir.path().join("payments.csv");
    ok(
        data,
        &["payments", "export", file.to_str().unwrap(), "--status", "paid"],
    );
    let bytes = std::fs::read(&file).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[at("Invoice number")] == "INV-77")
        .collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][at("Status")], "Paid");
    assert_eq!(&rows[0][at("Invoice number")], "INV-77");
    assert_eq!(&rows[0][at("Payment references")], "SEPA 1");
    assert_eq!(rows[0][at("Amount")].parse::<f64>().unwrap(), amount as f64 / 100.0);
}
