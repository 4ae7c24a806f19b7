//! Reading which account a cell or a form field means: `@name`, `name`, or a
//! profile link on any platform Partnerly knows.

use super::model::Platform;
use super::validate::normalise_handle_on;

/// The host names of each platform's profile pages (without `www.` or `m.`).
const HOSTS: &[(&str, Platform)] = &[
    ("instagram.com", Platform::Instagram),
    ("instagr.am", Platform::Instagram),
    ("tiktok.com", Platform::Tiktok),
    ("youtube.com", Platform::Youtube),
    ("x.com", Platform::X),
    ("twitter.com", Platform::X),
    ("twitch.tv", Platform::Twitch),
    ("facebook.com", Platform::Facebook),
    ("fb.com", Platform::Facebook),
    ("linkedin.com", Platform::Linkedin),
    ("pinterest.com", Platform::Pinterest),
    ("snapchat.com", Platform::Snapchat),
    ("threads.net", Platform::Threads),
    ("threads.com", Platform::Threads),
];

/// Which platform a host belongs to, ignoring `www.`, `m.` and country
/// domains such as `pinterest.de` or `uk.linkedin.com`.
fn platform_of_host(host: &str) -> Option<Platform> {
    let host = host.to_ascii_lowercase();
    // `host` is `known` or ends with `.known` (www.instagram.com, uk.linkedin.com).
    let is_or_under = |known: &str| {
        host.strip_suffix(known)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
    };
    HOSTS.iter().find_map(|(known, platform)| {
        let (name, _) = known.rsplit_once('.').unwrap_or((known, ""));
        // pinterest.de, pinterest.co.uk, www.pinterest.fr
        let pinterest_abroad =
            *platform == Platform::Pinterest && host.split('.').rev().skip(1).any(|label| label == name);
        (is_or_under(known) || pinterest_abroad).then_some(*platform)
    })
}

/// Reads an account reference. A link names its own platform; a bare handle
/// needs `hint` (the column or field it came from).
pub fn parse_account_ref(input: &str, hint: Option<Platform>) -> Result<(Platform, String), String> {
    let text = input.trim();
    if let Some((platform, handle)) = parse_profile_url(text)? {
        if let Some(hinted) = hint {
            if hinted != platform {
                return Err(format!(
                    "the link '{text}' is a {} profile, not {}.",
                    platform.label(),
                    hinted.label()
                ));
            }
        }
        return Ok((platform, normalise_handle_on(Some(platform), &handle)?));
    }
    let platform = hint.ok_or_else(|| format!("'{text}' does not say which platform it is on."))?;
    Ok((platform, normalise_handle_on(Some(platform), text)?))
}

