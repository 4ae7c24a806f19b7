//! A caption as the checker reads it: words, hashtags and @mentions, each
//! with the character it starts at (the "more" fold counts characters, not bytes).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Hashtag,
    Mention,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    /// Lower case; a hashtag keeps its `#`, a mention its `@`.
    pub text: String,
    /// Characters before it in the caption.
    pub start: usize,
}

/// Splits a caption into tokens. Anything that is neither a letter, a digit
/// nor `_` separates them; `#` and `@` start a hashtag or mention when a
/// letter or digit follows.
pub fn tokens(caption: &str) -> Vec<Token> {
    let chars: Vec<char> = caption.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let part = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let marked = (c == '#' || c == '@') && chars.get(i + 1).is_some_and(|&n| part(n));
        if !marked && !part(c) {
            i += 1;
            continue;
        }
        let start = i;
        let kind = match c {
            '#' if marked => Kind::Hashtag,
            '@' if marked => Kind::Mention,
            _ => Kind::Word,
        };
        i += 1;
        // Mentions may hold dots (@mara.eats) when a name character follows.
        while i < chars.len()
            && (part(chars[i])
                || (kind == Kind::Mention && chars[i] == '.' && chars.get(i + 1).is_some_and(|&n| part(n))))
        {
            i += 1;
        }
        out.push(Token {
            kind,
            text: chars[start..i].iter().collect::<String>().to_lowercase(),
            start,
        });
    }
    out
}

/// Where the caption's closing run of hashtags begins (hashtags and mentions
/// only, three or more of them), if it has one.
pub fn trailing_tag_run(tokens: &[Token]) -> Option<usize> {
    let mut first = tokens.len();
    while first > 0 && tokens[first - 1].kind != Kind::Word {
        first -= 1;
    }
    let hashtags = tokens[first..].iter().filter(|t| t.kind == Kind::Hashtag).count();
    (hashtags >= 3).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(caption: &str) -> Vec<(Kind, String, usize)> {
        tokens(caption).into_iter().map(|t| (t.kind, t.text, t.start)).collect()
    }

    #[test]
    fn words_hashtags_and_mentions_with_their_character_offsets() {
        assert_eq!(
            texts("Ad | Publicité: ça mousse! @mara.eats #VerdantSpring #"),
            vec![
                (Kind::Word, "ad".into(), 0),
                (Kind::Word, "publicité".into(), 5),
                (Kind::Word, "ça".into(), 16),
                (Kind::Word, "mousse".into(), 19),
                (Kind::Mention, "@mara.eats".into(), 27),
                (Kind::Hashtag, "#verdantspring".into(), 38),
            ]
        );
    }

    #[test]
    fn a_closing_run_needs_three_hashtags() {
        let run = tokens("Sunny day #beach #sun @acme #ad");
        assert_eq!(trailing_tag_run(&run), Some(2));
        assert_eq!(trailing_tag_run(&tokens("Sunny day #beach #ad")), None);
        assert_eq!(trailing_tag_run(&tokens("#ad #beach #sun")), Some(0));
    }
}
