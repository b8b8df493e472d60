//! RL404 install-version-mismatch: an install snippet asks for a version of this package the
//! manifest contradicts.
//!
//! The snippets are the code blocks' text: install commands (`cargo add name@1.2`, `npm i
//! name@1.2.3`, `pip install name==1.2`, ...), dependency tables in TOML (`name = "1.2"`),
//! dependency objects in JSON (`"name": "^1.2.0"`) and requirement lines (`name>=1.2`). Each
//! requirement is read with its ecosystem's rules (Cargo's caret default, npm's ranges,
//! PEP 440, Poetry's constraints) and compared with the manifest's version; what cannot be
//! read is left alone.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::CodeBlock;
use crate::facts::ManifestKind;
use crate::fix::{Applicability, Edit, Fix};
use std::cmp::Ordering;
use std::ops::Range;

pub struct InstallVersionMismatch;

static META: RuleMeta = RuleMeta {
    code: "RL404",
    name: "install-version-mismatch",
    category: Category::Links,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "An install snippet asks for a version of this package the manifest contradicts",
    doc: include_str!("../../rules/docs/install-version-mismatch.md"),
};

/// The longest requirement shown as it is in a message; a longer one is cut.
const SHOWN_MAX_CHARS: usize = 60;

impl Rule for InstallVersionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        if !context.is_project_readme() {
            return;
        }
        let Some(manifest) = context.facts.manifest.as_ref() else {
            return;
        };
        let (Some(name), Some(version)) = (manifest.name.as_deref(), manifest.version.as_deref()) else {
            return;
        };
        let file = manifest
            .path
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let text = context.text();

        let mut contradicted = Vec::new();
        let mut any_satisfied = false;
        for block in &context.document.code_blocks {
            if installs_latest(&block.literal, manifest.kind, name) {
                any_satisfied = true;
            }
            let mut asks = Vec::new();
            snippet_asks(block, manifest.kind, name, &mut asks);
            if asks.is_empty() {
                continue;
            }
            // Made once per block that asks for this package, and only then.
            let lines = SourceLines::new(text, block);
            for ask in asks {
                // An install without a version gets the latest release: it is the one
                // current readers follow.
                if ask.requirement.trim().is_empty() {
                    any_satisfied = true;
                    continue;
                }
                if is_placeholder(&ask.requirement) {
                    continue;
                }
                match judge(&ask.requirement, ask.syntax, version) {
                    Judgement::Satisfied => any_satisfied = true,
                    Judgement::Unknown => {}
                    Judgement::Contradicted(rewrite) => {
                        let source = ask.range.as_ref().and_then(|range| lines.locate(range));
                        contradicted.push((block.range.clone(), ask, rewrite, source));
                    }
                }
            }
        }

        // A snippet for the current release beside one for an older release ("TypeScript
        // 2.3 or earlier: tslib@1.6.1", "older React: install version 12"): the old one is
        // deliberate. Labelled samples found these to be a third of the findings.
        if any_satisfied {
            return;
        }
        for (block_range, ask, rewrite, source) in contradicted {
            let message = format!(
                "the install snippet asks for `{}`, but {file} says version `{version}`",
                shorten(&ask.shown(&ask.requirement))
            );
            let help = format!("ask for a version that `{version}` satisfies, or leave the version out");
            let applicability = Applicability::Safe;
            let fix = match (&source, rewrite) {
                (Some(source), Some((part, replacement))) => {
                    let edit = Edit::replace(
                        source.start + part.start..source.start + part.end,
                        replacement.clone(),
                    );
                    let mut requirement = ask.requirement.clone();
                    requirement.replace_range(part, &replacement);
                    Some(Fix::new(
                        format!("ask for `{}`", shorten(&ask.shown(&requirement))),
                        applicability,
                        vec![edit],
                    ))
                }
                _ => None,
            };
            let range = source.unwrap_or(block_range);
            findings.push(Finding::new(range, message).help(help).fix(fix));
        }
    }
}

// ---------------------------------------------------------------- requirements

/// How a requirement is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// Cargo's: a bare version is a caret requirement (`1.2` is `^1.2`).
    Cargo,
    /// `cargo install --version`: a bare full version is exact, anything else as [`Syntax::Cargo`].
    CargoInstall,
    /// npm's ranges: a bare version is exact, spaces join comparators, `||` alternatives.
    Npm,
    /// PEP 440 specifiers: `==1.2`, `>=1.2,<2`, `~=1.2`, `!=1.3`, `==1.2.*`.
    Pep440,
    /// Poetry's constraints: PEP 440 plus `^1.2` and `~1.2`; a bare version is exact.
    Poetry,
}

/// A request for a version of this package, found in a code block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ask {
    /// The package name as the snippet writes it.
    name: String,
    /// What joins the name and the requirement when the ask is shown: `@`, or nothing for
    /// a PEP 508 requirement (`name==1.2`).
    separator: &'static str,
    /// The requirement as written (without quotes).
    requirement: String,
    /// Where the requirement is in the block's literal, when it is there as it is.
    range: Option<Range<usize>>,
    syntax: Syntax,
}

impl Ask {
    fn shown(&self, requirement: &str) -> String {
        format!("{}{}{}", self.name, self.separator, requirement)
    }
}

/// What the manifest's version makes of a requirement.
#[derive(Debug, PartialEq, Eq)]
enum Judgement {
    Satisfied,
    /// The requirement (or the manifest's version) could not be read.
    Unknown,
    /// Not satisfied; with the replacement for a range of the requirement when one can be
    /// written (a single comparator whose rewritten version the manifest's satisfies).
    Contradicted(Option<(Range<usize>, String)>),
}

fn judge(requirement: &str, syntax: Syntax, version: &str) -> Judgement {
    match satisfies(requirement, syntax, version) {
        None => Judgement::Unknown,
        Some(true) => Judgement::Satisfied,
        Some(false) => Judgement::Contradicted(rewrite(requirement, syntax, version)),
    }
}

/// Whether `version` satisfies `requirement`; `None` when either cannot be read.
fn satisfies(requirement: &str, syntax: Syntax, version: &str) -> Option<bool> {
    let requirement = requirement.trim();
    match syntax {
        Syntax::Cargo | Syntax::CargoInstall => {
            let version = semver_version(version)?;
            let exact = syntax == Syntax::CargoInstall && semver::Version::parse(requirement).is_ok();
            let requirement = if exact {
                semver::VersionReq::parse(&format!("={requirement}"))
            } else {
                semver::VersionReq::parse(requirement)
            };
            Some(requirement.ok()?.matches(&version))
        }
        Syntax::Npm => {
            let version = semver_version(version)?;
            let mut unknown = false;
            for alternative in requirement.split("||") {
                match npm_alternative(alternative) {
                    Some(requirement) if requirement.matches(&version) => return Some(true),
                    Some(_) => {}
                    None => unknown = true,
                }
            }
            (!unknown).then_some(false)
        }
        Syntax::Pep440 => {
            let version = PyVersion::parse(version)?.public();
            let mut all = true;
            for clause in requirement.split(',') {
                all &= pep440_clause(clause, &version)?;
            }
            Some(all)
        }
        Syntax::Poetry => {
            let version = PyVersion::parse(version)?.public();
            let mut unknown = false;
            for alternative in requirement.split("||").flat_map(|part| part.split('|')) {
                let mut all = Some(true);
                for clause in alternative.split(',') {
                    all = match (all, poetry_clause(clause, &version)) {
                        (Some(so_far), Some(this)) => Some(so_far && this),
                        _ => None,
                    };
                }
                match all {
                    Some(true) => return Some(true),
                    Some(false) => {}
                    None => unknown = true,
                }
            }
            (!unknown).then_some(false)
        }
    }
}

fn semver_version(version: &str) -> Option<semver::Version> {
    semver::Version::parse(version.trim().trim_start_matches(['v', 'V'])).ok()
}

const COMPARATOR_CHARS: [char; 6] = ['<', '>', '=', '^', '~', '!'];

/// One npm alternative (`>=1.2.0 <2`, `^1.2`, `1.2.3`, `1.x`, `1.2 - 1.4`) as a Cargo
/// requirement with the same meaning.
fn npm_alternative(alternative: &str) -> Option<semver::VersionReq> {
    let words: Vec<&str> = alternative.split_whitespace().collect();
    let bare = |word: &str| word.strip_prefix(['v', 'V']).unwrap_or(word).to_string();
    let mut comparators = Vec::new();
    if let [low, "-", high] = words.as_slice() {
        comparators.push(format!(">={}", bare(low)));
        comparators.push(format!("<={}", bare(high)));
    } else {
        let mut pending: Option<&str> = None;
        for word in words {
            let split = word
                .find(|c: char| !COMPARATOR_CHARS.contains(&c))
                .unwrap_or(word.len());
            let (mut operator, rest) = word.split_at(split);
            if let Some(earlier) = pending.take() {
                if !operator.is_empty() {
                    return None;
                }
                operator = earlier;
            }
            if rest.is_empty() {
                if operator.is_empty() {
                    return None;
                }
                pending = Some(operator);
                continue;
            }
            if !matches!(operator, "" | "=" | "<" | "<=" | ">" | ">=" | "^" | "~") {
                return None;
            }
            let version = bare(rest);
            let wildcard = version
                .split(['.', '-', '+'])
                .any(|part| matches!(part, "x" | "X" | "*"));
            comparators.push(match operator {
                // npm's bare `1.2.3` is exact, and its `1.2` any 1.2.x: Cargo's `=` says both.
                "" if !wildcard => format!("={version}"),
                _ => format!("{operator}{version}"),
            });
        }
        if pending.is_some() {
            return None;
        }
    }
    if comparators.is_empty() {
        comparators.push("*".to_string());
    }
    semver::VersionReq::parse(&comparators.join(", ")).ok()
}

