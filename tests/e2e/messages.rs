//! Messages end to end: on the sample workspace, an offer to Sofía comes
//! filled in Spanish, her language; edited, it opens in the mail app (a
//! stand-in registered as the desktop's mailto: handler, reached through
//! the opener plugin and xdg-open as a person's mail app would be) and is
//! logged on the timeline; the store says so after the window is closed.

use std::path::Path;
use std::time::Duration;

use partnerly_core::collaboration::Event;

use super::harness::Harness;
use super::{click, find, store_after_exit};

/// A mail app that writes down every link it is asked to open, set as the
/// default for mailto: in a desktop of the test's own (XDG directories).
fn stand_in_mail_app(dir: &Path) -> (String, String) {
    let (data, config) = (dir.join("xdg-data"), dir.join("xdg-config"));
    std::fs::create_dir_all(data.join("applications")).unwrap();
    std::fs::create_dir_all(&config).unwrap();
    let script = dir.join("record-mail");
    let opened = dir.join("opened.txt");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::write(
        data.join("applications/partnerly-test-mail.desktop"),
        format!(
            "[Desktop Entry]\nType=Application\nName=Test mail\nExec={} %u\nMimeType=x-scheme-handler/mailto;\n",
            script.display()
        ),
    )
    .unwrap();
    std::fs::write(
        config.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/mailto=partnerly-test-mail.desktop\n",
    )
    .unwrap();
    (data.display().to_string(), config.display().to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn an_offer_in_the_creators_language_opens_in_the_mail_app_and_is_logged() {
    let desktop = tempfile::tempdir().unwrap();
    let (xdg_data, xdg_config) = stand_in_mail_app(desktop.path());
    let (_turn, harness) =
        Harness::start_exclusive_with_env(19, &[("XDG_DATA_HOME", &xdg_data), ("XDG_CONFIG_HOME", &xdg_config)]).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
        partnerly_core::identity::set(&store, "Ana Ruiz").unwrap();
    }
    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Partnerships']").await;
    click(
        &app,
        "//section[@data-status='agreed']//article[@data-creator='Sofía Herrera']//button[contains(@class,'open')]",
    )
    .await;
    const COMPOSER: &str = "//section[@aria-labelledby='composer-title']";
    find(
        &app,
        &format!("{COMPOSER}//option[normalize-space()=\"Spanish (creator's)\"]"),
    )
    .await;
    let subject = find(&app, &format!("{COMPOSER}//input[@aria-label='Subject']")).await;
    let composed = subject.prop("value").await.unwrap().unwrap();
    assert!(
        composed.starts_with("Colaboración pagada con Verdant Kitchen: "),
        "{composed}"
    );
    let text = find(&app, &format!("{COMPOSER}//textarea[@aria-label='Message text']")).await;
    let body = text.prop("value").await.unwrap().unwrap();
    assert!(body.starts_with("Hola Sofía:"), "{body}");
    assert!(body.ends_with("Un saludo,\nAna Ruiz"), "{body}");
    find(
        &app,
        &format!("{COMPOSER}//p[normalize-space()='To: sofia.herrera@correo.es']"),
    )
    .await;

    text.send_keys(" ¡Gracias!").await.unwrap();
    harness.screenshot("40-message-composer");
    click(
        &app,
        &format!("{COMPOSER}//button[normalize-space()='Open in mail app']"),
    )
    .await;
    let opened = desktop.path().join("opened.txt");
    let started = std::time::Instant::now();
    while !opened.exists() && started.elapsed() < Duration::from_secs(30) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let link = std::fs::read_to_string(&opened).expect("the mail app was asked to open the message");
    assert!(
        link.starts_with("mailto:sofia.herrera@correo.es?subject=Colaboraci%C3%B3n%20pagada%20con%20Verdant%20Kitchen"),
        "{link}"
    );
    assert!(link.trim_end().ends_with("Ana%20Ruiz%20%C2%A1Gracias!"), "{link}");

    click(&app, &format!("{COMPOSER}//button[normalize-space()='Log as sent']")).await;
    find(
        &app,
        &format!(
            "//section[@aria-label='Timeline']//li[@data-kind='sent']//p[starts-with(normalize-space(), 'Sent (offer): {}')]",
            composed.split(':').next().unwrap()
        ),
    )
    .await;
    app.close().await.unwrap();

    let store = store_after_exit(data.path()).await;
    let sofia = partnerly_core::agreement::list(&store)
        .unwrap()
        .into_iter()
        .find(|p| p.timeline.iter().any(|e| matches!(e.event, Event::Sent { .. })))
        .expect("a partnership has the message on its timeline");
    let entry = sofia.timeline.last().unwrap();
    assert_eq!(entry.by, "Ana Ruiz");
    match &entry.event {
        Event::Sent { subject, text, .. } => {
            assert_eq!(subject, &composed);
            assert!(text.ends_with("Ana Ruiz ¡Gracias!"), "{text}");
        }
        other => panic!("the last entry is {other:?}"),
    }
}
