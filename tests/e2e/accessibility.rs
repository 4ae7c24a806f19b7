//! An automated accessibility check (axe-core, WCAG 2.1 A and AA rules) over
//! the main screens of the real window, in the light and the dark theme's
//! colours as the system sets them: the welcome, the roster, a creator with
//! the scorecard, brands, campaigns, a campaign's dashboard, the pipeline,
//! the wizard, the caption checker, settings and the shortcut list.
//!
//! axe-core is the npm package in `ui/node_modules`; it is put into the page
//! through WebDriver, never bundled with the app.

use fantoccini::Client;
use serde_json::Value;

use super::harness::Harness;
use super::{click, find};

/// The rule sets checked: WCAG 2.0 and 2.1, levels A and AA.
const RULES: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

/// Runs axe over the page as it is now; returns each violation worded as
/// "rule (impact): help — where".
async fn violations(app: &Client) -> Vec<String> {
    let loaded = app
        .execute("return typeof window.axe !== 'undefined';", vec![])
        .await
        .unwrap();
    if loaded != Value::Bool(true) {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/ui/node_modules/axe-core/axe.min.js"
        ))
        .expect("axe-core is installed in ui/node_modules (npm install in ui)");
        app.execute(&format!("{source}\nreturn true;"), vec![]).await.unwrap();
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {RULES} }} }})
           .then(r => done({{ passed: r.passes.length, violations: r.violations.map(v => `${{v.id}} (${{v.impact}}): ${{v.help}} — ` +
               v.nodes.slice(0, 4).map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : '')).join('; ')) }}))
           .catch(e => done({{ passed: 0, violations: ['axe failed: ' + e] }}));"
    );
    let found = app.execute_async(&script, vec![]).await.unwrap();
    // A page axe could not look into passes nothing; a real screen passes dozens of rules.
    let passed = found["passed"].as_u64().unwrap_or(0);
    let mut violations: Vec<String> = found["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect();
    if passed < 10 {
        violations.push(format!("axe passed only {passed} rules: it did not see the page"));
    }
    violations
}

/// Checks the screen and collects what is wrong under its name.
async fn check(app: &Client, screen: &str, problems: &mut Vec<String>) {
    // Let transitions and data loads settle: axe reads what is painted.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    for violation in violations(app).await {
        problems.push(format!("{screen}: {violation}"));
    }
}

async fn main_screens(app: &Client, problems: &mut Vec<String>) {
    find(app, "//h1[normalize-space()='Roster']").await;
    find(app, "//button[@data-creator='Aisha Bello']").await;
    check(app, "Roster", problems).await;
    click(app, "//button[normalize-space()='Possible duplicates']").await;
    find(app, "//p[normalize-space()='No possible duplicates on the roster.']").await;
    check(app, "Possible duplicates", problems).await;
    click(app, "//div[@role='dialog']//button[normalize-space()='Close']").await;
    click(app, "//button[@data-creator='Aisha Bello']").await;
    find(app, "//h1[normalize-space()='Aisha Bello']").await;
    check(app, "Creator with scorecard", problems).await;

    click(app, "//nav//button[normalize-space()='Brands']").await;
    find(app, "//h1[normalize-space()='Brands']").await;
    check(app, "Brands", problems).await;

    click(app, "//nav//button[normalize-space()='Campaigns']").await;
    find(app, "//h1[normalize-space()='Campaigns']").await;
    check(app, "Campaigns", problems).await;

    click(
        app,
        "//li[@data-campaign='Spring oat barista launch']//button[normalize-space()='Performance']",
    )
    .await;
    find(app, "//figure[@data-chart='funnel']//*[name()='svg']").await;
    check(app, "Campaign dashboard", problems).await;

    click(app, "//nav//button[normalize-space()='Partnerships']").await;
    find(app, "//h1[normalize-space()='Partnerships']").await;
    check(app, "Pipeline", problems).await;

    click(
        app,
        "//section[@data-status='agreed']//article[@data-creator='Sofía Herrera']//button[contains(@class,'open')]",
    )
    .await;
    find(
        app,
        "//section[@aria-labelledby='composer-title']//textarea[@aria-label='Message text']",
    )
    .await;
    check(app, "Collaboration with the message composer", problems).await;
    click(app, "//nav//button[normalize-space()='Partnerships']").await;
    find(app, "//h1[normalize-space()='Partnerships']").await;

    click(app, "//button[normalize-space()='New partnership']").await;
    find(app, "//h2[normalize-space()='1. Campaign']").await;
    check(app, "Wizard", problems).await;

    click(app, "//nav//button[normalize-space()='Payments']").await;
    find(app, "//ul[@aria-label='Totals per currency']").await;
    check(app, "Payments", problems).await;

    click(app, "//nav//button[normalize-space()='Calendar']").await;
    find(app, "//section[@aria-label='Overdue']").await;
    check(app, "Calendar agenda", problems).await;
    click(app, "//label[normalize-space()='Month']/input").await;
    find(app, "//table[contains(@class,'month')]").await;
    check(app, "Calendar month", problems).await;

    click(app, "//nav//button[normalize-space()='Check a caption']").await;
    find(app, "//textarea[@id='caption-text']").await;
    check(app, "Check a caption", problems).await;

    click(app, "//nav//button[normalize-space()='Settings']").await;
    find(app, "//h1[normalize-space()='Settings']").await;
    find(app, "//table//td[normalize-space()='Daily copy']").await;
    check(app, "Settings", problems).await;

    click(app, "//button[normalize-space()='Keyboard shortcuts']").await;
    find(app, "//h2[normalize-space()='Keyboard shortcuts']").await;
    check(app, "Keyboard shortcuts", problems).await;
}

