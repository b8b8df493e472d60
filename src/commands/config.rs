//! `readme-lint config [PATH]`: the effective config for a file, with origins.

use crate::config::{ConfigCache, Requirement, RuleSelection};
use crate::rules::RULES;
use crate::streams::{EXIT_CLEAN, EXIT_ERROR, Streams};
use std::io;
use std::path::Path;

pub(super) fn show(
    path: Option<&Path>,
    config: Option<&Path>,
    schema: bool,
    streams: &mut Streams<'_>,
) -> io::Result<u8> {
    if schema {
        write!(streams.stdout, "{}", crate::config::file::json_schema())?;
        return Ok(EXIT_CLEAN);
    }
    let path = path.unwrap_or(Path::new("README.md"));
    let loaded = match ConfigCache::new(config).and_then(|cache| cache.for_file(path)) {
        Ok(loaded) => loaded,
        Err(error) => {
            writeln!(streams.stderr, "error: {error}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let policy = loaded.policy_for(path, &RuleSelection::default());
    let out = &mut *streams.stdout;
    writeln!(out, "# Effective config for {}", path.display())?;
    writeln!(out, "# Built from: {}", policy.chain.join(" <- "))?;
    writeln!(out, "rules:")?;
    let width = RULES.iter().map(|rule| rule.meta().name.len()).max().unwrap_or(0);
    for (rule, state) in RULES.iter().zip(&policy.rules) {
        let options = if state.options.is_empty() {
            String::new()
        } else {
            format!(" {}", serde_json::Value::Object(state.options.clone()))
        };
        writeln!(
            out,
            "  {:<width$} {:<5}{options}  # {} ({})",
            format!("{}:", rule.meta().name),
            state.level.as_str(),
            rule.meta().code,
            state.origin,
            width = width + 1
        )?;
    }
    let sections = &policy.sections;
    let origin = |set_in: &Option<String>| set_in.as_deref().unwrap_or("default").to_string();
    writeln!(out, "sections:")?;
    let required: Vec<String> = sections.required.iter().map(describe_requirement).collect();
    writeln!(
        out,
        "  required: [{}]  # {}",
        required.join(", "),
        origin(&sections.origins.required)
    )?;
    writeln!(
        out,
        "  order: [{}]  # {}",
        sections.order.join(", "),
        origin(&sections.origins.order)
    )?;
    writeln!(
        out,
        "  forbidden: [{}]  # {}",
        sections.forbidden.join(", "),
        origin(&sections.origins.forbidden)
    )?;
    writeln!(out, "  count-content: {}", sections.count_content)?;
    // What makes each required section present, so a finding can be understood.
    if !sections.required.is_empty() {
        writeln!(out, "  # what counts as each required section:")?;
    }
    for requirement in &sections.required {
        let Some(def) = policy.catalog.get(requirement.section()) else {
            continue;
        };
        let mut headings = vec![def.heading.clone()];
        headings.extend(def.aliases.iter().cloned());
        let counted_by: Vec<&str> = policy
            .catalog
            .iter()
            .filter(|other| other.counts_as.contains(&def.name))
            .map(|other| other.heading.as_str())
            .collect();
        let mut line = format!("  #   {}: a heading {}", def.name, headings.join(" / "));
        if !counted_by.is_empty() {
            line.push_str(&format!(", or {}", counted_by.join(" / ")));
        }
        line.push_str(" (any level, HTML too; also as part of \"X and Y\")");
        if sections.count_content && !def.evidence.is_empty() {
            let evidence: Vec<&str> = def
                .evidence
                .iter()
                .map(|kind| match kind {
                    crate::sections::Evidence::InstallCommand => {
                        "an install command or dependency snippet in code"
                    }
                    crate::sections::Evidence::LicenseStatement => {
                        "a license statement, a link to a license file or a license badge"
                    }
                    crate::sections::Evidence::CodeExample => "a code example, or headings that name code",
                })
                .collect();
            line.push_str(&format!("; or {}", evidence.join("; ")));
        }
        writeln!(out, "{line}")?;
    }
    let dates = &policy.dates;
    writeln!(out, "dates:")?;
    let format = match &dates.format {
        crate::dates::DateFormat::Consistent => "consistent".to_string(),
        crate::dates::DateFormat::Fixed { name, .. } => name.clone(),
    };
    writeln!(out, "  format: {format}")?;
    let order = match dates.order {
        None => "unset (numeric dates whose day and month can swap are ambiguous)",
        Some(crate::dates::DateOrder::Dmy) => "dmy",
        Some(crate::dates::DateOrder::Mdy) => "mdy",
    };
    writeln!(out, "  order: {order}")?;
    writeln!(out, "  max-age: {}", dates.max_age_text)?;
    let copyright = match dates.copyright {
        crate::dates::CopyrightFix::Extend => "extend",
        crate::dates::CopyrightFix::Replace => "replace",
        crate::dates::CopyrightFix::Off => "off",
    };
    writeln!(out, "  copyright: {copyright}")?;
    writeln!(out, "badges:")?;
    let required: Vec<&str> = policy.badges.required.iter().map(|kind| kind.as_str()).collect();
    writeln!(out, "  required: [{}]", required.join(", "))?;
    let services: Vec<&str> = policy
        .badges
        .services
        .iter()
        .map(|service| service.def.id.as_str())
        .collect();
    if !services.is_empty() {
        writeln!(
            out,
            "  services: [{}]  # added to rules/badges.yml",
            services.join(", ")
        )?;
    }
    writeln!(
        out,
        "max-warnings: {}",
        loaded
            .max_warnings()
            .map_or("none".to_string(), |max| max.to_string())
    )?;
    if loaded.default_excludes() {
        writeln!(
            out,
            "default-excludes: true  # a walk skips these folders: {}",
            crate::discover::default_excludes().join(", ")
        )?;
    } else {
        writeln!(out, "default-excludes: false")?;
    }
    for layer in &loaded.layers {
        let include: Vec<&str> = layer
            .config
            .include
            .iter()
            .map(|glob| glob.value.as_str())
            .collect();
        let exclude: Vec<&str> = layer
            .config
            .exclude
            .iter()
            .map(|glob| glob.value.as_str())
            .collect();
        if !include.is_empty() {
            writeln!(out, "include: [{}]  # {}", include.join(", "), layer.origin)?;
        }
        if !exclude.is_empty() {
            writeln!(out, "exclude: [{}]  # {}", exclude.join(", "), layer.origin)?;
        }
    }
    Ok(EXIT_CLEAN)
}

fn describe_requirement(requirement: &Requirement) -> String {
    match requirement.condition() {
        None => requirement.section().to_string(),
        Some(condition) => format!("{} (when {condition})", requirement.section()),
    }
}
