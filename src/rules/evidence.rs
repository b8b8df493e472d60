//! Content that shows a section is there without a heading of its own: an install
//! command is installation, a license statement is the license, a code example is usage.
//! Each test reads what the document model already holds (code blocks and spans, links,
//! paragraphs), once per file.

use crate::document::{BlockKind, Document};
use crate::sections::Evidence;
use crate::source::SourceText;

/// What a README's content shows, found once per file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContentEvidence {
    pub install_command: bool,
    pub license_statement: bool,
    pub code_example: bool,
}

impl ContentEvidence {
    pub fn find(source: &SourceText, document: &Document, license_badge: bool) -> Self {
        let text = source.text();
        let code_blocks = &document.code_blocks;
        let install_command = code_blocks
            .iter()
            .any(|block| is_install_snippet(&block.info, &block.literal))
            || document
                .code
                .iter()
                .any(|range| is_install_command(text[range.clone()].trim_matches('`').trim()));
        let code_example = code_blocks
            .iter()
            .any(|block| !is_install_snippet(&block.info, &block.literal) && is_example(&block.literal))
            || api_outline(text, document);
        let license_statement = license_badge || has_license_statement(text, document);
        Self {
            install_command,
            license_statement,
            code_example,
        }
    }

    pub fn shows(&self, evidence: Evidence) -> bool {
        match evidence {
            Evidence::InstallCommand => self.install_command,
            Evidence::LicenseStatement => self.license_statement,
            Evidence::CodeExample => self.code_example,
        }
    }
}

/// An API reference made of headings: two or more headings that name code
/// (`` `createDirectory` ``, `parse(options)`, `.walk(callback)`).
fn api_outline(text: &str, document: &Document) -> bool {
    document
        .headings
        .iter()
        .filter(|heading| heading.top_level)
        .filter(|heading| {
            let written = text[heading.text_range.clone()].trim();
            written.starts_with('`') || looks_like_signature(written)
        })
        .nth(1)
        .is_some()
}

/// `name(`, `obj.method(`, `new Thing(`.
fn looks_like_signature(text: &str) -> bool {
    let text = text.strip_prefix("new ").unwrap_or(text);
    let name_len = text
        .find(|ch: char| !(ch.is_alphanumeric() || matches!(ch, '_' | '$' | '.' | ':')))
        .unwrap_or(text.len());
    name_len > 0 && text[name_len..].starts_with('(')
}

/// Commands that install a package, by the words they start with (after a prompt).
const INSTALL_COMMANDS: &[&[&str]] = &[
    &["npm", "i"],
    &["npm", "install"],
    &["npm", "add"],
    &["yarn", "add"],
    &["yarn", "global", "add"],
    &["pnpm", "add"],
    &["pnpm", "i"],
    &["pnpm", "install"],
    &["bun", "add"],
    &["bun", "install"],
    &["deno", "add"],
    &["cargo", "add"],
    &["cargo", "install"],
    &["cargo", "binstall"],
    &["pip", "install"],
    &["pip3", "install"],
    &["python", "-m", "pip", "install"],
    &["python3", "-m", "pip", "install"],
    &["pipx", "install"],
    &["uv", "add"],
    &["uv", "pip", "install"],
    &["uv", "tool", "install"],
    &["poetry", "add"],
    &["conda", "install"],
    &["go", "get"],
    &["go", "install"],
    &["gem", "install"],
    &["bundle", "add"],
    &["brew", "install"],
    &["apt", "install"],
    &["apt-get", "install"],
    &["composer", "require"],
    &["dotnet", "add"],
    &["nuget", "install"],
    &["choco", "install"],
    &["scoop", "install"],
    &["bower", "install"],
    &["jspm", "install"],
];

/// A line that runs an install command, after an optional prompt (`$`, `>`, `%`) and `sudo`.
pub fn is_install_command(line: &str) -> bool {
    let line = line.trim_start_matches(['$', '>', '%', '#', ' ', '\t']);
    let mut words: Vec<&str> = line.split_whitespace().collect();
    if words.first() == Some(&"sudo") {
        words.remove(0);
    }
    INSTALL_COMMANDS
        .iter()
        .any(|command| words.len() >= command.len() && words[..command.len()] == **command)
}

/// A code block that installs the package: an install command on one of its lines, a
/// dependency table (`[dependencies]` in TOML, `"dependencies"` in JSON), or a CDN
/// `<script>` or `<link>` tag.
fn is_install_snippet(info: &str, code: &str) -> bool {
    if code.lines().any(is_install_command) {
        return true;
    }
    let language = info
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let toml_dependencies = code.lines().any(|line| {
        let line = line.trim();
        line.starts_with('[') && line.ends_with(']') && line.contains("dependencies")
    });
    let json_dependencies =
        matches!(language.as_str(), "json" | "jsonc" | "json5") && code.contains("\"dependencies\"");
    let cdn = (code.contains("<script") || code.contains("<link"))
        && [
            "unpkg.com",
            "cdn.jsdelivr.net",
            "cdnjs.cloudflare.com",
            "esm.sh",
            "cdn.skypack.dev",
        ]
        .iter()
        .any(|host| code.contains(host));
    toml_dependencies || json_dependencies || cdn
}

