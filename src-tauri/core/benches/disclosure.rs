//! What the caption check costs as the person types: a short caption and a
//! long one (2,200 characters, Instagram's limit, closing with hashtags),
//! checked for one market and for all 27 the rules cover. Run with
//! `cargo bench -p partnerly-core --bench disclosure`.

use partnerly_core::agreement::terms::ContentFormat;
use partnerly_core::disclosure::{check, rules, Post};
use partnerly_core::roster::Platform;

fn main() {
    divan::main();
}

const SHORT: &str =
    "Werbung | Publicité | Publicidad: my spring coffee with the new oat barista @verdantkitchen #VerdantSpring";

fn long_caption() -> String {
    let mut text = String::from("Morning routine, thanks @verdantkitchen! ");
    while text.chars().count() < 2_100 {
        text.push_str("The oat barista froths like milk and the cat still judges me from the fridge. ");
    }
    text.push_str("#coffee #oat #barista #morning #ad");
    text
}

fn markets(all: bool) -> Vec<String> {
    if all {
        rules::markets().into_iter().map(String::from).collect()
    } else {
        vec!["DE".to_string()]
    }
}

#[divan::bench(args = [false, true])]
fn short_caption(bencher: divan::Bencher, all_markets: bool) {
    let markets = markets(all_markets);
    bencher.bench(|| {
        check(&Post {
            caption: divan::black_box(SHORT),
            platform: Some(Platform::Instagram),
            format: Some(ContentFormat::Reel),
            markets: &markets,
            brand: Some("Verdant Kitchen"),
        })
    });
}

#[divan::bench(args = [false, true])]
fn long_caption_of_2200_characters(bencher: divan::Bencher, all_markets: bool) {
    let markets = markets(all_markets);
    let caption = long_caption();
    bencher.bench(|| {
        check(&Post {
            caption: divan::black_box(&caption),
            platform: Some(Platform::Instagram),
            format: Some(ContentFormat::StorySet),
            markets: &markets,
            brand: None,
        })
    });
}
