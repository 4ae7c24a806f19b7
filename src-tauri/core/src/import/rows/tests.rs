use super::*;
use crate::import::columns::map_header;
use crate::roster::figures::Rate;
use Platform::*;

fn read(header: &[&str], row: &[&str]) -> RowOutcome {
    let header: Vec<String> = header.iter().map(|c| c.to_string()).collect();
    let cells: Vec<String> = row.iter().map(|c| c.to_string()).collect();
    read_row(&cells, &map_header(&header), None)
}

fn creator(header: &[&str], row: &[&str]) -> RowCreator {
    match read(header, row) {
        RowOutcome::Creator(c) => *c,
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
        reason(&["myspace", "@a", "1", "", ""]),
        "platform 'myspace' is not one Partnerly knows"
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
    assert_eq!(
        no_platform,
        "'@mara' does not say which platform it is on: choose the platform the file's accounts are on \
         (\"These accounts are on\", or --platform)"
    );
}

#[test]
fn a_bad_optional_cell_is_a_warning_and_the_creator_is_kept() {
    let header = ["platform", "username", "followers", "email", "country", "profile url"];
    let kept = |row: &[&str]| creator(&header, row);
    let warnings = |row: &[&str]| -> Vec<(usize, String)> {
        kept(row).warnings.into_iter().map(|w| (w.column, w.reason)).collect()
    };
    assert_eq!(
        warnings(&["instagram", "@a", "-500", "", "", ""]),
        [(2, "followers '-500' cannot be negative; left empty".to_string())]
    );
    assert_eq!(
        warnings(&["instagram", "@a", "lots", "", "", ""]),
        [(2, "followers 'lots' is not a number; left empty".to_string())]
    );
    assert_eq!(
        warnings(&["instagram", "@a", "1", "fill in emails yourself", "", ""]),
        [(
            3,
            "email 'fill in emails yourself' is not an email address; left empty".to_string()
        )]
    );
    assert_eq!(
        warnings(&["instagram", "@a", "1", "", "All", ""]),
        [(4, "country 'All' is not one Partnerly knows; left empty".to_string())]
    );
    // NaN and N/A are nothing at all, in a country column as anywhere.
    assert_eq!(warnings(&["instagram", "@a", "1", "", "NaN", ""]), []);
    assert_eq!(warnings(&["instagram", "@a", "1", "", "N/A", ""]), []);
    let home_page = kept(&["instagram", "@a", "1", "", "", "https://www.instagram.com/"]);
    assert_eq!(home_page.accounts, [(Instagram, "a".to_string(), Some(1))]);
    assert_eq!(home_page.warnings.len(), 1);
    assert_eq!(home_page.warnings[0].column, 5);
    assert!(
        home_page.warnings[0]
            .reason
            .contains("is a Instagram link, but not to a profile")
            || home_page.warnings[0].reason.contains("but not to a profile"),
        "{:?}",
        home_page.warnings
    );
    let row = kept(&["instagram", "@a", "1", "a@b.com", "Spain", ""]);
    assert_eq!(
        (row.email.as_deref(), row.country.as_deref()),
        (Some("a@b.com"), Some("ES"))
    );
    assert!(row.warnings.is_empty());
}

#[test]
fn plain_value_columns_belong_to_a_per_platform_handle() {
    let row = creator(&["Creator", "TikTok handle", "Followers"], &["Ana", "@ana", "107,859"]);
    assert_eq!(row.accounts, [(Tiktok, "ana".to_string(), Some(107_859))]);
    let row = creator(
        &[
            "Name",
            "Instagram handle",
            "Follower Count",
            "Engagement rate",
            "Avg likes",
        ],
        &["Ana", "@ana", "12.4K", "3.1%", "420"],
    );
    assert_eq!(row.accounts, [(Instagram, "ana".to_string(), Some(12_400))]);
    let figures = &row.figures.accounts[0];
    assert_eq!(figures.platform, Instagram);
    assert_eq!(figures.avg_likes, Some(420));
    assert_eq!(figures.engagement_rate, Some(Rate::OfColumn { column: 3, number: 3.1 }));
    assert_eq!(row.percent_columns, [3]);
    // A per-platform count of its own wins; the plain one goes to the account without one.
    let row = creator(
        &["Name", "Instagram", "Instagram Followers", "TikTok", "Subscribers"],
        &["Ana", "@ana", "5000", "@ana.tt", "9000"],
    );
    assert_eq!(
        row.accounts,
        [
            (Instagram, "ana".to_string(), Some(5_000)),
            (Tiktok, "ana.tt".to_string(), Some(9_000))
        ]
    );
}

#[test]
fn the_file_platform_names_bare_handles() {
    let header: Vec<String> = ["Username", "Followers"].iter().map(|c| c.to_string()).collect();
    let RowOutcome::Creator(row) = read_row(&["@Mara", "12"], &map_header(&header), Some(Tiktok)) else {
        panic!("a creator");
    };
    assert_eq!(row.accounts, [(Tiktok, "mara".to_string(), Some(12))]);
}

#[test]
fn youtube_channel_ids_keep_their_case_and_the_title_is_the_name() {
    let row = creator(
        &["Title", "Channel ID", "Subscribers"],
        &["Cocomelon - Nursery Rhymes", "UC9ODqSfRBs_bgrNdGuWmrUA", "185M"],
    );
    assert_eq!(row.name.as_deref(), Some("Cocomelon - Nursery Rhymes"));
    assert_eq!(
        row.accounts,
        [(Youtube, "UC9ODqSfRBs_bgrNdGuWmrUA".to_string(), Some(185_000_000))]
    );
}

#[test]
fn display_and_exact_twins_prefer_the_exact_number() {
    let header = ["Name", "Instagram", "Followers", "Followers "];
    let row = creator(&header, &["Ana", "@ana", "48.5M", "48512345"]);
    assert_eq!(row.accounts[0].2, Some(48_512_345));
    let row = creator(&header, &["Ana", "@ana", "48.5M", "#VALOR!"]);
    assert_eq!(row.accounts[0].2, Some(48_500_000));
    assert!(row.warnings.is_empty());
    let row = creator(&header, &["Ana", "@ana", "lots", "48512345"]);
    assert_eq!(row.accounts[0].2, Some(48_512_345));
    assert!(row.warnings.is_empty(), "a twin that reads is enough");
    // A header with a line break inside its quotes is read by its first line.
    let row = creator(
        &["Name", "Instagram", "Followers\n(exact)"],
        &["Ana", "@ana", "48512345"],
    );
    assert_eq!(row.accounts[0].2, Some(48_512_345));
}

#[test]
fn text_cells_share_one_rule_for_junk_and_mojibake() {
    let row = creator(
        &["Name", "Instagram", "Country", "Category", "Audience country"],
        &["#NAME?", "@ana", "CÃ´te d'Ivoire", "nan, Food", "Brazil"],
    );
    assert_eq!(row.name, None);
    assert_eq!(row.country.as_deref(), Some("CI"));
    assert_eq!(row.niches, ["food"]);
    assert_eq!(row.figures.audience_country.as_deref(), Some("BR"));
}
