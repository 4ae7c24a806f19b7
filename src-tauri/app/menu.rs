//! The menu bar, where the platform has one for every app: macOS. It holds
//! the app menu, File, Edit (which also makes the standard copy and paste
//! keys work in text fields), View, Window and Help, with the same actions
//! and keys as the window's shortcuts (`ui/src/lib/shortcuts.ts`). On Linux
//! and Windows the window has no menu bar; the sidebar and the shortcuts
//! offer the same.
//!
//! A chosen item is sent to the window as its id in the `menu-action`
//! event; the window does what the matching shortcut does.

// Built and tested everywhere, installed only on macOS.
#![cfg_attr(not(target_os = "macos"), allow(dead_code))]

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItem, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

/// The event a chosen menu item is sent to the window in.
pub const EVENT: &str = "menu-action";

/// The screens in the View menu: id suffix, title, key.
const SCREENS: [(&str, &str, &str); 8] = [
    ("roster", "Roster", "CmdOrCtrl+1"),
    ("brands", "Brands", "CmdOrCtrl+2"),
    ("campaigns", "Campaigns", "CmdOrCtrl+3"),
    ("partnerships", "Partnerships", "CmdOrCtrl+4"),
    ("payments", "Payments", "CmdOrCtrl+5"),
    ("calendar", "Calendar", "CmdOrCtrl+6"),
    ("disclosure", "Check a Caption", "CmdOrCtrl+7"),
    ("settings", "Settings", "CmdOrCtrl+8"),
];

fn item<R: Runtime>(app: &AppHandle<R>, id: &str, text: &str, keys: Option<&str>) -> tauri::Result<MenuItem<R>> {
    let builder = MenuItemBuilder::with_id(id, text);
    match keys {
        Some(keys) => builder.accelerator(keys).build(app),
        None => builder.build(app),
    }
}

/// The whole menu bar.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let app_menu = SubmenuBuilder::new(app, "Partnerly")
        .item(&item(app, "about", "About Partnerly", None)?)
        .item(&item(app, "go:settings", "Settings…", Some("CmdOrCtrl+,"))?)
        .separator()
        .services()
        .separator()
        .hide()
        .hide_others()
        .show_all()
        .separator()
        .quit()
        .build()?;
    let file = SubmenuBuilder::new(app, "File")
        .item(&item(app, "import", "Import CSV…", Some("CmdOrCtrl+O"))?)
        .item(&item(app, "new-partnership", "New Partnership", Some("CmdOrCtrl+N"))?)
        .separator()
        .item(&item(app, "export", "Export Workspace…", Some("CmdOrCtrl+E"))?)
        .separator()
        .close_window()
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .separator()
        .item(&item(app, "search", "Search the Roster", Some("CmdOrCtrl+F"))?)
        .build()?;
    let mut view = SubmenuBuilder::new(app, "View");
    for (screen, title, keys) in SCREENS {
        view = view.item(&item(app, &format!("go:{screen}"), title, Some(keys))?);
    }
    let view = view.separator().fullscreen().build()?;
    let window = SubmenuBuilder::new(app, "Window")
        .minimize()
        .maximize()
        .separator()
        .bring_all_to_front()
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item(app, "help", "Keyboard Shortcuts", Some("F1"))?)
        .build()?;
    MenuBuilder::new(app)
        .items(&[&app_menu, &file, &edit, &view, &window, &help])
        .build()
}

/// Passes a chosen item of ours to the window; the predefined ones (copy,
/// quit, …) the system handles itself.
pub fn on_menu_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let _ = app.emit(EVENT, event.id().0.as_str());
}

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::menu::MenuItemKind;

    fn ids<R: Runtime>(items: Vec<MenuItemKind<R>>, into: &mut Vec<String>) {
        for item in items {
            match item {
                MenuItemKind::Submenu(submenu) => ids(submenu.items().unwrap(), into),
                MenuItemKind::MenuItem(item) => into.push(item.id().0.clone()),
                _ => {}
            }
        }
    }

    #[test]
    fn every_item_of_ours_is_an_action_the_window_knows() {
        let app = tauri::test::mock_app();
        let menu = build(app.handle()).unwrap();
        let mut found = Vec::new();
        ids(menu.items().unwrap(), &mut found);
        found.sort();
        found.dedup();
        // The window's list (`menuAction` in ui/src/lib/shortcuts.ts).
        let known = [
            "about",
            "export",
            "go:brands",
            "go:calendar",
            "go:campaigns",
            "go:disclosure",
            "go:partnerships",
            "go:payments",
            "go:roster",
            "go:settings",
            "help",
            "import",
            "new-partnership",
            "search",
        ];
        assert_eq!(found, known);
    }
}