/// One PEP 440 clause (`>=1.2`, `==1.2.*`, `~=1.4`) against a version without a local part.
fn pep440_clause(clause: &str, version: &PyVersion) -> Option<bool> {
    let clause = clause.trim();
    let split = clause
        .find(|c: char| !COMPARATOR_CHARS.contains(&c))
        .unwrap_or(clause.len());
    let (operator, rest) = clause.split_at(split);
    let rest = rest.trim();
    if operator == "===" {
        return Some(rest.eq_ignore_ascii_case(&version.text));
    }
    let (body, wildcard) = match rest.strip_suffix(".*") {
        Some(body) => (body, true),
        None => (rest, false),
    };
    let wanted = PyVersion::parse(body)?;
    if wildcard && !matches!(operator, "==" | "!=") {
        return None;
    }
    let ordering = version.cmp_pep440(&wanted);
    let same_release =
        || version.epoch == wanted.epoch && release_cmp(&version.release, &wanted.release).is_eq();
    Some(match operator {
        "==" if wildcard => version.has_prefix(&wanted),
        "!=" if wildcard => !version.has_prefix(&wanted),
        // `==1.2` leaves the local part free when it names none.
        "==" => ordering.is_eq() && wanted.local.is_none(),
        "!=" => !ordering.is_eq() || wanted.local.is_some(),
        ">=" => ordering.is_ge(),
        "<=" => ordering.is_le(),
        // `>1.2` does not take 1.2's post-releases, `<1.2` not its pre-releases.
        ">" => ordering.is_gt() && !(version.post.is_some() && wanted.post.is_none() && same_release()),
        "<" => {
            ordering.is_lt()
                && !((version.pre.is_some() || version.dev.is_some())
                    && wanted.pre.is_none()
                    && wanted.dev.is_none()
                    && same_release())
        }
        "~=" => {
            if wanted.release.len() < 2 {
                return None;
            }
            let prefix = PyVersion {
                release: wanted.release[..wanted.release.len() - 1].to_vec(),
                ..PyVersion::default()
            };
            ordering.is_ge() && version.epoch == wanted.epoch && version.has_prefix(&prefix)
        }
        _ => return None,
    })
}

/// One Poetry clause: `^1.2`, `~1.2`, a bare `1.2` (exact) or `1.2.*`, `*`, or PEP 440.
fn poetry_clause(clause: &str, version: &PyVersion) -> Option<bool> {
    let clause = clause.trim();
    if clause == "*" {
        return Some(true);
    }
    let (operator, rest) = match clause.chars().next()? {
        '^' => ('^', clause[1..].trim()),
        '~' if !clause.starts_with("~=") => ('~', clause[1..].trim()),
        c if c.is_ascii_digit() || c == 'v' => {
            return pep440_clause(&format!("=={clause}"), version);
        }
        _ => return pep440_clause(clause, version),
    };
    let low = PyVersion::parse(rest)?;
    if low.release.is_empty() {
        return None;
    }
    let mut high = low.release.clone();
    let bump = if operator == '^' {
        // The first non-zero number, or the last one given when all are zero.
        high.iter().position(|&n| n != 0).unwrap_or(high.len() - 1)
    } else if high.len() == 1 {
        0
    } else {
        1
    };
    high.truncate(bump + 1);
    high[bump] += 1;
    let high = PyVersion {
        epoch: low.epoch,
        release: high,
        ..PyVersion::default()
    };
    Some(version.cmp_pep440(&low).is_ge() && version.cmp_pep440(&high).is_lt())
}

// ---------------------------------------------------------------- PEP 440 versions

/// A PEP 440 version (`1!2.0.3rc1.post2.dev4+local`), read leniently the way pip normalizes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PyVersion {
    text: String,
    epoch: u64,
    release: Vec<u64>,
    /// `a`, `b` or `rc` (as 0, 1, 2) and its number.
    pre: Option<(u8, u64)>,
    post: Option<u64>,
    dev: Option<u64>,
    local: Option<String>,
}

impl PyVersion {
    fn parse(text: &str) -> Option<Self> {
        let original = text.trim();
        let lower = original.to_ascii_lowercase();
        let mut rest = lower.strip_prefix('v').unwrap_or(&lower);
        let mut version = PyVersion {
            text: original.to_string(),
            ..PyVersion::default()
        };
        if let Some((epoch, after)) = rest.split_once('!') {
            version.epoch = epoch.parse().ok()?;
            rest = after;
        }
        let (public, local) = match rest.split_once('+') {
            Some((public, local)) => (public, Some(local)),
            None => (rest, None),
        };
        if let Some(local) = local {
            let ok = !local.is_empty()
                && local
                    .split(['.', '-', '_'])
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
            if !ok {
                return None;
            }
            version.local = Some(local.replace(['-', '_'], "."));
        }
        let mut rest = public;
        loop {
            let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            if digits == 0 {
                return None;
            }
            version.release.push(rest[..digits].parse().ok()?);
            rest = &rest[digits..];
            match rest.strip_prefix('.') {
                Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => rest = after,
                _ => break,
            }
        }
        let separator = |text: &str| text.strip_prefix(['.', '-', '_']).unwrap_or(text).to_string();
        let number = |text: &str| -> (Option<u64>, usize) {
            let body = text.strip_prefix(['.', '-', '_']).unwrap_or(text);
            let digits = body.find(|c: char| !c.is_ascii_digit()).unwrap_or(body.len());
            if digits == 0 {
                (None, 0)
            } else {
                (body[..digits].parse().ok(), text.len() - body.len() + digits)
            }
        };
        let mut rest = rest.to_string();
        // Pre-release.
        let after = separator(&rest);
        let pre_kinds = [
            ("alpha", 0),
            ("beta", 1),
            ("preview", 2),
            ("pre", 2),
            ("rc", 2),
            ("a", 0),
            ("b", 1),
            ("c", 2),
        ];
        if let Some((word, kind)) = pre_kinds.iter().find(|(word, _)| after.starts_with(word)) {
            let tail = &after[word.len()..];
            let (n, used) = number(tail);
            version.pre = Some((*kind, n.unwrap_or(0)));
            rest = tail[used..].to_string();
        }
        // Post-release: `.post1`, `-1`, `.rev1`, `.r1`.
        if let Some(tail) = rest.strip_prefix('-')
            && tail.starts_with(|c: char| c.is_ascii_digit())
        {
            let (n, used) = number(tail);
            version.post = n;
            rest = tail[used..].to_string();
        } else {
            let after = separator(&rest);
            if let Some(word) = ["post", "rev", "r"].iter().find(|word| after.starts_with(*word)) {
                let tail = &after[word.len()..];
                let (n, used) = number(tail);
                version.post = Some(n.unwrap_or(0));
                rest = tail[used..].to_string();
            }
        }
        // Development release.
        let after = separator(&rest);
        if let Some(tail) = after.strip_prefix("dev") {
            let (n, used) = number(tail);
            version.dev = Some(n.unwrap_or(0));
            rest = tail[used..].to_string();
        }
        rest.is_empty().then_some(version)
    }

    /// The version without its local part, which requirements without one ignore.
    fn public(mut self) -> Self {
        self.local = None;
        self
    }

    /// True when nothing but a release (`1.4.0`): the versions a precision-keeping rewrite
    /// can cut or pad.
    fn is_plain_release(&self) -> bool {
        self.epoch == 0
            && self.pre.is_none()
            && self.post.is_none()
            && self.dev.is_none()
            && self.local.is_none()
    }

    /// PEP 440 order; the local part is not compared.
    fn cmp_pep440(&self, other: &Self) -> Ordering {
        // A dev release of a final sorts before its pre-releases; a final after them.
        let pre_key = |v: &Self| match (v.pre, v.post, v.dev) {
            (None, None, Some(_)) => (0u8, 0u8, 0u64),
            (Some((kind, n)), _, _) => (1, kind, n),
            (None, _, _) => (2, 0, 0),
        };
        let dev_key = |v: &Self| (v.dev.is_none(), v.dev.unwrap_or(0));
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| release_cmp(&self.release, &other.release))
            .then_with(|| pre_key(self).cmp(&pre_key(other)))
            .then_with(|| self.post.cmp(&other.post))
            .then_with(|| dev_key(self).cmp(&dev_key(other)))
    }

    /// `==prefix.*`: the release, padded with zeros, starts with the prefix's release.
    fn has_prefix(&self, prefix: &Self) -> bool {
        self.epoch == prefix.epoch
            && prefix
                .release
                .iter()
                .enumerate()
                .all(|(index, n)| self.release.get(index).copied().unwrap_or(0) == *n)
    }
}

/// Releases compared with the shorter one padded with zeros (`1.4` is `1.4.0`).
fn release_cmp(a: &[u64], b: &[u64]) -> Ordering {
    let length = a.len().max(b.len());
    (0..length)
        .map(|index| {
            let x = a.get(index).copied().unwrap_or(0);
            let y = b.get(index).copied().unwrap_or(0);
            x.cmp(&y)
        })
        .find(|ordering| ordering.is_ne())
        .unwrap_or(Ordering::Equal)
}

// ---------------------------------------------------------------- the rewrite

/// The replacement for the version in a one-comparator requirement: the manifest's version
/// with the snippet's operator and precision (`0.3` becomes `0.4` for 0.4.1, `==1.2` becomes
/// `==1.4` for 1.4.0), or the whole version when the short one would not be satisfied.
fn rewrite(requirement: &str, syntax: Syntax, version: &str) -> Option<(Range<usize>, String)> {
    let part = version_part(requirement)?;
    let written = &requirement[part.clone()];
    let prefix = if written.starts_with(['v', 'V']) && matches!(syntax, Syntax::Npm) {
        &written[..1]
    } else {
        ""
    };
    let bare_manifest = version.trim().trim_start_matches(['v', 'V']);
    let short = match syntax {
        Syntax::Cargo | Syntax::CargoInstall | Syntax::Npm => {
            semver_precision(&written[prefix.len()..], version)
        }
        Syntax::Pep440 | Syntax::Poetry => pep440_precision(written, version),
    };
    let candidates = short
        .into_iter()
        .chain(std::iter::once(bare_manifest.to_string()))
        .map(|candidate| format!("{prefix}{candidate}"));
    for candidate in candidates {
        let mut new_requirement = requirement.to_string();
        new_requirement.replace_range(part.clone(), &candidate);
        if satisfies(&new_requirement, syntax, version) == Some(true) {
            return Some((part, candidate));
        }
    }
    None
}

