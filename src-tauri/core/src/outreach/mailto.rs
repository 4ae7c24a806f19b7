//! A `mailto:` link (RFC 6068) that opens a message in the person's mail
//! app with its address, subject and text filled in.

/// Everything but RFC 3986's unreserved characters is percent-encoded, so
/// `&`, `?`, `#` and `%` in a subject cannot cut it short, and line breaks
/// travel as CRLF, which RFC 6068 asks for in a body.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    let normalised = text.replace("\r\n", "\n").replace('\n', "\r\n");
    for byte in normalised.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The link; an address is kept as typed except for what would end it.
pub fn link(to: Option<&str>, subject: &str, body: &str) -> String {
    let address = to.map(str::trim).unwrap_or("");
    let address: String = address
        .chars()
        .map(|c| match c {
            '?' | '#' | '%' | ' ' | '&' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!("mailto:{address}?subject={}&body={}", encode(subject), encode(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_characters_and_line_breaks_are_encoded() {
        let url = link(Some("mara@example.com"), "Fee & dates? 100%", "Hi Mara,\nthanks\n— Jo");
        assert_eq!(
            url,
            "mailto:mara@example.com?subject=Fee%20%26%20dates%3F%20100%25&body=Hi%20Mara%2C%0D%0Athanks%0D%0A%E2%80%94%20Jo"
        );
    }

    #[test]
    fn without_an_address_the_mail_app_asks_for_one() {
        assert!(link(None, "Hello", "").starts_with("mailto:?subject=Hello&body="));
    }
}
