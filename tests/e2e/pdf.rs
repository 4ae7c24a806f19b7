//! Reading a PDF the app wrote as a person's PDF reader would: poppler's
//! text and font listing, and qpdf's check of the file's structure.

use std::process::Command;

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's words one space apart, whatever the layout; after checking
/// that every font is embedded and the file's structure is sound.
pub fn read_checked(pdf: &str) -> String {
    let fonts = run("pdffonts", &[pdf]);
    let listed: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!listed.is_empty(), "{fonts}");
    for line in listed {
        assert!(
            line.contains("Inter") && line.contains(" yes yes "),
            "not embedded: {line}"
        );
    }
    run("qpdf", &["--check", pdf]);
    run("pdftotext", &[pdf, "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