/// The version of a requirement that is one comparator (`^1.2`, `==1.2.*`, `>= 1.0`, `0.3`),
/// as a range of it; `None` for several comparators or alternatives.
fn version_part(requirement: &str) -> Option<Range<usize>> {
    let start_trim = requirement.len() - requirement.trim_start().len();
    let trimmed = requirement.trim();
    let after_operator = trimmed
        .find(|c: char| !COMPARATOR_CHARS.contains(&c))
        .unwrap_or(trimmed.len());
    let rest = &trimmed[after_operator..];
    let version_start = after_operator + (rest.len() - rest.trim_start().len());
    let version = &trimmed[version_start..];
    let one = !version.is_empty()
        && version.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !version.contains(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | ';' | '<' | '>' | '='));
    one.then(|| start_trim + version_start..start_trim + trimmed.len())
}

/// The manifest's SemVer version cut to the precision of `written` (`0.3` -> `0.4`,
/// `1.x` -> `2.x`); `None` when `written` is a full or pre-release version.
fn semver_precision(written: &str, manifest: &str) -> Option<String> {
    let manifest = semver_version(manifest)?;
    if written.contains(['-', '+']) {
        return None;
    }
    let parts: Vec<&str> = written.split('.').collect();
    let numbers = parts
        .iter()
        .take_while(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
        .count();
    let wildcards_after = parts[numbers..]
        .iter()
        .all(|part| matches!(*part, "x" | "X" | "*"));
    if numbers == 0 || numbers >= 3 || !wildcards_after {
        return None;
    }
    let values = [manifest.major, manifest.minor, manifest.patch];
    let mut out: Vec<String> = values[..numbers].iter().map(u64::to_string).collect();
    out.extend(parts[numbers..].iter().map(|part| (*part).to_string()));
    Some(out.join("."))
}

/// The manifest's PEP 440 version cut or padded to the precision of `written` (`1.2` ->
/// `1.4`, `1.2.*` -> `1.4.*`); `None` unless both are plain releases.
fn pep440_precision(written: &str, manifest: &str) -> Option<String> {
    let (body, wildcard) = match written.strip_suffix(".*") {
        Some(body) => (body, true),
        None => (written, false),
    };
    let written = PyVersion::parse(body)?;
    let manifest = PyVersion::parse(manifest)?;
    if !written.is_plain_release() || !manifest.is_plain_release() {
        return None;
    }
    let numbers: Vec<String> = (0..written.release.len())
        .map(|index| manifest.release.get(index).copied().unwrap_or(0).to_string())
        .collect();
    let mut out = numbers.join(".");
    if wildcard {
        out.push_str(".*");
    }
    Some(out)
}

/// Versions that stand for one to fill in: `{{version}}`, `x.y.z`, `VERSION`, `<version>`,
/// `$VERSION`, `%VERSION%`.
fn is_placeholder(requirement: &str) -> bool {
    let lower = requirement.to_ascii_lowercase();
    if lower.contains(['{', '}', '$', '%']) || lower.contains("version") || lower.contains("x.y") {
        return true;
    }
    // `<version>`, `<ver>`: a word in angle brackets (`<2` is a comparator).
    let mut letters_after_open: Option<usize> = None;
    for c in lower.chars() {
        letters_after_open = match (c, letters_after_open) {
            ('<', _) => Some(0),
            ('>', Some(letters)) if letters > 0 => return true,
            (c, Some(letters)) if c.is_ascii_alphabetic() || c == '-' || c == '_' => Some(letters + 1),
            _ => None,
        };
    }
    false
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_MAX_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(SHOWN_MAX_CHARS - 1).collect();
    out.push('…');
    out
}

// ---------------------------------------------------------------- package names

/// Whether a name written in a snippet is this package's, by its registry's rules.
fn same_name(kind: ManifestKind, written: &str, ours: &str) -> bool {
    match kind {
        // crates.io treats `-` and `_` as the same.
        ManifestKind::Cargo => {
            written.len() == ours.len()
                && written
                    .bytes()
                    .zip(ours.bytes())
                    .all(|(a, b)| a == b || matches!((a, b), (b'-', b'_') | (b'_', b'-')))
        }
        ManifestKind::Npm => written == ours,
        ManifestKind::Python => pep503(written) == pep503(ours),
    }
}

/// PEP 503's normalized name: lower case, runs of `-`, `_` and `.` as one `-`.
fn pep503(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.push(c.to_ascii_lowercase());
            in_run = false;
        }
    }
    out
}

// ---------------------------------------------------------------- finding the snippets

/// What a code block may hold, by its info string.
#[derive(Debug, Default, Clone, Copy)]
struct Reading {
    commands: bool,
    /// TOML dependency tables; `Some(true)` when a table header is required (an unlabeled
    /// block: a line before any header is not known to be TOML).
    toml: Option<bool>,
    json: bool,
    /// Lines that are one requirement each (`name>=1.2`, requirements.txt).
    requirement_lines: bool,
}

fn reading(info: &str) -> Reading {
    let language = info
        .trim()
        .trim_start_matches(['{', '.'])
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match language.as_str() {
        "" => Reading {
            commands: true,
            toml: Some(true),
            requirement_lines: true,
            ..Reading::default()
        },
        "sh" | "bash" | "shell" | "zsh" | "fish" | "ksh" | "console" | "terminal" | "shell-session"
        | "shellsession" | "sh-session" | "bash-session" | "powershell" | "pwsh" | "ps1" | "posh" | "cmd"
        | "bat" | "batch" | "nu" | "nushell" => Reading {
            commands: true,
            ..Reading::default()
        },
        "text" | "txt" | "plaintext" | "plain" | "none" => Reading {
            commands: true,
            requirement_lines: true,
            ..Reading::default()
        },
        "requirements" | "requirements.txt" | "pip-requirements" | "pip" => Reading {
            requirement_lines: true,
            ..Reading::default()
        },
        "toml" => Reading {
            toml: Some(false),
            ..Reading::default()
        },
        "json" | "jsonc" | "json5" => Reading {
            json: true,
            ..Reading::default()
        },
        _ => Reading::default(),
    }
}

/// The asks for this package's version in one code block.
fn snippet_asks(block: &CodeBlock, kind: ManifestKind, name: &str, out: &mut Vec<Ask>) {
    let reading = reading(&block.info);
    let literal = block.literal.as_str();
    if reading.commands {
        for command in commands(literal) {
            command_asks(&command, kind, name, out);
        }
    }
    if let Some(header_required) = reading.toml {
        toml_asks(literal, kind, name, header_required, out);
    }
    if reading.json && kind == ManifestKind::Npm {
        json_asks(literal, name, out);
    }
    if reading.requirement_lines && kind == ManifestKind::Python {
        requirement_line_asks(literal, name, out);
    }
}

// ------------------------------------------- shell commands

/// A shell word: its value without quotes, and where that value is in the literal when
/// it is there as it is (unquoted and unescaped, or one quoted string).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    value: String,
    range: Option<Range<usize>>,
}

impl Word {
    /// The literal range of `value[part]`.
    fn range_of(&self, part: Range<usize>) -> Option<Range<usize>> {
        self.range
            .as_ref()
            .map(|range| range.start + part.start..range.start + part.end)
    }
}

/// The commands of a shell snippet, as words: split at line ends (not escaped ones),
/// `;`, `&`, `|` and parentheses, without comments. One pass over the text.
fn commands(literal: &str) -> Vec<Vec<Word>> {
    let bytes = literal.as_bytes();
    let mut commands = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b' ' | b'\t' | b'\r' => index += 1,
            b'\\' if bytes.get(index + 1) == Some(&b'\n') => index += 2,
            b'\\' if bytes.get(index + 1) == Some(&b'\r') && bytes.get(index + 2) == Some(&b'\n') => {
                index += 3
            }
            b'\n' | b';' | b'&' | b'|' | b'(' | b')' => {
                if !current.is_empty() {
                    commands.push(std::mem::take(&mut current));
                }
                index += 1;
            }
            b'#' => {
                index = memchr::memchr(b'\n', &bytes[index..]).map_or(bytes.len(), |offset| index + offset);
            }
            _ => {
                let (word, end) = read_word(literal, index);
                current.push(word);
                index = end;
            }
        }
    }
    if !current.is_empty() {
        commands.push(current);
    }
    commands
}

/// Reads one shell word starting at `start`; returns it and where it ends.
fn read_word(literal: &str, start: usize) -> (Word, usize) {
    let bytes = literal.as_bytes();
    let mut value = String::new();
    let mut index = start;
    let mut plain = true;
    let mut quoted_segments = 0;
    while index < bytes.len() {
        match bytes[index] {
            b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' => break,
            quote @ (b'\'' | b'"') => {
                quoted_segments += 1;
                index += 1;
                let mut segment = index;
                while index < bytes.len() && bytes[index] != quote && bytes[index] != b'\n' {
                    if quote == b'"' && bytes[index] == b'\\' && index + 1 < bytes.len() {
                        // `\"` in double quotes: the value has the quote, the literal the escape.
                        plain = false;
                        value.push_str(&literal[segment..index]);
                        segment = index + 1;
                        index += 1 + literal[index + 1..].chars().next().map_or(1, char::len_utf8);
                        continue;
                    }
                    index += 1;
                }
                value.push_str(&literal[segment..index.min(bytes.len())]);
                if index < bytes.len() && bytes[index] == quote {
                    index += 1;
                } else {
                    plain = false;
                }
            }
            b'\\' => {
                plain = false;
                index += 1;
                if index < bytes.len() {
                    let next = literal[index..].chars().next().map_or(1, char::len_utf8);
                    value.push_str(&literal[index..index + next]);
                    index += next;
                }
            }
            _ => {
                let next = literal[index..].chars().next().map_or(1, char::len_utf8);
                value.push_str(&literal[index..index + next]);
                index += next;
            }
        }
    }
    let raw = &literal[start..index];
    let range = if !plain {
        None
    } else if quoted_segments == 0 {
        Some(start..index)
    } else if quoted_segments == 1
        && raw.len() >= 2
        && raw.starts_with(['\'', '"'])
        && raw.as_bytes()[raw.len() - 1] == raw.as_bytes()[0]
    {
        Some(start + 1..index - 1)
    } else {
        None
    };
    (Word { value, range }, index)
}

