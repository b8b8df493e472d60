//! RL204 static-badge-mismatch: a static badge states a version, license or
//! minimum toolchain that the manifest contradicts.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::catalog::StaticField;
use crate::badges::static_badge;
use crate::badges::support::sites;
use crate::diagnostic::{Finding, Severity};
use crate::facts::{Manifest, ManifestKind};
use crate::fix::{Applicability, Fix};

pub struct StaticBadgeMismatch;

static META: RuleMeta = RuleMeta {
    code: "RL204",
    name: "static-badge-mismatch",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A static badge states a version, license or minimum toolchain the manifest contradicts",
    doc: include_str!("../../rules/docs/static-badge-mismatch.md"),
};

impl Rule for StaticBadgeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let Some(manifest) = context.facts.manifest.as_ref() else {
            return;
        };
        let catalog = context.policy.badges.catalog();
        // Several license badges may state an expression between them (`license-MIT` and
        // `license-Apache` for "MIT OR Apache-2.0"): then none of them contradicts it.
        let license_badges: Vec<String> = sites(context.badges())
            .into_iter()
            .filter_map(|site| {
                let matched = site.matched?;
                let parsed = static_badge::parse(&site.url.url, matched)?;
                let label = parsed.label.as_ref()?;
                matches!(catalog.static_field(&label.text), Some((StaticField::License, _)))
                    .then(|| parsed.message.text.trim().to_string())
            })
            .collect();
        let licenses_together = license_badges.len() > 1
            && manifest.license.as_deref().is_some_and(|expected| {
                let mut stated: Vec<String> =
                    license_badges.iter().flat_map(|text| license_ids(text)).collect();
                stated.sort();
                stated.dedup();
                stated == license_ids(expected)
            });
        let image_urls: Vec<&str> = context
            .badges()
            .iter()
            .map(|badge| badge.image.url.as_str())
            .collect();
        for site in sites(context.badges()) {
            let Some(matched) = site.matched else { continue };
            // A badge in a table describes one of its rows (a workspace's crates), not
            // necessarily this package.
            if in_table(context, site.range().start) {
                continue;
            }
            let url = &site.url.url;
            let Some(parsed) = static_badge::parse(url, matched) else {
                continue;
            };
            let message_text = parsed.message.text.trim();
            let (field, safe_label) = match &parsed.label {
                Some(label) => match catalog.static_field(&label.text) {
                    Some(found) => found,
                    None => continue,
                },
                // `/badge/v1.2.3-blue`: no label, but plainly a version.
                None if is_v_version(message_text) => (StaticField::Version, false),
                None => continue,
            };
            if field == StaticField::License && licenses_together {
                continue;
            }
            let Some((expected, verdict)) = compare(field, message_text, manifest) else {
                continue;
            };
            let file = manifest
                .path
                .file_name()
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            let stated = match &parsed.label {
                Some(label) => format!("{} `{}`", label.text.trim(), message_text),
                None => format!("`{message_text}`"),
            };
            let message = format!("the static badge says {stated}, but {file} says `{expected}`");
            let help = match dynamic_badge(field, manifest) {
                Some(dynamic) => format!(
                    "update the badge, or use a badge that reads the registry, such as `{dynamic}` (it shows the published value)"
                ),
                None => "update the badge".to_string(),
            };
            let fix = verdict.and_then(|new_message| {
                let raw = &url[parsed.message.range.clone()];
                let encoded = static_badge::encode(&new_message, raw, parsed.form);
                let new_url = format!(
                    "{}{}{}",
                    &url[..parsed.message.range.start],
                    encoded,
                    &url[parsed.message.range.end..]
                );
                let applicability = if safe_label {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                // Never make a second copy of a badge the README already shows.
                if image_urls.iter().any(|other| *other == new_url) {
                    return None;
                }
                let edit = site.url.edit_to(&new_url)?;
                Some(Fix::new(
                    format!("make the badge say `{new_message}`"),
                    applicability,
                    vec![edit],
                ))
            });
            findings.push(Finding::new(site.range(), message).help(help).fix(fix));
        }
    }
}