/// Presses Tab through the page as a keyboard user does and returns what got
/// focus each time, failing for any control drawn without a visible focus.
async fn tab_through(harness: &Harness, app: &Client, presses: usize, problems: &mut Vec<String>) -> Vec<String> {
    let mut reached = Vec::new();
    for _ in 0..presses {
        harness.press("Tab");
        tokio::time::sleep(std::time::Duration::from_millis(120)).await;
        let focused = app
            .execute(
                "const el = document.activeElement;
                 if (!el || el === document.body) return null;
                 const style = getComputedStyle(el);
                 const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || el.id || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
                 const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
                 return { name: el.tagName.toLowerCase() + ' ' + name, visible };",
                vec![],
            )
            .await
            .unwrap();
        if let Some(name) = focused["name"].as_str() {
            if focused["visible"] != Value::Bool(true) {
                problems.push(format!("keyboard focus on {name} is not visible"));
            }
            reached.push(name.to_string());
        }
    }
    reached
}

#[tokio::test(flavor = "multi_thread")]
async fn the_main_screens_pass_an_automated_accessibility_check() {
    let (_turn, harness) = Harness::start_exclusive(15).await;
    let mut problems = Vec::new();

    let empty = tempfile::tempdir().unwrap();
    let app = harness.launch(empty.path()).await;
    find(&app, "//h1[normalize-space()='Welcome to Partnerly']").await;
    check(&app, "Welcome", &mut problems).await;
    app.close().await.unwrap();

    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let app = harness.launch(data.path()).await;
    main_screens(&app, &mut problems).await;
    harness.press("Escape");

    // The keyboard alone reaches the sidebar, the screen's actions and the
    // roster's rows, and always shows where it is.
    click(&app, "//nav//button[normalize-space()='Roster']").await;
    find(&app, "//button[@data-creator='Aisha Bello']").await;
    let reached = tab_through(&harness, &app, 30, &mut problems).await;
    for expected in [
        "button Brands",
        "button Settings",
        "button Import CSV…",
        "button Add influencer",
        "input Search the roster",
        "button AB Aisha Bello",
    ] {
        if !reached.iter().any(|name| name.starts_with(expected)) {
            problems.push(format!(
                "Tab never reached {expected}; it reached: {}",
                reached.join(", ")
            ));
        }
    }
    app.close().await.unwrap();
    drop(harness);

    // The same screens in the dark theme, as a system set to dark shows them.
    let harness = Harness::start_with_env(15, &[("GTK_THEME", "Adwaita:dark")]);
    let app = harness.launch(data.path()).await;
    let dark = app
        .execute("return matchMedia('(prefers-color-scheme: dark)').matches;", vec![])
        .await
        .unwrap();
    assert_eq!(dark, Value::Bool(true), "the window follows the system's dark theme");
    let mut dark_problems = Vec::new();
    main_screens(&app, &mut dark_problems).await;
    problems.extend(dark_problems.into_iter().map(|p| format!("dark theme, {p}")));
    app.close().await.unwrap();

    assert!(
        problems.is_empty(),
        "{} accessibility problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