/// The registry tools, what follows them to install, and their options that take a value.
struct Tool {
    words: &'static [&'static str],
    kind: ManifestKind,
    syntax: Syntax,
    takes_value: &'static [&'static str],
}

const fn tool(
    words: &'static [&'static str],
    kind: ManifestKind,
    syntax: Syntax,
    takes_value: &'static [&'static str],
) -> Tool {
    Tool {
        words,
        kind,
        syntax,
        takes_value,
    }
}

const CARGO_ADD_VALUES: &[&str] = &[
    "-F",
    "--features",
    "--rename",
    "--registry",
    "--path",
    "--git",
    "--branch",
    "--tag",
    "--rev",
    "-p",
    "--package",
    "--manifest-path",
    "--target",
    "--lockfile-path",
    "--config",
    "-Z",
    "--color",
    "--vers",
    "--version",
];
const CARGO_INSTALL_VALUES: &[&str] = &[
    "--version",
    "--vers",
    "--git",
    "--branch",
    "--tag",
    "--rev",
    "--path",
    "--root",
    "--index",
    "--registry",
    "-F",
    "--features",
    "--target",
    "--target-dir",
    "--profile",
    "--bin",
    "--example",
    "-j",
    "--jobs",
    "--config",
    "-Z",
    "--color",
    "--manifest-path",
    "--pkg-url",
    "--pkg-fmt",
    "--bin-dir",
    "--strategies",
    "--install-path",
];
const NPM_VALUES: &[&str] = &[
    "--registry",
    "--tag",
    "--prefix",
    "-w",
    "--workspace",
    "--omit",
    "--include",
    "--cache",
    "--userconfig",
    "--install-strategy",
    "--before",
    "--cwd",
    "--filter",
    "-F",
    "--dir",
    "-C",
    "--modules-folder",
    "--cache-folder",
    "--network-timeout",
    "--cache-dir",
    "--backend",
    "-c",
    "--config",
];
const PIP_VALUES: &[&str] = &[
    "-r",
    "--requirement",
    "--requirements",
    "-c",
    "--constraint",
    "--constraints",
    "-e",
    "--editable",
    "-i",
    "--index-url",
    "--extra-index-url",
    "--index",
    "--default-index",
    "-f",
    "--find-links",
    "-t",
    "--target",
    "--prefix",
    "--root",
    "--platform",
    "--python-version",
    "--implementation",
    "--abi",
    "--src",
    "--upgrade-strategy",
    "--trusted-host",
    "--proxy",
    "--cert",
    "--client-cert",
    "--progress-bar",
    "-C",
    "--config-settings",
    "--only-binary",
    "--no-binary",
    "--log",
    "--cache-dir",
    "--timeout",
    "--retries",
    "--exists-action",
    "--report",
    "-p",
    "--python",
    "--group",
    "-G",
    "--optional",
    "--extra",
    "-E",
    "--extras",
    "--package",
    "--tag",
    "--branch",
    "--rev",
    "-m",
    "--marker",
    "--markers",
    "--bounds",
    "--script",
    "--directory",
    "--project",
    "-P",
    "--source",
    "--with",
    "-w",
    "--from",
    "--pip-args",
    "--suffix",
    "-L",
    "--lockfile",
    "--update-strategy",
    "--categories",
];

