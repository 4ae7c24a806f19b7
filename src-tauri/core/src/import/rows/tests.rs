use super::*;
use crate::import::columns::map_header;
use Platform::*;

fn read(header: &[&str], row: &[&str]) -> RowOutcome {
    let header: Vec<String> = header.iter().map(|c| c.to_string()).collect();
    let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
    read_row(&cells, &map_header(&header))
}

fn creator(header: &[&str], row: &[&str]) -> RowCreator {
    match read(header, row) {
        RowOutcome::Creator(c) => c,
        other => panic!("{row:?}: {other:?}"),
    }
}

#[test]
fn one_account_per_row_with_a_platform_column() {
    let row = creator(
        &[
            "platform",
            "username",
            "fullname",
            "followers",
            "country",
            "email",
            "category",
        ],
        &[
            "TikTok",
            "@MaraEats",
            "Mara Costa",
            "126.5K",
            "Portugal",
            "MARA@example.com",
            "Vegan food; Travel",
        ],
    );
    assert_eq!(row.name.as_deref(), Some("Mara Costa"));
    assert_eq!(row.accounts, [(Tiktok, "maraeats".to_string(), Some(126_500))]);
    assert_eq!(row.country.as_deref(), Some("PT"));
    assert_eq!(row.email.as_deref(), Some("MARA@example.com"));
    assert_eq!(row.niches, ["vegan food", "travel"]);
}

#[test]
fn links_name_their_platform() {
    let row = creator(
        &["Name", "Profile URL", "Followers"],
        &["Jonas", "https://www.youtube.com/@JonasRides", "312 000"],
    );
    assert_eq!(row.accounts, [(Youtube, "jonasrides".to_string(), Some(312_000))]);
}

#[test]
fn per_platform_columns_make_several_accounts() {
    let row = creator(
        &[
            "Creator Name",
            "Instagram",
            "Instagram Followers",
            "TikTok handle",
            "TikTok Followers",
        ],
        &[
            "Aisha Bello",
            "https://instagram.com/aisha.bello/",
            "214,000",
            "@aishaskin",
            "890K",
        ],
    );
    assert_eq!(
        row.accounts,
        [
            (Instagram, "aisha.bello".to_string(), Some(214_000)),
            (Tiktok, "aishaskin".to_string(), Some(890_000))
        ]
    );
}

#[test]
fn first_and_last_names_are_joined() {
    let row = creator(
        &["Vorname", "Nachname", "Instagram"],
        &["Hannah", "Schulz", "hannah.liest"],
    );
    assert_eq!(row.name.as_deref(), Some("Hannah Schulz"));
}

#[test]
fn empty_cells_say_nothing() {
    let row = creator(
        &["username", "platform", "followers", "email", "notes"],
        &["@x", "instagram", "n/a", "", " "],
    );
    assert_eq!(row.accounts, [(Instagram, "x".to_string(), None)]);
    assert_eq!((row.email, row.notes), (None, None));
}

#[test]
fn blank_and_total_rows_are_skipped() {
    assert_eq!(read(&["username", "followers"], &["", " "]), RowOutcome::Skip);
    assert_eq!(
        read(&["username", "followers"], &["Total", "1,234,000"]),
        RowOutcome::Skip
    );
    assert_eq!(read(&["Name", "Instagram"], &["Gesamt", ""]), RowOutcome::Skip);
}

#[test]
fn rejections_say_what_was_wrong_in_plain_words() {
    let header = ["platform", "username", "followers", "email", "country"];
    let reason = |row: &[&str]| match read(&header, row) {
        RowOutcome::Reject(reason) => reason,
        other => panic!("{row:?}: {other:?}"),
    };
    assert_eq!(
        reason(&["instagram", "@a", "-500", "", ""]),
        "followers '-500' cannot be negative"
    );
    assert_eq!(
        reason(&["instagram", "@a", "lots", "", ""]),
        "followers 'lots' is not a number"
    );
    assert_eq!(
        reason(&["myspace", "@a", "1", "", ""]),
        "platform 'myspace' is not one Partnerly knows"
    );
    assert_eq!(
        reason(&["instagram", "@a", "1", "a@b", ""]),
        "email 'a@b' is not an email address"
    );
    assert_eq!(
        reason(&["instagram", "@a", "1", "", "Atlantis"]),
        "country 'Atlantis' is not one Partnerly knows"
    );
    assert_eq!(
        reason(&["instagram", "", "1", "a@b.com", ""]),
        "no handle or profile link"
    );
    assert_eq!(
        reason(&["instagram", "https://www.tiktok.com/@a", "1", "", ""]),
        "the link 'https://www.tiktok.com/@a' is a TikTok profile, not Instagram"
    );
    let no_platform = match read(&["username", "followers"], &["@mara", "12"]) {
        RowOutcome::Reject(reason) => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(no_platform, "'@mara' does not say which platform it is on");
}
