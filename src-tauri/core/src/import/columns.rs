//! Which column of a file holds what. The header row is matched against one
//! data table of aliases (`data/column_aliases.tsv`) in several languages,
//! so supporting another export is a line of data, not code.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::Platform;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "platform", rename_all = "snake_case")]
pub enum Field {
    Name,
    FirstName,
    LastName,
    /// A handle or link; the platform comes from a `Platform` column or the link.
    Handle,
    Platform,
    ProfileUrl,
    Followers,
    EngagementRate,
    Engagements,
    /// Average likes per post.
    AvgLikes,
    AvgComments,
    AvgViews,
    /// The country most of the audience is in ("Audience country"): a
    /// dossier figure, not where the creator lives.
    AudienceCountry,
    /// Share of followers judged real, from a vendor export.
    AudienceCredibility,
    /// Share of followers following more than 1,500 accounts.
    MassFollowers,
    Email,
    Country,
    Niches,
    Notes,
    /// "Instagram handle", "TikTok": the account on one platform.
    PlatformHandle(Platform),
    /// "Instagram Followers"
    PlatformFollowers(Platform),
    /// "Instagram Engagement Rate"
    PlatformEngagementRate(Platform),
}

impl Field {
    /// Columns that can name an account, without which a row is no creator.
    pub fn identifies_an_account(self) -> bool {
        matches!(self, Field::Handle | Field::ProfileUrl | Field::PlatformHandle(_))
    }

    /// Columns of numbers, which exports often carry twice: `48.5M` for
    /// reading beside `48500000` for sorting, under the same header. Each
    /// copy is mapped; a row takes the most exact value among them.
    pub fn is_a_figure(self) -> bool {
        matches!(
            self,
            Field::Followers
                | Field::EngagementRate
                | Field::Engagements
                | Field::AvgLikes
                | Field::AvgComments
                | Field::AvgViews
                | Field::AudienceCredibility
                | Field::MassFollowers
                | Field::PlatformFollowers(_)
                | Field::PlatformEngagementRate(_)
        )
    }

    /// The name a person types for this field (`--map "Subs=followers"`),
    /// and back. Per-platform fields are written `followers` and `handle`
    /// with the file's platform chosen (`--platform`).
    pub const NAMES: [&'static str; 14] = [
        "name",
        "handle",
        "platform",
        "profile_url",
        "followers",
        "engagement_rate",
        "avg_likes",
        "avg_comments",
        "avg_views",
        "email",
        "country",
        "niches",
        "notes",
        "ignore",
    ];

    /// How a person names the field: `followers`, `handle (TikTok)`.
    pub fn describe(self) -> String {
        let (of, platform) = match self {
            Field::PlatformHandle(p) => (Field::Handle, Some(p)),
            Field::PlatformFollowers(p) => (Field::Followers, Some(p)),
            Field::PlatformEngagementRate(p) => (Field::EngagementRate, Some(p)),
            other => (other, None),
        };
        let name = SIMPLE_FIELDS.iter().find(|(_, f)| *f == of).map_or("?", |(n, _)| *n);
        match platform {
            Some(p) => format!("{name} ({})", p.label()),
            None => name.to_string(),
        }
    }

    /// `Some(None)` for `ignore`; `None` for a name that is no field.
    pub fn from_name(name: &str) -> Option<Option<Field>> {
        match name.trim() {
            "ignore" => Some(None),
            other => simple_field(other).map(Some),
        }
    }
}

/// The fields that stand for themselves, by the name the alias table's first
/// column (and `--map`) gives them.
const SIMPLE_FIELDS: [(&str, Field); 19] = [
    ("name", Field::Name),
    ("first_name", Field::FirstName),
    ("last_name", Field::LastName),
    ("handle", Field::Handle),
    ("platform", Field::Platform),
    ("profile_url", Field::ProfileUrl),
    ("followers", Field::Followers),
    ("engagement_rate", Field::EngagementRate),
    ("engagements", Field::Engagements),
    ("avg_likes", Field::AvgLikes),
    ("avg_comments", Field::AvgComments),
    ("avg_views", Field::AvgViews),
    ("audience_country", Field::AudienceCountry),
    ("audience_credibility", Field::AudienceCredibility),
    ("mass_followers", Field::MassFollowers),
    ("email", Field::Email),
    ("country", Field::Country),
    ("niches", Field::Niches),
    ("notes", Field::Notes),
];

/// A field named as in the alias table's first column.
fn simple_field(name: &str) -> Option<Field> {
    SIMPLE_FIELDS.iter().find(|(n, _)| *n == name).map(|(_, field)| *field)
}

const TABLE: &str = include_str!("../../data/column_aliases.tsv");