const TOOLS: &[Tool] = &[
    tool(
        &["cargo", "add"],
        ManifestKind::Cargo,
        Syntax::Cargo,
        CARGO_ADD_VALUES,
    ),
    tool(
        &["cargo", "install"],
        ManifestKind::Cargo,
        Syntax::CargoInstall,
        CARGO_INSTALL_VALUES,
    ),
    tool(
        &["cargo", "binstall"],
        ManifestKind::Cargo,
        Syntax::CargoInstall,
        CARGO_INSTALL_VALUES,
    ),
    tool(
        &["cargo-binstall"],
        ManifestKind::Cargo,
        Syntax::CargoInstall,
        CARGO_INSTALL_VALUES,
    ),
    tool(&["npm", "install"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(&["npm", "i"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(&["npm", "add"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(&["yarn", "add"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(
        &["yarn", "global", "add"],
        ManifestKind::Npm,
        Syntax::Npm,
        NPM_VALUES,
    ),
    tool(&["pnpm", "add"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(&["bun", "add"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(&["bun", "install"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(&["bun", "i"], ManifestKind::Npm, Syntax::Npm, NPM_VALUES),
    tool(
        &["pip", "install"],
        ManifestKind::Python,
        Syntax::Pep440,
        PIP_VALUES,
    ),
    tool(
        &["pip3", "install"],
        ManifestKind::Python,
        Syntax::Pep440,
        PIP_VALUES,
    ),
    tool(
        &["pipx", "install"],
        ManifestKind::Python,
        Syntax::Pep440,
        PIP_VALUES,
    ),
    tool(
        &["pipenv", "install"],
        ManifestKind::Python,
        Syntax::Pep440,
        PIP_VALUES,
    ),
    tool(&["uv", "add"], ManifestKind::Python, Syntax::Pep440, PIP_VALUES),
    tool(
        &["uv", "pip", "install"],
        ManifestKind::Python,
        Syntax::Pep440,
        PIP_VALUES,
    ),
    tool(
        &["uv", "tool", "install"],
        ManifestKind::Python,
        Syntax::Pep440,
        PIP_VALUES,
    ),
    tool(&["pdm", "add"], ManifestKind::Python, Syntax::Pep440, PIP_VALUES),
    tool(
        &["poetry", "add"],
        ManifestKind::Python,
        Syntax::Poetry,
        PIP_VALUES,
    ),
];

/// `python -m pip install`: the words after the interpreter and its own options.
fn python_m_pip(words: &[Word]) -> Option<usize> {
    let interpreter = words.first()?.value.as_str();
    let is_python = interpreter == "py"
        || interpreter
            .strip_prefix("python")
            .is_some_and(|version| version.chars().all(|c| c.is_ascii_digit() || c == '.'));
    if !is_python {
        return None;
    }
    let mut index = 1;
    while words
        .get(index)
        .is_some_and(|word| word.value.starts_with('-') && word.value != "-m")
    {
        index += 1;
    }
    let rest: Vec<&str> = words
        .get(index..)?
        .iter()
        .take(3)
        .map(|word| word.value.as_str())
        .collect();
    (rest == ["-m", "pip", "install"]).then_some(index + 3)
}

/// The asks in one command, when it installs with a registry's tool.
fn command_asks(words: &[Word], kind: ManifestKind, name: &str, out: &mut Vec<Ask>) {
    let mut words = words;
    // A prompt: `$`, `%`, `>`, `❯`, `PS>`, `PS C:\>`, `user@host:~$`.
    if let [first, second, ..] = words {
        let first = first.value.as_str();
        if first == "PS" && second.value.ends_with('>') {
            words = &words[2..];
        } else if matches!(first, "$" | "%" | ">" | "❯" | "➜" | "λ" | "PS>")
            || (first.len() > 1 && first.ends_with(['$', '>', '#']) && first.contains([':', '@', '~', '\\']))
        {
            words = &words[1..];
        }
    }
    // `sudo`, `env`, `time`, `VAR=value`.
    while let Some(first) = words.first() {
        let value = first.value.as_str();
        let assignment = value.split_once('=').is_some_and(|(key, _)| {
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        if matches!(value, "sudo" | "doas" | "env" | "time" | "command" | "exec") || assignment {
            words = &words[1..];
        } else {
            break;
        }
    }
    let Some(first) = words.first() else { return };
    // Notebook cells: `!pip install`, `%pip install`.
    let head = first.value.trim_start_matches(['!', '%']);
    let mut matched: Option<(&Tool, usize)> = None;
    if let Some(after) = python_m_pip(words) {
        matched = TOOLS
            .iter()
            .find(|tool| tool.words == ["pip", "install"])
            .map(|tool| (tool, after));
    } else {
        // `cargo +nightly install`: a toolchain between the tool and its command.
        let skip_toolchain = head == "cargo" && words.get(1).is_some_and(|word| word.value.starts_with('+'));
        for tool in TOOLS {
            let (tool_head, tool_rest) = tool.words.split_first().expect("a tool has a word");
            if *tool_head != head {
                continue;
            }
            let rest_start = if skip_toolchain { 2 } else { 1 };
            let given = words.get(rest_start..rest_start + tool_rest.len());
            if given.is_some_and(|given| {
                given
                    .iter()
                    .map(|word| word.value.as_str())
                    .eq(tool_rest.iter().copied())
            }) {
                matched = Some((tool, rest_start + tool_rest.len()));
                break;
            }
        }
    }
    let Some((tool, after)) = matched else { return };
    if tool.kind != kind {
        return;
    }
    let mut positionals = Vec::new();
    let mut version_flag: Option<(String, Option<Range<usize>>)> = None;
    let mut index = after;
    let mut options_done = false;
    while index < words.len() {
        let word = &words[index];
        let value = word.value.as_str();
        index += 1;
        if options_done || !value.starts_with('-') || value == "-" {
            positionals.push(word);
            continue;
        }
        if value == "--" {
            options_done = true;
            continue;
        }
        let (key, inline) = match value.split_once('=') {
            Some((key, inline)) if key.starts_with("--") => (key, Some(inline)),
            _ => (value, None),
        };
        let is_version = tool.kind == ManifestKind::Cargo && matches!(key, "--vers" | "--version");
        match inline {
            Some(inline) if is_version => {
                let start = key.len() + 1;
                version_flag = Some((inline.to_string(), word.range_of(start..value.len())));
            }
            Some(_) => {}
            None if tool.takes_value.contains(&key) => {
                if is_version && let Some(next) = words.get(index) {
                    version_flag = Some((next.value.clone(), next.range.clone()));
                }
                index += 1;
            }
            None => {}
        }
    }
    for word in positionals {
        let ask = match tool.kind {
            ManifestKind::Cargo => cargo_spec(word, name, tool.syntax, version_flag.as_ref()),
            ManifestKind::Npm => npm_spec(word, name),
            ManifestKind::Python => {
                python_requirement(&word.value, name, tool.syntax).map(|(ask, part)| Ask {
                    range: word.range_of(part),
                    ..ask
                })
            }
        };
        out.extend(ask);
    }
}

/// `name@1.2` (or `name` with `--vers 1.2`) for `cargo add` and `cargo install`.
fn cargo_spec(
    word: &Word,
    ours: &str,
    syntax: Syntax,
    version_flag: Option<&(String, Option<Range<usize>>)>,
) -> Option<Ask> {
    let value = word.value.as_str();
    let (name, requirement, range) = match value.split_once('@') {
        Some((name, requirement)) => (
            name,
            requirement.to_string(),
            word.range_of(name.len() + 1..value.len()),
        ),
        None => {
            let (requirement, range) = version_flag?;
            (value, requirement.clone(), range.clone())
        }
    };
    if requirement.trim().is_empty() || !same_name(ManifestKind::Cargo, name, ours) {
        return None;
    }
    Some(Ask {
        name: name.to_string(),
        separator: "@",
        requirement,
        range,
        syntax,
    })
}

/// True when a line of `code` installs the package without a version (`npm install
/// name`, `cargo add name`, `pip install name`): the latest release, for current readers.
fn installs_latest(code: &str, kind: ManifestKind, ours: &str) -> bool {
    code.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        let installs = words
            .iter()
            .any(|word| matches!(*word, "install" | "i" | "add" | "--save" | "-S" | "-D"));
        installs
            && words.iter().any(|word| {
                let word = word.trim_matches(|ch: char| matches!(ch, '"' | '\'' | '`'));
                same_name(kind, word, ours)
            })
    })
}

/// `name@^1.2`, `@scope/name@1.2.3`, `alias@npm:name@1.2` for npm, yarn, pnpm and bun.
fn npm_spec(word: &Word, ours: &str) -> Option<Ask> {
    let value = word.value.as_str();
    // An alias installs the package named after `npm:`.
    let start = value.find("@npm:").map_or(0, |at| at + "@npm:".len());
    let spec = &value[start..];
    let name_end = if let Some(scoped) = spec.strip_prefix('@') {
        1 + scoped.find('@')?
    } else {
        spec.find('@')?
    };
    let name = &spec[..name_end];
    let requirement = &spec[name_end + 1..];
    if requirement.trim().is_empty() || !same_name(ManifestKind::Npm, name, ours) {
        return None;
    }
    Some(Ask {
        name: name.to_string(),
        separator: "@",
        requirement: requirement.to_string(),
        range: word.range_of(start + name_end + 1..value.len()),
        syntax: Syntax::Npm,
    })
}

/// A PEP 508 requirement naming this package with a version (`name==1.2`, `name[extra] >= 1.2;
/// python_version<"3.8"`, and for Poetry `name@^1.2`): the ask and the requirement's range in
/// `text`.
fn python_requirement(text: &str, ours: &str, syntax: Syntax) -> Option<(Ask, Range<usize>)> {
    let name_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(text.len());
    let name = &text[..name_end];
    if name.is_empty() || !same_name(ManifestKind::Python, name, ours) {
        return None;
    }
    let mut index = name_end;
    let skip_spaces = |index: usize| index + (text[index..].len() - text[index..].trim_start().len());
    index = skip_spaces(index);
    if text[index..].starts_with('[') {
        index += text[index..].find(']')? + 1;
        index = skip_spaces(index);
    }
    let mut end = text[index..]
        .find(';')
        .map_or(text.len(), |semicolon| index + semicolon);
    let mut separator = "";
    if text[index..].starts_with('@') {
        // Poetry's `name@^1.2`; for pip, `name @ https://...` is a URL.
        if syntax != Syntax::Poetry || text[index..end].contains(['/', ':']) {
            return None;
        }
        index += 1;
        separator = "@";
    } else if text[index..].starts_with('(') {
        index += 1;
        end = index + text[index..end].find(')')?;
    }
    let raw = &text[index..end];
    let requirement = raw.trim();
    let index = index + (raw.len() - raw.trim_start().len());
    let starts_right = if separator == "@" {
        !requirement.is_empty()
    } else {
        requirement.starts_with(['=', '<', '>', '!', '~'])
    };
    if !starts_right {
        return None;
    }
    let ask = Ask {
        name: name.to_string(),
        separator,
        requirement: requirement.to_string(),
        range: None,
        syntax,
    };
    Some((ask, index..index + requirement.len()))
}

/// Lines that are one requirement each (requirements.txt), with an optional comment.
fn requirement_line_asks(literal: &str, ours: &str, out: &mut Vec<Ask>) {
    for (start, line) in lines_with_offsets(literal) {
        let content = line.split(" #").next().unwrap_or(line);
        let indent = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if let Some((ask, part)) = python_requirement(trimmed, ours, Syntax::Pep440) {
            let offset = start + indent;
            out.push(Ask {
                range: Some(offset + part.start..offset + part.end),
                ..ask
            });
        }
    }
}

/// Each line of `text` (without its line end) and where it starts.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line.strip_suffix('\r').unwrap_or(line))
    })
}

// ------------------------------------------- TOML

/// Which table a TOML line is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    /// Before any header.
    Top,
    /// A dependency table (`[dependencies]`, `[workspace.dependencies]`,
    /// `[tool.poetry.group.dev.dependencies]`).
    Dependencies,
    /// This package's own table (`[dependencies.name]`).
    Ours,
    Other,
}

fn classify_header(header: &str, kind: ManifestKind, ours: &str) -> Table {
    let segments: Vec<&str> = header
        .split('.')
        .map(|segment| segment.trim().trim_matches(['"', '\'']))
        .collect();
    let is_dependencies = |segment: &str| match kind {
        ManifestKind::Cargo => matches!(
            segment,
            "dependencies"
                | "dev-dependencies"
                | "build-dependencies"
                | "dev_dependencies"
                | "build_dependencies"
        ),
        _ => matches!(segment, "dependencies" | "dev-dependencies"),
    };
    let poetry = segments.starts_with(&["tool", "poetry"]);
    if kind == ManifestKind::Python && !poetry {
        return Table::Other;
    }
    match segments.as_slice() {
        [.., last] if is_dependencies(last) => Table::Dependencies,
        [.., table, last] if is_dependencies(table) && same_name(kind, last, ours) => Table::Ours,
        _ => Table::Other,
    }
}

/// Dependency lines in TOML: `name = "1.2"`, `name = { version = "1.2", ... }`,
/// `name.version = "1.2"`, `alias = { package = "name", version = "1.2" }`, and `version =
/// "1.2"` in `[dependencies.name]`; for Python, Poetry's tables and quoted PEP 508
/// requirements (`dependencies = ["name>=1.2"]`).
fn toml_asks(literal: &str, kind: ManifestKind, ours: &str, header_required: bool, out: &mut Vec<Ask>) {
    let syntax = match kind {
        ManifestKind::Cargo => Syntax::Cargo,
        ManifestKind::Python => Syntax::Poetry,
        ManifestKind::Npm => return,
    };
    let mut table = Table::Top;
    for (start, line) in lines_with_offsets(literal) {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            table = match trimmed.strip_prefix('[').and_then(|rest| rest.split_once(']')) {
                Some((header, _)) if !header.starts_with('[') => classify_header(header, kind, ours),
                _ => Table::Other,
            };
            continue;
        }
        if kind == ManifestKind::Python && !header_required {
            quoted_requirements(line, start, ours, out);
        }
        let in_dependencies = match table {
            Table::Top => !header_required && kind == ManifestKind::Cargo,
            Table::Dependencies | Table::Ours => true,
            Table::Other => false,
        };
        if !in_dependencies {
            continue;
        }
        let Some(entry) = toml_entry(trimmed) else {
            continue;
        };
        let offset = start + indent;
        let (name, value) = match (table, entry.dotted.as_deref()) {
            (Table::Ours, None) if entry.key == "version" => (ours.to_string(), entry.value),
            (Table::Ours, _) => continue,
            (_, Some("version")) => (entry.key.clone(), entry.value),
            (_, Some(_)) => continue,
            (_, None) => match entry.value {
                TomlValue::String(..) => (entry.key.clone(), entry.value),
                TomlValue::Table(pairs) => {
                    let name = pairs
                        .iter()
                        .find(|(key, _)| key == "package")
                        .map_or_else(|| entry.key.clone(), |(_, value)| value.0.clone());
                    let Some((_, version)) = pairs.into_iter().find(|(key, _)| key == "version") else {
                        continue;
                    };
                    (name, TomlValue::String(version.0, version.1))
                }
                TomlValue::Other => continue,
            },
        };
        let TomlValue::String(requirement, range) = value else {
            continue;
        };
        if !same_name(kind, &name, ours) {
            continue;
        }
        out.push(Ask {
            name,
            separator: "@",
            requirement,
            range: range.map(|range| offset + range.start..offset + range.end),
            syntax,
        });
    }
}

/// PEP 508 requirements in quotes on one line (`"name>=1.2",`).
fn quoted_requirements(line: &str, start: usize, ours: &str, out: &mut Vec<Ask>) {
    let mut rest = 0;
    while let Some(open) = line[rest..].find(['"', '\'']).map(|at| rest + at) {
        let quote = line.as_bytes()[open];
        let Some(length) = line[open + 1..].find(quote as char) else {
            return;
        };
        let content = &line[open + 1..open + 1 + length];
        if let Some((ask, part)) = python_requirement(content, ours, Syntax::Pep440) {
            let offset = start + open + 1;
            out.push(Ask {
                range: (!content.contains('\\')).then(|| offset + part.start..offset + part.end),
                ..ask
            });
        }
        rest = open + 1 + length + 1;
    }
}

/// A TOML string's value and where its content is in the line (`None` with escapes).
type TomlString = (String, Option<Range<usize>>);

#[derive(Debug)]
enum TomlValue {
    String(String, Option<Range<usize>>),
    /// An inline table's string values, by key.
    Table(Vec<(String, TomlString)>),
    Other,
}

#[derive(Debug)]
struct TomlEntry {
    key: String,
    /// `version` in `name.version = "1.2"`.
    dotted: Option<String>,
    value: TomlValue,
}

/// `key = value` on one line (ranges relative to the line).
fn toml_entry(line: &str) -> Option<TomlEntry> {
    let (key, mut index) = toml_key(line, 0)?;
    let mut dotted = None;
    index = skip_toml_spaces(line, index);
    if line[index..].starts_with('.') {
        let (sub, after) = toml_key(line, skip_toml_spaces(line, index + 1))?;
        dotted = Some(sub);
        index = skip_toml_spaces(line, after);
    }
    index = skip_toml_spaces(line, line[index..].strip_prefix('=').map(|_| index + 1)?);
    let value = match line.as_bytes().get(index)? {
        b'"' | b'\'' => {
            let (value, range, _) = toml_string(line, index)?;
            TomlValue::String(value, range)
        }
        b'{' => TomlValue::Table(inline_table(line, index + 1)?),
        _ => TomlValue::Other,
    };
    Some(TomlEntry { key, dotted, value })
}

fn skip_toml_spaces(line: &str, index: usize) -> usize {
    index + (line[index..].len() - line[index..].trim_start_matches([' ', '\t']).len())
}

/// A bare or quoted key at `index`, and where it ends.
fn toml_key(line: &str, index: usize) -> Option<(String, usize)> {
    match line.as_bytes().get(index)? {
        b'"' | b'\'' => {
            let (value, _, end) = toml_string(line, index)?;
            Some((value, end))
        }
        _ => {
            let length = line[index..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
                .unwrap_or(line.len() - index);
            (length > 0).then(|| (line[index..index + length].to_string(), index + length))
        }
    }
}

/// The string opening at `index`: its value, its content's range (`None` when it has
/// escapes) and where it ends.
fn toml_string(line: &str, index: usize) -> Option<(String, Option<Range<usize>>, usize)> {
    let quote = line.as_bytes()[index];
    let content_start = index + 1;
    let bytes = line.as_bytes();
    let mut end = content_start;
    let mut escaped = false;
    while end < bytes.len() && bytes[end] != quote {
        if quote == b'"' && bytes[end] == b'\\' {
            escaped = true;
            end += 1;
        }
        end += 1;
    }
    if end >= bytes.len() {
        return None;
    }
    let content = &line[content_start..end];
    let range = (!escaped).then_some(content_start..end);
    Some((content.to_string(), range, end + 1))
}

/// The string values of an inline table whose `{` is just before `index`.
fn inline_table(line: &str, mut index: usize) -> Option<Vec<(String, TomlString)>> {
    let bytes = line.as_bytes();
    let mut pairs = Vec::new();
    loop {
        index = skip_toml_spaces(line, index);
        match bytes.get(index)? {
            b'}' => return Some(pairs),
            b',' => {
                index += 1;
                continue;
            }
            _ => {}
        }
        let (key, after) = toml_key(line, index)?;
        index = skip_toml_spaces(line, after);
        index = skip_toml_spaces(line, line[index..].strip_prefix('=').map(|_| index + 1)?);
        match bytes.get(index)? {
            b'"' | b'\'' => {
                let (value, range, end) = toml_string(line, index)?;
                pairs.push((key, (value, range)));
                index = end;
            }
            b'[' | b'{' => {
                // An array or table: skip to its close, past the strings in it.
                let mut depth = 0usize;
                while index < bytes.len() {
                    match bytes[index] {
                        b'[' | b'{' => depth += 1,
                        b']' | b'}' => {
                            depth -= 1;
                            if depth == 0 {
                                index += 1;
                                break;
                            }
                        }
                        b'"' | b'\'' => index = toml_string(line, index)?.2 - 1,
                        _ => {}
                    }
                    index += 1;
                }
            }
            _ => {
                index += line[index..].find([',', '}'])?;
            }
        }
    }
}

// ------------------------------------------- JSON

/// `"name": "^1.2.0"` in JSON (a package.json's dependency objects), in one pass.
fn json_asks(literal: &str, ours: &str, out: &mut Vec<Ask>) {
    let bytes = literal.as_bytes();
    let mut index = 0;
    while let Some(open) = memchr::memchr(b'"', &bytes[index..]).map(|at| index + at) {
        let Some((key, key_end)) = json_string(literal, open) else {
            // Not closed on its line (a quote in a comment): go on with the next line.
            index = memchr::memchr(b'\n', &bytes[open..]).map_or(bytes.len(), |offset| open + offset + 1);
            continue;
        };
        index = key_end;
        let after_colon = {
            let colon = skip_json_spaces(literal, key_end);
            if bytes.get(colon) != Some(&b':') {
                continue;
            }
            skip_json_spaces(literal, colon + 1)
        };
        index = after_colon;
        if bytes.get(after_colon) != Some(&b'"') {
            continue;
        }
        let Some((value, value_end)) = json_string(literal, after_colon) else {
            continue;
        };
        index = value_end;
        let (Some(key), Some(requirement)) = (key, value) else {
            continue;
        };
        if same_name(ManifestKind::Npm, &key, ours) {
            out.push(Ask {
                name: key,
                separator: "@",
                range: Some(after_colon + 1..value_end - 1),
                requirement,
                syntax: Syntax::Npm,
            });
        }
    }
}

fn skip_json_spaces(text: &str, index: usize) -> usize {
    index + (text[index..].len() - text[index..].trim_start().len())
}

/// The JSON string opening at `open`: its text (`None` when it has escapes) and where it
/// ends; `None` when it is not closed on its line.
fn json_string(text: &str, open: usize) -> Option<(Option<String>, usize)> {
    let bytes = text.as_bytes();
    let mut index = open + 1;
    let mut escaped = false;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                let value = (!escaped).then(|| text[open + 1..index].to_string());
                return Some((value, index + 1));
            }
            b'\\' => {
                escaped = true;
                index += 2;
            }
            b'\n' => return None,
            _ => index += 1,
        }
    }
    None
}

// ---------------------------------------------------------------- back to the source

/// Where each line of a code block's literal is in the source, for the lines that are there
/// byte for byte (after the indentation, list or quote markers that the literal drops).
struct SourceLines {
    /// For each literal line: its start in the literal, and its start in the source.
    lines: Vec<(usize, Option<usize>)>,
}

impl SourceLines {
    fn new(text: &str, block: &CodeBlock) -> Self {
        let range = block.range.clone();
        let source = &text[range.clone()];
        let source_lines: Vec<(usize, &str)> = lines_with_offsets(source).collect();
        // A fenced block's first source line is its opening fence.
        let first = source_lines.first().map_or(0, |(_, line)| {
            let after_markers = line.trim_start_matches([' ', '\t', '>']);
            let after_item = strip_list_marker(after_markers);
            usize::from(after_item.starts_with("```") || after_item.starts_with("~~~"))
        });
        let lines = lines_with_offsets(&block.literal)
            .enumerate()
            .map(|(index, (literal_start, literal_line))| {
                let located = source_lines
                    .get(first + index)
                    .and_then(|(source_start, source_line)| {
                        let prefix = source_line.strip_suffix(literal_line)?;
                        prefix
                            .bytes()
                            .all(|b| matches!(b, b' ' | b'\t' | b'>'))
                            .then(|| range.start + source_start + prefix.len())
                    });
                (literal_start, located)
            })
            .collect();
        Self { lines }
    }

    /// The source range of a literal range on one line, when that line is located.
    fn locate(&self, range: &Range<usize>) -> Option<Range<usize>> {
        let index = self
            .lines
            .partition_point(|(start, _)| *start <= range.start)
            .checked_sub(1)?;
        let (literal_start, source_start) = self.lines[index];
        let next_start = self.lines.get(index + 1).map_or(usize::MAX, |(start, _)| *start);
        if range.end >= next_start {
            return None;
        }
        let source_start = source_start?;
        Some(source_start + range.start - literal_start..source_start + range.end - literal_start)
    }
}

/// `- `, `* `, `+ `, `1. `, `1) ` at the start of a line, and what follows.
fn strip_list_marker(line: &str) -> &str {
    let digits = line.find(|c: char| !c.is_ascii_digit()).unwrap_or(line.len());
    let after = if digits > 0 {
        line[digits..].strip_prefix(['.', ')'])
    } else {
        line.strip_prefix(['-', '*', '+'])
    };
    match after {
        Some(rest) if rest.starts_with([' ', '\t']) => rest.trim_start_matches([' ', '\t', '>']),
        _ => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(requirement: &str, syntax: Syntax, version: &str) -> Option<String> {
        match judge(requirement, syntax, version) {
            Judgement::Satisfied => Some("ok".into()),
            Judgement::Unknown => None,
            Judgement::Contradicted(None) => Some("no fix".into()),
            Judgement::Contradicted(Some((part, replacement))) => {
                let mut fixed = requirement.to_string();
                fixed.replace_range(part, &replacement);
                Some(fixed)
            }
        }
    }

    #[test]
    fn cargo_requirements_use_the_caret_default() {
        let check = |requirement: &str, version: &str| judged(requirement, Syntax::Cargo, version);
        assert_eq!(check("1.0", "1.0.219").as_deref(), Some("ok"));
        assert_eq!(check("1", "1.9.0").as_deref(), Some("ok"));
        assert_eq!(check("0.9", "1.0.219").as_deref(), Some("1.0"));
        assert_eq!(check("0.3", "0.4.1").as_deref(), Some("0.4"));
        assert_eq!(check("^1.2.0", "2.0.1").as_deref(), Some("^2.0.1"));
        assert_eq!(check("=1.2.3", "1.4.0").as_deref(), Some("=1.4.0"));
        assert_eq!(check("~1.2", "1.4.0").as_deref(), Some("~1.4"));
        assert_eq!(check("1.*", "2.0.0").as_deref(), Some("2.*"));
        assert_eq!(check(">=1.0, <1.5", "2.0.0").as_deref(), Some("no fix"));
        assert_eq!(check("<2", "2.1.0").as_deref(), Some("no fix"));
        // A pre-release is matched only by a requirement that names it.
        assert_eq!(check("1", "2.0.0-beta.1").as_deref(), Some("2.0.0-beta.1"));
        assert_eq!(check("2.0.0-beta.1", "2.0.0-beta.1").as_deref(), Some("ok"));
        assert_eq!(check("2.0.0-alpha", "2.0.0").as_deref(), Some("ok"));
        assert_eq!(check("=2.0.0-alpha", "2.0.0").as_deref(), Some("=2.0.0"));
        assert_eq!(check("latest", "1.0.0"), None);
        assert_eq!(check("1.0", "not a version"), None);
        // `cargo install --version 1.2.3` is exact.
        let install = |requirement: &str| judged(requirement, Syntax::CargoInstall, "1.2.4");
        assert_eq!(install("1.2.3").as_deref(), Some("1.2.4"));
        assert_eq!(install("1.2").as_deref(), Some("ok"));
        assert_eq!(install("^1.2.3").as_deref(), Some("ok"));
    }

    #[test]
    fn npm_ranges() {
        let check = |requirement: &str, version: &str| judged(requirement, Syntax::Npm, version);
        assert_eq!(check("^1.2.0", "1.4.0").as_deref(), Some("ok"));
        assert_eq!(check("^1.2.0", "2.0.1").as_deref(), Some("^2.0.1"));
        // A bare version is exact; a partial one any of its patch releases.
        assert_eq!(check("1.2.3", "1.4.0").as_deref(), Some("1.4.0"));
        assert_eq!(check("1.2", "1.2.7").as_deref(), Some("ok"));
        assert_eq!(check("1.2", "1.4.0").as_deref(), Some("1.4"));
        assert_eq!(check("~1.2.0", "1.4.0").as_deref(), Some("~1.4.0"));
        assert_eq!(check("v1.2.3", "1.4.0").as_deref(), Some("v1.4.0"));
        assert_eq!(check("1.x", "1.4.0").as_deref(), Some("ok"));
        assert_eq!(check("1.x", "2.0.0").as_deref(), Some("2.x"));
        assert_eq!(check(">=1.2.0 <2", "1.9.9").as_deref(), Some("ok"));
        assert_eq!(check(">= 1.2.0", "1.9.9").as_deref(), Some("ok"));
        assert_eq!(check(">=1.2.0 <2", "2.0.0").as_deref(), Some("no fix"));
        assert_eq!(check("^1.0.0 || ^2.0.0", "2.3.0").as_deref(), Some("ok"));
        assert_eq!(check("^1.0.0 || ^2.0.0", "3.0.0").as_deref(), Some("no fix"));
        assert_eq!(check("1.0.0 - 1.5", "1.5.3").as_deref(), Some("ok"));
        assert_eq!(check("1.0.0 - 1.5", "1.6.0").as_deref(), Some("no fix"));
        assert_eq!(check("*", "3.0.0").as_deref(), Some("ok"));
        assert_eq!(check("latest", "1.0.0"), None);
        assert_eq!(check("next || ^1.0.0", "2.0.0"), None);
    }

    #[test]
    fn pep440_specifiers() {
        let check = |requirement: &str, version: &str| judged(requirement, Syntax::Pep440, version);
        assert_eq!(check("==1.2", "1.2.0").as_deref(), Some("ok"));
        assert_eq!(check("==1.2", "1.4.0").as_deref(), Some("==1.4"));
        assert_eq!(check("==1.2", "1.4.1").as_deref(), Some("==1.4.1"));
        assert_eq!(check("==1.2.*", "1.4.1").as_deref(), Some("==1.4.*"));
        assert_eq!(check("==1.2.*", "1.2.9").as_deref(), Some("ok"));
        assert_eq!(check(">=1.2", "1.4.0").as_deref(), Some("ok"));
        assert_eq!(check(">= 2.0", "1.4.0").as_deref(), Some(">= 1.4"));
        assert_eq!(check("~=1.2", "1.9").as_deref(), Some("ok"));
        assert_eq!(check("~=1.2", "2.0.1").as_deref(), Some("~=2.0"));
        assert_eq!(check("~=1.2.0", "1.3.0").as_deref(), Some("~=1.3.0"));
        assert_eq!(check(">=1.0,<2", "1.5").as_deref(), Some("ok"));
        assert_eq!(check(">=1.0,<2", "2.0").as_deref(), Some("no fix"));
        assert_eq!(check("!=1.4.0", "1.4").as_deref(), Some("no fix"));
        assert_eq!(check("<2", "2.0rc1").as_deref(), Some("no fix"));
        assert_eq!(check("<2.0", "1.9.post1").as_deref(), Some("ok"));
        assert_eq!(check(">1.0", "1.0.post1").as_deref(), Some("no fix"));
        assert_eq!(check("==2.0.0rc1", "2.0.0").as_deref(), Some("==2.0.0"));
        assert_eq!(check("==1.0", "1.0+local").as_deref(), Some("ok"));
        assert_eq!(check("===1.0", "1.0").as_deref(), Some("ok"));
        assert_eq!(check("==1.0", "2024.1.post1").as_deref(), Some("==2024.1.post1"));
        assert_eq!(check("^1.0", "1.0"), None);
    }

    #[test]
    fn pep440_order() {
        let sorted = [
            "1.0.dev1",
            "1.0a1.dev1",
            "1.0a1",
            "1.0b2",
            "1.0rc1",
            "1.0",
            "1.0.post1.dev1",
            "1.0.post1",
            "1.1",
        ];
        for pair in sorted.windows(2) {
            let (a, b) = (
                PyVersion::parse(pair[0]).unwrap(),
                PyVersion::parse(pair[1]).unwrap(),
            );
            assert_eq!(a.cmp_pep440(&b), Ordering::Less, "{} < {}", pair[0], pair[1]);
        }
        let spelled = PyVersion::parse("1.0-Alpha.2").unwrap();
        assert_eq!(spelled.pre, Some((0, 2)));
        assert_eq!(PyVersion::parse("1.0-3").unwrap().post, Some(3));
        assert!(PyVersion::parse("x.y.z").is_none());
        assert!(PyVersion::parse("1.0 beta").is_none());
    }

    #[test]
    fn poetry_constraints() {
        let check = |requirement: &str, version: &str| judged(requirement, Syntax::Poetry, version);
        assert_eq!(check("^1.2", "1.9.0").as_deref(), Some("ok"));
        assert_eq!(check("^1.2", "2.0.1").as_deref(), Some("^2.0"));
        assert_eq!(check("^0.2.3", "0.3.0").as_deref(), Some("^0.3.0"));
        assert_eq!(check("~1.2", "1.2.9").as_deref(), Some("ok"));
        assert_eq!(check("~1.2", "1.3.0").as_deref(), Some("~1.3"));
        assert_eq!(check("1.2", "1.2.0").as_deref(), Some("ok"));
        assert_eq!(check("1.2", "1.4.0").as_deref(), Some("1.4"));
        assert_eq!(check(">=1.2,<1.5", "1.4.0").as_deref(), Some("ok"));
        assert_eq!(check("^1.0 || ^2.0", "2.5").as_deref(), Some("ok"));
        assert_eq!(check("*", "9").as_deref(), Some("ok"));
        assert_eq!(check("latest", "1.0"), None);
    }

    #[test]
    fn placeholders_are_skipped() {
        for placeholder in [
            "{{version}}",
            "x.y.z",
            "X.Y.Z",
            "VERSION",
            "<version>",
            "$VERSION",
            "%VERSION%",
        ] {
            assert!(is_placeholder(placeholder), "{placeholder}");
        }
        for requirement in ["1.2", "<2", ">=1.0,<2.0", "^1.x"] {
            assert!(!is_placeholder(requirement), "{requirement}");
        }
    }

    #[test]
    fn names_compare_by_registry() {
        assert!(same_name(ManifestKind::Cargo, "serde_json", "serde-json"));
        assert!(!same_name(ManifestKind::Cargo, "Serde", "serde"));
        assert!(same_name(
            ManifestKind::Python,
            "Zope.Interface",
            "zope-interface"
        ));
        assert!(same_name(ManifestKind::Python, "my__pkg", "my-pkg"));
        assert!(!same_name(ManifestKind::Npm, "Tool", "tool"));
        assert!(same_name(ManifestKind::Npm, "@me/tool", "@me/tool"));
    }

    /// The asks in a block, as `shown|requirement as located in the literal`.
    fn asks(info: &str, literal: &str, kind: ManifestKind, name: &str) -> Vec<String> {
        let block = CodeBlock {
            range: 0..0,
            info: info.into(),
            literal: literal.into(),
        };
        let mut out = Vec::new();
        snippet_asks(&block, kind, name, &mut out);
        out.iter()
            .map(|ask| {
                let located = ask.range.clone().map_or("-", |range| &literal[range]);
                format!("{}|{located}", ask.shown(&ask.requirement))
            })
            .collect()
    }

    #[test]
    fn finds_cargo_snippets() {
        let cargo = |info: &str, literal: &str| asks(info, literal, ManifestKind::Cargo, "my-crate");
        assert_eq!(
            cargo(
                "sh",
                "$ cargo add my_crate@0.3 other@1\ncargo add --features x my-crate@=1.2.3\ncargo install my-crate --vers 1.0.0 # pinned\n"
            ),
            [
                "my_crate@0.3|0.3",
                "my-crate@=1.2.3|=1.2.3",
                "my-crate@1.0.0|1.0.0"
            ]
        );
        assert_eq!(
            cargo("console", "cargo +nightly install --version=2.0.0 my-crate"),
            ["my-crate@2.0.0|2.0.0"]
        );
        assert_eq!(
            cargo("sh", "cargo add my-crate\ncargo add other@1"),
            Vec::<String>::new()
        );
        assert_eq!(cargo("sh", "npm i my-crate@1.0.0"), Vec::<String>::new());
        let toml = "[dependencies]\nmy-crate = \"0.9\"\nmy_crate = { version = \"0.8\", features = [\"a\", \"b\"] }\n\
                    alias = { package = \"my-crate\", version = '0.7' }\nmy-crate.version = \"0.6\"\n\
                    other = \"1\"\n[package]\nname = \"my-crate\"\nversion = \"0.1.0\"\n\
                    [dependencies.my-crate]\nversion = \"0.5\"\n[target.'cfg(unix)'.dev-dependencies]\n\
                    my-crate = { path = \"..\" }\n";
        assert_eq!(
            cargo("toml", toml),
            [
                "my-crate@0.9|0.9",
                "my_crate@0.8|0.8",
                "my-crate@0.7|0.7",
                "my-crate@0.6|0.6",
                "my-crate@0.5|0.5"
            ]
        );
        // With no header, a TOML block's lines are dependency lines; an unlabeled block's are not.
        assert_eq!(cargo("toml", "my-crate = \"0.9\""), ["my-crate@0.9|0.9"]);
        assert_eq!(cargo("", "my-crate = \"0.9\""), Vec::<String>::new());
        assert_eq!(
            cargo("", "[dependencies]\nmy-crate = \"0.9\""),
            ["my-crate@0.9|0.9"]
        );
        assert_eq!(cargo("rust", "cargo add my-crate@0.1"), Vec::<String>::new());
    }

    #[test]
    fn finds_npm_snippets() {
        let npm = |info: &str, literal: &str| asks(info, literal, ManifestKind::Npm, "@me/tool");
        assert_eq!(
            npm(
                "sh",
                "npm i @me/tool@1.2.3\nnpm install --save-dev '@me/tool@^1.2 <2' && yarn add @me/tool@next\n\
                 pnpm add x@npm:@me/tool@~1.0.0\nbun add @me/tool\n"
            ),
            [
                "@me/tool@1.2.3|1.2.3",
                "@me/tool@^1.2 <2|^1.2 <2",
                "@me/tool@next|next",
                "@me/tool@~1.0.0|~1.0.0"
            ]
        );
        assert_eq!(
            npm(
                "json",
                "{\n  \"dependencies\": {\n    \"@me/tool\": \"^1.2.0\", \"other\": \"1\"\n  }\n}"
            ),
            ["@me/tool@^1.2.0|^1.2.0"]
        );
    }

    #[test]
    fn finds_python_snippets() {
        let python = |info: &str, literal: &str| asks(info, literal, ManifestKind::Python, "My.Pkg");
        assert_eq!(
            python(
                "bash",
                "pip install my-pkg==1.2\npip3 install -U \"my_pkg[cli] >= 1.2\"\npython3 -m pip install my.pkg~=1.0\n\
                 uv add 'my-pkg>=1.0,<2' && uv pip install my-pkg!=1.3\npoetry add my-pkg@^1.2\n\
                 pip install my-pkg @ https://x.org/my-pkg.tar.gz\n!pip install my-pkg<3\n"
            ),
            [
                "my-pkg==1.2|==1.2",
                "my_pkg>= 1.2|>= 1.2",
                "my.pkg~=1.0|~=1.0",
                "my-pkg>=1.0,<2|>=1.0,<2",
                "my-pkg!=1.3|!=1.3",
                "my-pkg@^1.2|^1.2",
                "my-pkg<3|<3"
            ]
        );
        assert_eq!(
            python(
                "toml",
                "[project]\ndependencies = [\"my-pkg>=1.2; python_version>'3.8'\", \"other\"]\n\
                 [tool.poetry.dependencies]\nmy-pkg = \"^1.0\"\nother = \"^2\"\n"
            ),
            ["my-pkg>=1.2|>=1.2", "my-pkg@^1.0|^1.0"]
        );
        assert_eq!(
            python("requirements", "my_pkg==0.9  # pinned\nother==1\n"),
            ["my_pkg==0.9|==0.9"]
        );
    }

    /// Lints `text` with a manifest of `kind`, `name` and `version`: each finding as
    /// `located text|message|fix title`, and the text after the fixes.
    fn lint(text: &str, kind: ManifestKind, name: &str, version: &str) -> (Vec<String>, String) {
        use crate::facts::{Manifest, ProjectFacts};
        use crate::source::SourceText;
        let source = SourceText::new(text.to_string());
        let document = crate::document::Document::parse(&source);
        let policy = crate::config::recommended_policy();
        let file = match kind {
            ManifestKind::Cargo => "Cargo.toml",
            ManifestKind::Npm => "package.json",
            ManifestKind::Python => "pyproject.toml",
        };
        let facts = ProjectFacts {
            manifest: Some(Manifest {
                kind,
                path: file.into(),
                name: Some(name.into()),
                version: Some(version.into()),
                ..Manifest::default()
            }),
            ..ProjectFacts::default()
        };
        let context = LintContext::new(&source, &document, &facts, &policy);
        let mut findings = Vec::new();
        InstallVersionMismatch.check(&context, &Options::new(), &mut findings);
        let fixes: Vec<&Fix> = findings
            .iter()
            .filter_map(|finding| finding.fix.as_ref())
            .collect();
        let fixed = crate::fix::apply_fixes(text, &fixes).text;
        let described = findings
            .iter()
            .map(|finding| {
                let title = finding.fix.as_ref().map_or("-".to_string(), |fix| {
                    format!("{} ({})", fix.title, fix.applicability.as_str())
                });
                format!("{}|{}|{title}", &text[finding.range.clone()], finding.message)
            })
            .collect();
        (described, fixed)
    }

    #[test]
    fn reports_and_fixes_in_place() {
        let text = "# x\n\n```toml\n[dependencies]\nserde = \"0.9\"\n```\n";
        let (findings, fixed) = lint(text, ManifestKind::Cargo, "serde", "1.0.219");
        assert_eq!(
            findings,
            [
                "0.9|the install snippet asks for `serde@0.9`, but Cargo.toml says version `1.0.219`|ask for `serde@1.0` (safe)"
            ]
        );
        assert_eq!(fixed, "# x\n\n```toml\n[dependencies]\nserde = \"1.0\"\n```\n");
    }

    #[test]
    fn locates_blocks_in_lists_and_quotes() {
        let text = "# x\n\n- Install:\n\n  ```sh\n  pip install tool==1.2\n  ```\n\n> ```sh\n> pip install tool==1.3\n> ```\n\n\
                    1. Or\n\n       pip install tool==0.1\n";
        let (findings, fixed) = lint(text, ManifestKind::Python, "tool", "1.4.0");
        assert_eq!(findings.len(), 3, "{findings:?}");
        assert!(
            findings.iter().all(|finding| finding.starts_with("==")),
            "{findings:?}"
        );
        assert!(fixed.contains("  pip install tool==1.4\n"), "{fixed}");
        assert!(fixed.contains("> pip install tool==1.4\n"), "{fixed}");
        assert!(fixed.contains("       pip install tool==1.4\n"), "{fixed}");
    }

    #[test]
    fn crlf_and_tabs() {
        let text = "# x\r\n\r\n```sh\r\nnpm i tool@1.2.3\r\n```\r\n";
        let (findings, fixed) = lint(text, ManifestKind::Npm, "tool", "2.0.0");
        assert_eq!(findings.len(), 1);
        assert_eq!(fixed, "# x\r\n\r\n```sh\r\nnpm i tool@2.0.0\r\n```\r\n");
        // A tab that the list's indentation half takes becomes spaces in the literal: the
        // line is not in the source as it is, so there is no fix.
        let text = "# x\n\n- a\n\n  ```sh\n\t npm i tool@1.2.3\n  ```\n";
        let (findings, fixed) = lint(text, ManifestKind::Npm, "tool", "2.0.0");
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(fixed, text);
    }

    #[test]
    fn a_snippet_for_the_current_release_makes_the_others_deliberate() {
        let text = "# x\n\n```sh\ncargo add tool@2\n```\n\nFor 1.x:\n\n```sh\ncargo add tool@1\n```\n";
        let (findings, _) = lint(text, ManifestKind::Cargo, "tool", "2.1.0");
        assert!(findings.is_empty());
        let unversioned = "# x\n\n```sh\nnpm install tool\n```\n\nTypeScript 2.3 or earlier:\n\n```sh\nnpm install tool@1.6.1\n```\n";
        let (findings, _) = lint(unversioned, ManifestKind::Npm, "tool", "2.1.0");
        assert!(findings.is_empty());
    }

    #[test]
    fn skips_what_it_cannot_read() {
        let text = "# x\n\n```sh\ncargo add tool@{{version}}\ncargo add tool@x.y.z\ncargo add tool@latest\n\
                    cargo add other@0.1\n```\n\n```rust\nlet v = \"tool@0.1\";\n```\n";
        let (findings, _) = lint(text, ManifestKind::Cargo, "tool", "2.1.0");
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn scales_linearly() {
        // Many snippets in one block: each line is read once.
        let mut text = String::from("# x\n\n```sh\n");
        for _ in 0..20_000 {
            text.push_str("cargo add tool@1.0\n");
        }
        text.push_str("```\n");
        let started = std::time::Instant::now();
        let (findings, _) = lint(&text, ManifestKind::Cargo, "tool", "2.0.0");
        assert_eq!(findings.len(), 20_000);
        assert!(started.elapsed().as_secs() < 20);
    }
}