/// `Ok(None)` when `text` is not a link at all; an error when it is a link
/// Partnerly cannot read an account from.
fn parse_profile_url(text: &str) -> Result<Option<(Platform, String)>, String> {
    // Compared without lower-casing a copy: this runs for every handle cell.
    let starts_with = |prefix: &str| {
        text.as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let rest = if let Some(i) = text.find("://") {
        &text[i + 3..]
    } else if starts_with("www.")
        || HOSTS
            .iter()
            .any(|(h, _)| starts_with(h) && text.as_bytes().get(h.len()) == Some(&b'/'))
    {
        text
    } else {
        return Ok(None);
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.split(':').next().unwrap_or(host);
    let Some(platform) = platform_of_host(host) else {
        return Err(format!("'{text}' is not a profile link on a platform Partnerly knows."));
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let handle = account_in_path(platform, &segments)
        .ok_or_else(|| format!("'{text}' is a {} link, but not to a profile.", platform.label()))?;
    Ok(Some((platform, handle.trim_start_matches('@').to_string())))
}

/// The path segment that names the account, by each platform's URL scheme.
fn account_in_path<'a>(platform: Platform, segments: &[&'a str]) -> Option<&'a str> {
    let first = *segments.first()?;
    let second = segments.get(1).copied();
    match platform {
        // tiktok.com/@name, threads.net/@name
        Platform::Tiktok | Platform::Threads => first.starts_with('@').then_some(first),
        // youtube.com/@name, /c/name, /user/name (a /channel/UC… id is kept as it is)
        Platform::Youtube => match first {
            "c" | "user" | "channel" => second,
            _ if first.starts_with('@') => Some(first),
            _ => None,
        },
        // linkedin.com/in/name, /company/name
        Platform::Linkedin => matches!(first, "in" | "company").then_some(second).flatten(),
        // snapchat.com/add/name
        Platform::Snapchat => match first {
            "add" => second,
            _ => None,
        },
        // instagram.com/name, x.com/name, twitch.tv/name, facebook.com/name, pinterest.com/name
        _ => {
            const NOT_PROFILES: &[&str] = &[
                "p", "reel", "reels", "explore", "stories", "status", "hashtag", "search", "watch", "pin", "videos",
            ];
            (!NOT_PROFILES.contains(&first.to_ascii_lowercase().as_str()) && second.is_none_or(|s| s != "status"))
                .then_some(first)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Platform::*;

    fn ok(input: &str, hint: Option<Platform>) -> (Platform, String) {
        parse_account_ref(input, hint).unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    #[test]
    fn profile_links_on_every_platform() {
        let cases = [
            ("https://instagram.com/Mara.Eats/", Instagram, "mara.eats"),
            ("https://www.instagram.com/mara.eats?hl=en", Instagram, "mara.eats"),
            ("instagram.com/mara.eats", Instagram, "mara.eats"),
            ("https://www.tiktok.com/@maraeats", Tiktok, "maraeats"),
            ("https://m.tiktok.com/@maraeats?lang=de", Tiktok, "maraeats"),
            ("https://www.youtube.com/@JonasRides", Youtube, "jonasrides"),
            ("https://youtube.com/c/jonasrides/videos", Youtube, "jonasrides"),
            ("https://www.youtube.com/user/jonasrides", Youtube, "jonasrides"),
            (
                "https://www.youtube.com/channel/UC9ODqSfRBs_bgrNdGuWmrUA",
                Youtube,
                "UC9ODqSfRBs_bgrNdGuWmrUA",
            ),
            ("https://x.com/tombecker", X, "tombecker"),
            ("https://twitter.com/tombecker/", X, "tombecker"),
            ("https://www.twitch.tv/kenjiplays", Twitch, "kenjiplays"),
            ("https://www.facebook.com/danfitlife", Facebook, "danfitlife"),
            ("https://www.linkedin.com/in/priya-nair/", Linkedin, "priya-nair"),
            ("https://uk.linkedin.com/in/priya-nair", Linkedin, "priya-nair"),
            (
                "https://www.pinterest.de/emmalindqvisthome/",
                Pinterest,
                "emmalindqvisthome",
            ),
            (
                "https://pinterest.co.uk/emmalindqvisthome",
                Pinterest,
                "emmalindqvisthome",
            ),
            ("https://www.snapchat.com/add/hannahliest", Snapchat, "hannahliest"),
            ("https://www.threads.net/@tombecker", Threads, "tombecker"),
        ];
        for (input, platform, handle) in cases {
            assert_eq!(ok(input, None), (platform, handle.to_string()), "{input}");
        }
    }

    #[test]
    fn bare_handles_take_the_hinted_platform() {
        assert_eq!(ok("@Mara.Eats", Some(Instagram)), (Instagram, "mara.eats".into()));
        assert_eq!(ok("maraeats", Some(Tiktok)), (Tiktok, "maraeats".into()));
        // A channel id keeps its case; a handle that only looks like one elsewhere does not.
        assert_eq!(
            ok("UC9ODqSfRBs_bgrNdGuWmrUA", Some(Youtube)),
            (Youtube, "UC9ODqSfRBs_bgrNdGuWmrUA".into())
        );
        assert_eq!(ok("@JonasRides", Some(Youtube)), (Youtube, "jonasrides".into()));
        assert_eq!(
            ok("UC9ODqSfRBs_bgrNdGuWmrUA", Some(Instagram)),
            (Instagram, "uc9odqsfrbs_bgrndguwmrua".into())
        );
        assert_eq!(
            ok("https://www.tiktok.com/@maraeats", Some(Tiktok)),
            (Tiktok, "maraeats".into())
        );
    }

    #[test]
    fn what_cannot_be_read_is_said() {
        let err = |input: &str, hint| parse_account_ref(input, hint).unwrap_err();
        assert_eq!(err("mara", None), "'mara' does not say which platform it is on.");
        assert_eq!(
            err("https://www.tiktok.com/@maraeats", Some(Instagram)),
            "the link 'https://www.tiktok.com/@maraeats' is a TikTok profile, not Instagram."
        );
        assert!(err("https://myspace.com/mara", None).contains("not a profile link on a platform"));
        assert!(err("https://www.instagram.com/p/Cx1abc/", None).contains("but not to a profile"));
        assert!(err("https://x.com/", None).contains("but not to a profile"));
        assert!(err("https://www.youtube.com/watch?v=abc", None).contains("but not to a profile"));
    }
}