/// Every name a platform goes by in a header.
fn platform_names(platform: Platform) -> &'static [&'static str] {
    match platform {
        Platform::Instagram => &["instagram", "ig", "insta"],
        Platform::Tiktok => &["tiktok", "tik tok"],
        Platform::Youtube => &["youtube", "yt"],
        Platform::X => &["x", "twitter"],
        Platform::Twitch => &["twitch"],
        Platform::Facebook => &["facebook", "fb"],
        Platform::Linkedin => &["linkedin"],
        Platform::Pinterest => &["pinterest"],
        Platform::Snapchat => &["snapchat"],
        Platform::Threads => &["threads"],
    }
}

/// A column table of other exports (`field<TAB>header` lines, `#` comments),
/// as normalised header → what `parse` makes of the field; the first line
/// naming a header wins. Post exports and shop orders read theirs this way.
pub fn alias_table<F: Copy>(table: &str, parse: impl Fn(&str) -> Option<F>) -> HashMap<String, F> {
    let mut map = HashMap::new();
    for line in table.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        if let Some((field, alias)) = line.trim_end().split_once('\t') {
            if let Some(field) = parse(field) {
                map.entry(normalise_header(alias)).or_insert(field);
            }
        }
    }
    map
}

/// Each header cell's meaning by `column_of`; a meaning is taken by its
/// leftmost column only.
pub fn leftmost<F: Copy + PartialEq>(header: &[String], column_of: impl Fn(&str) -> Option<F>) -> Vec<Option<F>> {
    let mut used = Vec::new();
    header
        .iter()
        .map(|cell| {
            let column = column_of(cell)?;
            if used.contains(&column) {
                return None;
            }
            used.push(column);
            Some(column)
        })
        .collect()
}

/// Lower case, and every run of anything but letters and digits as one space.
pub fn normalise_header(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut gap = false;
    for c in header.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// The alias table, expanded: normalised header -> field.
fn aliases() -> &'static HashMap<String, Field> {
    static ALIASES: OnceLock<HashMap<String, Field>> = OnceLock::new();
    ALIASES.get_or_init(|| {
        let mut map = HashMap::new();
        for line in TABLE.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((field, alias)) = line.split_once('\t') else {
                continue;
            };
            if let Some(field) = simple_field(field) {
                map.entry(normalise_header(alias)).or_insert(field);
                continue;
            }
            // `platform_handle:tiktok` is a header of one platform only ("TikToker name").
            let (field, only) = match field.split_once(':') {
                Some((field, platform)) => (field, Platform::parse(platform)),
                None => (field, None),
            };
            let per_platform: fn(Platform) -> Field = match field {
                "platform_handle" => Field::PlatformHandle,
                "platform_followers" => Field::PlatformFollowers,
                "platform_engagement_rate" => Field::PlatformEngagementRate,
                // The table is checked by a test; an unknown field is a typo there.
                _ => continue,
            };
            if let Some(platform) = only {
                map.entry(normalise_header(alias)).or_insert(per_platform(platform));
                continue;
            }
            for platform in Platform::ALL {
                for name in platform_names(platform) {
                    let header = normalise_header(&alias.replace("{platform}", name));
                    map.entry(header).or_insert(per_platform(platform));
                }
            }
        }
        map
    })
}

/// The field a header names, if Partnerly knows it. A header that is not
/// in the table as a whole is tried by its first line ("Followers" of a
/// header "Followers⏎(exact)") and without a bracketed remark
/// ("Subscribers (number)").
pub fn field_of(header: &str) -> Option<Field> {
    let table = aliases();
    let lookup = |text: &str| table.get(&normalise_header(text)).copied();
    lookup(header)
        .or_else(|| header.trim().lines().next().and_then(lookup))
        .or_else(|| {
            let cut = header.find(['(', '[']).map_or(header, |at| &header[..at]);
            (cut.len() < header.len()).then(|| lookup(cut)).flatten()
        })
}