/// A code block worth calling an example: some code, not only command output or a tree.
fn is_example(code: &str) -> bool {
    code.lines().filter(|line| !line.trim().is_empty()).count() >= 1
        && code.chars().any(|ch| ch.is_alphanumeric())
}

/// Words that state a license in prose ("Licensed under", "released under the MIT License").
const LICENSE_PHRASES: &[&str] = &[
    "licensed under",
    "licenced under",
    "released under",
    "distributed under",
    "available under",
    "published under",
    "dual-licensed",
    "dual licensed",
    "spdx-license-identifier",
    "under the terms of the",
    "is licensed",
    "mit license",
    "mit licence",
    "apache license",
    "bsd license",
    "isc license",
    "gnu general public license",
    "mozilla public license",
    "public domain",
    "unlicense",
];

/// Short license names that state the license when they follow or precede `©` or "(c)"
/// ("MIT © Sindre Sorhus").
const LICENSE_IDS: &[&str] = &[
    "mit",
    "isc",
    "apache-2.0",
    "apache 2.0",
    "bsd",
    "mpl",
    "gpl",
    "lgpl",
    "agpl",
    "cc0",
    "0bsd",
];

/// A license statement in the prose, a link to a license file or text.
fn has_license_statement(text: &str, document: &Document) -> bool {
    let license_link = document
        .links
        .iter()
        .any(|link| !link.is_image && is_license_url(&link.url));
    if license_link {
        return true;
    }
    document.blocks.iter().any(|block| {
        !matches!(block.kind, BlockKind::Code | BlockKind::FrontMatter)
            && is_license_statement(&text[block.range.clone()])
    })
}

/// Prose that states a license: "Licensed under ...", "MIT © Jane Doe".
pub fn is_license_statement(prose: &str) -> bool {
    let lower = prose.to_lowercase();
    LICENSE_PHRASES.iter().any(|phrase| lower.contains(phrase))
        || ((lower.contains('©') || lower.contains("(c)") || lower.contains("copyright"))
            && LICENSE_IDS.iter().any(|id| contains_word(&lower, id)))
}

/// `LICENSE`, `LICENSE.md`, `LICENSE-MIT`, `COPYING`, `license.txt` (any case, any
/// folder), or a page about a license (opensource.org, choosealicense.com, spdx.org).
pub fn is_license_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let path = lower.split(['?', '#']).next().unwrap_or_default();
    let file = path.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
    let named = ["license", "licence", "copying", "unlicense"]
        .iter()
        .any(|stem| file.starts_with(stem));
    named
        || [
            "opensource.org/licenses",
            "opensource.org/license/",
            "choosealicense.com/licenses",
            "spdx.org/licenses",
            "www.apache.org/licenses",
            "gnu.org/licenses",
        ]
        .iter()
        .any(|page| lower.contains(page))
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::parse;

    fn evidence(text: &str) -> ContentEvidence {
        let (source, document) = parse(text);
        ContentEvidence::find(&source, &document, false)
    }

    #[test]
    fn install_commands_and_dependency_snippets() {
        assert!(evidence("```sh\n$ npm install --save foo\n```\n").install_command);
        assert!(evidence("> `npm install --save @types/node`\n").install_command);
        assert!(evidence("```toml\n[dependencies]\nserde = \"1\"\n```\n").install_command);
        assert!(evidence("```\nsudo apt-get install foo\n```\n").install_command);
        assert!(!evidence("```sh\nnpm test\n```\n").install_command);
        assert!(!evidence("Run npm install foo.\n").install_command);
    }

    #[test]
    fn code_examples_are_more_than_install_commands() {
        assert!(!evidence("```sh\ncargo add foo\n```\n").code_example);
        assert!(evidence("```rust\nlet x = foo::bar();\n```\n").code_example);
    }

    #[test]
    fn an_api_outline_shows_usage() {
        assert!(evidence("# x\n\n## `parse`\n\nParses.\n\n## `stringify`\n\nWrites.\n").code_example);
        assert!(evidence("# x\n\n### walk(callback)\n\n### unit(quantity)\n").code_example);
        assert!(!evidence("# x\n\n## Why (and when)\n\n## Usage notes\n").code_example);
    }

    #[test]
    fn license_statements() {
        assert!(
            evidence("Licensed under either of Apache License, Version 2.0 or MIT license at your option.\n")
                .license_statement
        );
        assert!(evidence("MIT © Sindre Sorhus\n").license_statement);
        assert!(evidence("See [the license](LICENSE-APACHE).\n").license_statement);
        assert!(!evidence("This is a tool for licenses managers.\n").license_statement);
        assert!(!evidence("```\nMIT License\n```\n").license_statement);
    }
}