/// The manifest value when the badge contradicts it, and the badge's new message
/// when one can be written.
fn compare(field: StaticField, message: &str, manifest: &Manifest) -> Option<(String, Option<String>)> {
    match field {
        StaticField::Version => {
            let expected = manifest.version.as_deref()?;
            let (prefix, number) = match message.strip_prefix(['v', 'V']) {
                Some(rest) => (&message[..1], rest),
                None => ("", message),
            };
            if !looks_like_version(number) {
                return None;
            }
            let expected_bare = expected.strip_prefix('v').unwrap_or(expected);
            (number != expected_bare)
                .then(|| (expected.to_string(), Some(format!("{prefix}{expected_bare}"))))
        }
        StaticField::License => {
            let expected = manifest.license.as_deref()?;
            (!same_licenses(&license_ids(message), &license_ids(expected)))
                .then(|| (expected.to_string(), Some(expected.to_string())))
        }
        StaticField::RustVersion => {
            if manifest.kind != ManifestKind::Cargo {
                return None;
            }
            let expected = manifest.min_runtime.as_deref()?;
            let numbers = version_numbers(message);
            let [(range, number)] = numbers.as_slice() else {
                return None;
            };
            if same_version(number, expected) {
                return None;
            }
            let new_message = format!("{}{}{}", &message[..range.start], expected, &message[range.end..]);
            Some((expected.to_string(), Some(new_message)))
        }
        StaticField::PythonVersion | StaticField::NodeVersion => {
            let wanted_kind = match field {
                StaticField::PythonVersion => ManifestKind::Python,
                _ => ManifestKind::Npm,
            };
            if manifest.kind != wanted_kind {
                return None;
            }
            let requirement = manifest.min_runtime.as_deref()?;
            let lower = lower_bound(requirement)?;
            let numbers = version_numbers(message);
            let lowest = numbers.iter().min_by(|a, b| compare_versions(&a.1, &b.1))?;
            if same_version(&lowest.1, &lower) || is_prefix_version(&lowest.1, &lower) {
                return None;
            }
            // Only a single "3.8+" or ">=3.8" can be rewritten; a list needs a human.
            let new_message = (numbers.len() == 1).then(|| {
                let range = &lowest.0;
                format!("{}{}{}", &message[..range.start], lower, &message[range.end..])
            });
            Some((requirement.to_string(), new_message))
        }
    }
}

fn is_v_version(text: &str) -> bool {
    text.strip_prefix(['v', 'V']).is_some_and(looks_like_version)
}

/// `1.2.3`, `0.1`, `1.0.0-beta.2`, `2.0.0+build`.
fn looks_like_version(text: &str) -> bool {
    let core_end = text.find(['-', '+']).unwrap_or(text.len());
    let core = &text[..core_end];
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
        && text[core_end..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'))
}

/// Version numbers (`3`, `3.8`, `1.70.0`) in a text, with their ranges.
fn version_numbers(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index].is_ascii_digit() && (index == 0 || !bytes[index - 1].is_ascii_alphanumeric()) {
            let start = index;
            while index < bytes.len()
                && (bytes[index].is_ascii_digit()
                    || bytes[index] == b'.' && bytes.get(index + 1).is_some_and(u8::is_ascii_digit))
            {
                index += 1;
            }
            out.push((start..index, text[start..index].to_string()));
        } else {
            index += 1;
        }
    }
    out
}

fn components(version: &str) -> Vec<u64> {
    version
        .trim()
        .split('.')
        .map_while(|part| part.parse().ok())
        .collect()
}

fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (components(a), components(b));
    let length = a.len().max(b.len());
    let pad = |v: &[u64]| {
        (0..length)
            .map(|i| v.get(i).copied().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    pad(&a).cmp(&pad(&b))
}

/// `1.70` and `1.70.0` are the same version.
fn same_version(a: &str, b: &str) -> bool {
    !components(a).is_empty() && compare_versions(a, b).is_eq()
}

/// `3` says no more than "some 3.x", so it agrees with `3.8`.
fn is_prefix_version(short: &str, long: &str) -> bool {
    let (short, long) = (components(short), components(long));
    short.len() < long.len() && long.starts_with(&short)
}

/// The lowest version a requirement allows: `>=3.8`, `~=3.8`, `^3.8` (Poetry),
/// `>=16.0.0 <19` (npm); `None` when it sets no lower bound.
fn lower_bound(requirement: &str) -> Option<String> {
    requirement
        .split([',', ' ', '|'])
        .map(str::trim)
        .find_map(|clause| {
            let rest = clause
                .strip_prefix(">=")
                .or_else(|| clause.strip_prefix("~="))
                .or_else(|| clause.strip_prefix('^'))
                .or_else(|| clause.strip_prefix('~'))?;
            let number = rest.trim().trim_start_matches('v');
            let end = number
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(number.len());
            let number = number[..end].trim_end_matches('.');
            (!number.is_empty()).then(|| number.to_string())
        })
}

/// License ids compared loosely: `MIT OR Apache-2.0`, `MIT/Apache 2.0` and
/// `Apache-2.0 / MIT` are the same set.
fn license_ids(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut ids: Vec<String> = lower
        .replace(" or ", "/")
        .replace(" and ", "/")
        .replace(" with ", "/")
        .split(['/', ',', '|', '&', '(', ')'])
        .map(|id| {
            let id = id
                .trim()
                .trim_end_matches("license")
                .replace("-or-later", "+")
                .replace("-only", "")
                .replace(".0", "");
            let mut normalized = String::new();
            let chars: Vec<char> = id.chars().collect();
            for (index, c) in chars.iter().enumerate() {
                // `GPLv3` is `GPL-3`.
                if *c == 'v' && chars.get(index + 1).is_some_and(char::is_ascii_digit) {
                    continue;
                }
                if c.is_alphanumeric() || *c == '+' {
                    normalized.push(*c);
                }
            }
            // A bare "Apache" in a badge means Apache-2.0 in practice.
            if normalized == "apache" {
                normalized.push('2');
            }
            normalized
        })
        .filter(|id| !id.is_empty())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn in_table(context: &LintContext<'_>, offset: usize) -> bool {
    context
        .document
        .blocks
        .iter()
        .any(|block| block.kind == crate::document::BlockKind::Table && block.range.contains(&offset))
}

/// True when a badge's license ids name the manifest's, a family name standing for its
/// members (a badge's `BSD` for `BSD-3-Clause`, `GPL` for `GPL-3.0-only`). A family
/// name is followed by a version (`-3-Clause`, `-2.0`): `MIT` does not stand for
/// `MIT-0` (another license) nor for `MIT-CMU`. Both sides are [`license_ids`].
fn same_licenses(stated: &[String], expected: &[String]) -> bool {
    stated.len() == expected.len()
        && stated.iter().zip(expected).all(|(badge, manifest)| {
            badge == manifest
                || (badge.chars().all(char::is_alphabetic)
                    && manifest.strip_prefix(badge.as_str()).is_some_and(|version| {
                        version.starts_with(|ch: char| ch.is_ascii_digit()) && version != "0"
                    }))
        })
}

/// A badge that reads the value from the package registry.
fn dynamic_badge(field: StaticField, manifest: &Manifest) -> Option<String> {
    let name = manifest.name.as_deref()?;
    let route = match (field, manifest.kind) {
        (StaticField::Version, ManifestKind::Cargo) => "crates/v",
        (StaticField::Version, ManifestKind::Python) => "pypi/v",
        (StaticField::Version, ManifestKind::Npm) => "npm/v",
        (StaticField::License, ManifestKind::Cargo) => "crates/l",
        (StaticField::License, ManifestKind::Python) => "pypi/l",
        (StaticField::License, ManifestKind::Npm) => "npm/l",
        (StaticField::RustVersion, ManifestKind::Cargo) => "crates/msrv",
        (StaticField::PythonVersion, ManifestKind::Python) => "pypi/pyversions",
        (StaticField::NodeVersion, ManifestKind::Npm) => "node/v",
        _ => return None,
    };
    Some(format!("https://img.shields.io/{route}/{name}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_family_name_stands_for_its_versions_only() {
        let ids = |list: &[&str]| super::license_ids(&list.join(" OR "));
        assert!(super::same_licenses(&ids(&["BSD"]), &ids(&["BSD-3-Clause"])));
        assert!(super::same_licenses(&ids(&["GPL"]), &ids(&["GPL-3.0-only"])));
        assert!(!super::same_licenses(&ids(&["MIT"]), &ids(&["MIT-0"])));
        assert!(!super::same_licenses(&ids(&["MIT"]), &ids(&["MIT-CMU"])));
    }

    use super::*;

    fn manifest(kind: ManifestKind, version: &str, license: &str, runtime: &str) -> Manifest {
        Manifest {
            kind,
            version: Some(version.into()),
            license: Some(license.into()),
            min_runtime: Some(runtime.into()),
            ..Manifest::default()
        }
    }

    #[test]
    fn compares_each_field() {
        let cargo = manifest(ManifestKind::Cargo, "1.4.0", "MIT OR Apache-2.0", "1.70");
        let check = |field, message: &str| compare(field, message, &cargo).map(|(_, new)| new);
        assert_eq!(check(StaticField::Version, "1.2.3"), Some(Some("1.4.0".into())));
        assert_eq!(check(StaticField::Version, "v1.2.3"), Some(Some("v1.4.0".into())));
        assert_eq!(check(StaticField::Version, "1.4.0"), None);
        assert_eq!(check(StaticField::Version, "stable"), None);
        assert_eq!(check(StaticField::License, "MIT/Apache 2.0"), None);
        assert_eq!(check(StaticField::License, "Apache-2.0 OR MIT"), None);
        assert_eq!(check(StaticField::License, "MIT/Apache"), None);
        assert_eq!(
            check(StaticField::License, "MIT"),
            Some(Some("MIT OR Apache-2.0".into()))
        );
        assert_eq!(check(StaticField::RustVersion, "1.70.0+"), None);
        assert_eq!(
            check(StaticField::RustVersion, "1.68+"),
            Some(Some("1.70+".into()))
        );
        assert_eq!(
            check(StaticField::RustVersion, ">= 1.68"),
            Some(Some(">= 1.70".into()))
        );
        assert_eq!(
            check(StaticField::PythonVersion, "3.6+"),
            None,
            "not a Python project"
        );

        let python = manifest(ManifestKind::Python, "0.1.0", "GPL-3.0-or-later", ">=3.8,<4");
        let check = |field, message: &str| compare(field, message, &python).map(|(_, new)| new);
        assert_eq!(
            check(StaticField::PythonVersion, "3.6+"),
            Some(Some("3.8+".into()))
        );
        assert_eq!(check(StaticField::PythonVersion, "3"), None);
        assert_eq!(check(StaticField::PythonVersion, "3.8 | 3.9 | 3.10"), None);
        assert_eq!(check(StaticField::PythonVersion, "3.7 | 3.8"), Some(None));
        assert_eq!(check(StaticField::License, "GPLv3+"), None);
    }

    #[test]
    fn requirement_lower_bounds() {
        assert_eq!(lower_bound(">=3.8, <4").as_deref(), Some("3.8"));
        assert_eq!(lower_bound("^3.9").as_deref(), Some("3.9"));
        assert_eq!(lower_bound(">=16.0.0").as_deref(), Some("16.0.0"));
        assert_eq!(lower_bound("<4"), None);
    }
}