/// A field for each column of `header`. A field of text is used at most once
/// (the leftmost column wins; the others are left unmapped for the person to
/// choose); a figure may be mapped from several columns (`Field::is_a_figure`).
pub fn map_header(header: &[String]) -> Vec<Option<Field>> {
    let mut used = Vec::new();
    header
        .iter()
        .map(|cell| {
            let field = field_of(cell)?;
            if used.contains(&field) && !field.is_a_figure() {
                return None;
            }
            used.push(field);
            Some(field)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn every_line_of_the_table_is_understood() {
        let known = [
            "name",
            "first_name",
            "last_name",
            "handle",
            "platform",
            "profile_url",
            "followers",
            "engagement_rate",
            "engagements",
            "avg_likes",
            "avg_comments",
            "avg_views",
            "audience_country",
            "audience_credibility",
            "mass_followers",
            "email",
            "country",
            "niches",
            "notes",
            "platform_handle",
            "platform_followers",
            "platform_engagement_rate",
        ];
        for line in TABLE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let (field, alias) = line.split_once('\t').unwrap_or_else(|| panic!("no tab in {line:?}"));
            let field = match field.split_once(':') {
                Some((field, platform)) => {
                    assert!(Platform::parse(platform).is_some(), "unknown platform in {line:?}");
                    assert!(
                        field.starts_with("platform_"),
                        "a platform on a general field in {line:?}"
                    );
                    field
                }
                None => field,
            };
            assert!(known.contains(&field), "unknown field in {line:?}");
            assert!(!alias.trim().is_empty(), "empty alias in {line:?}");
        }
    }

    #[test]
    fn headers_are_compared_loosely() {
        assert_eq!(normalise_header("  Followers_Count "), "followers count");
        assert_eq!(normalise_header("E-Mail-Adresse"), "e mail adresse");
        assert_eq!(normalise_header("Engagement Rate (%)"), "engagement rate");
        assert_eq!(normalise_header("Prénom"), "prénom");
    }

    #[test]
    fn upfluence_import_template() {
        let fields = map_header(&header(&[
            "influencer_id",
            "media_url",
            "profile_name",
            "first_name",
            "last_name",
            "phone_number",
            "email",
            "shipping_address.country_code",
            "merge_fields",
        ]));
        assert_eq!(
            fields,
            [
                None,
                Some(Field::ProfileUrl),
                Some(Field::Name),
                Some(Field::FirstName),
                Some(Field::LastName),
                None,
                Some(Field::Email),
                Some(Field::Country),
                None
            ]
        );
    }

    #[test]
    fn discovery_tool_export() {
        let fields = map_header(&header(&[
            "platform",
            "userId",
            "url",
            "username",
            "fullname",
            "followers",
            "engagements",
            "engagementRate",
        ]));
        assert_eq!(
            fields,
            [
                Some(Field::Platform),
                None,
                Some(Field::ProfileUrl),
                Some(Field::Handle),
                Some(Field::Name),
                Some(Field::Followers),
                Some(Field::Engagements),
                Some(Field::EngagementRate),
            ]
        );
    }

    #[test]
    fn per_platform_columns() {
        let fields = map_header(&header(&[
            "Creator Name",
            "Instagram Followers",
            "Instagram Engagement Rate",
            "TikTok handle",
            "TikTok Followers",
            "Twitter",
            "YT Subscribers",
        ]));
        assert_eq!(
            fields,
            [
                Some(Field::Name),
                Some(Field::PlatformFollowers(Platform::Instagram)),
                Some(Field::PlatformEngagementRate(Platform::Instagram)),
                Some(Field::PlatformHandle(Platform::Tiktok)),
                Some(Field::PlatformFollowers(Platform::Tiktok)),
                Some(Field::PlatformHandle(Platform::X)),
                Some(Field::PlatformFollowers(Platform::Youtube)),
            ]
        );
    }

    #[test]
    fn german_french_and_spanish_sheets() {
        let de = map_header(&header(&[
            "Vorname",
            "Nachname",
            "Benutzername",
            "Plattform",
            "Abonnenten",
            "E-Mail",
            "Land",
            "Kategorie",
            "Notizen",
        ]));
        let fr = map_header(&header(&[
            "Prénom",
            "Nom de famille",
            "Pseudo",
            "Plateforme",
            "Abonnés",
            "Courriel",
            "Pays",
            "Catégorie",
            "Remarques",
        ]));
        let es = map_header(&header(&[
            "Nombre",
            "Apellidos",
            "Usuario",
            "Red social",
            "Seguidores",
            "Correo electrónico",
            "País",
            "Nicho",
            "Notas",
        ]));
        let expected_tail = [
            Some(Field::Handle),
            Some(Field::Platform),
            Some(Field::Followers),
            Some(Field::Email),
            Some(Field::Country),
            Some(Field::Niches),
            Some(Field::Notes),
        ];
        assert_eq!(de[..2], [Some(Field::FirstName), Some(Field::LastName)]);
        assert_eq!(fr[..2], [Some(Field::FirstName), Some(Field::LastName)]);
        assert_eq!(es[..2], [Some(Field::Name), Some(Field::LastName)]);
        assert_eq!(de[2..], expected_tail);
        assert_eq!(fr[2..], expected_tail);
        assert_eq!(es[2..], expected_tail);
    }

    #[test]
    fn fields_are_described_by_the_names_that_map_them() {
        for (name, field) in SIMPLE_FIELDS {
            assert_eq!(field.describe(), name);
            assert_eq!(Field::from_name(name), Some(Some(field)));
        }
        assert_eq!(
            Field::PlatformFollowers(Platform::Youtube).describe(),
            "followers (YouTube)"
        );
        assert_eq!(Field::from_name("ignore"), Some(None));
        assert_eq!(Field::from_name("subscribers"), None);
    }

    #[test]
    fn a_field_is_mapped_once() {
        assert_eq!(
            map_header(&header(&["Email", "E-Mail", "Name"])),
            [Some(Field::Email), None, Some(Field::Name)]
        );
    }
}
