//! `readme-lint init`: write a commented `.readme-lint.yml`.

use crate::config::error::suggestion;
use crate::config::load::{preset_names, preset_text};
use crate::streams::{EXIT_CLEAN, EXIT_ERROR, Streams};
use std::io;
use std::path::Path;

pub const CONFIG_FILE: &str = ".readme-lint.yml";

pub(super) fn init(preset: &str, force: bool, streams: &mut Streams<'_>) -> io::Result<u8> {
    let Some(preset_body) = preset_text(preset) else {
        writeln!(
            streams.stderr,
            "error: unknown preset `{preset}`\n  help: {}",
            suggestion(preset, &preset_names())
        )?;
        return Ok(EXIT_ERROR);
    };
    let existing = crate::config::CONFIG_FILE_NAMES
        .iter()
        .find(|name| std::fs::symlink_metadata(name).is_ok());
    // Overwriting keeps the existing file's name, so no second file shadows it.
    let file_name = existing.copied().unwrap_or(CONFIG_FILE);
    let path = Path::new(file_name);
    if !force && let Some(existing) = existing {
        writeln!(
            streams.stderr,
            "error: {existing} already exists\n  help: pass --force to overwrite it"
        )?;
        return Ok(EXIT_ERROR);
    }
    let content = config_text(preset, preset_body);
    let replace = if force {
        crate::files::Existing::Replace
    } else {
        crate::files::Existing::Keep
    };
    if let Err(error) = crate::files::create_file(path, &content, replace) {
        return super::fail(streams, &error);
    }
    writeln!(
        streams.stdout,
        "wrote {CONFIG_FILE} (extends the `{preset}` preset)"
    )?;
    Ok(EXIT_CLEAN)
}

/// The commented config `init` writes: the preset to extend, the keys a user
/// usually changes (commented out), and the preset's own settings for reference.
pub fn config_text(preset: &str, preset_body: &str) -> String {
    let mut text = format!(
        "# readme-lint configuration.\n\
         # `readme-lint rules` lists the rules, `readme-lint rule NAME` explains one,\n\
         # `readme-lint config` shows the effective settings and where each comes from.\n\
         \n\
         # Presets: {}.\n\
         extends: {preset}\n\
         \n\
         # Rule levels (off, warn, error) and options, by rule name or code.\n\
         # rules:\n\
         #   title-mismatch: off\n\
         #   missing-description:\n\
         #     severity: warn\n\
         #     max-length: 120\n\
         \n\
         # The section policy; names come from the section catalogue (rules/sections.yml).\n\
         # sections:\n\
         #   required:\n\
         #     - installation\n\
         #     - usage\n\
         #     - section: table-of-contents\n\
         #       when: {{min-lines: 100}}\n\
         #     - license\n\
         #   order: [installation, usage, contributing, license]\n\
         #   forbidden: []\n\
         \n\
         # Extra files to lint, and files never to lint (globs relative to this file).\n\
         # include: [\"docs/*.md\"]\n\
         # exclude: [\"vendor/**\"]\n\
         \n\
         # Settings for some files only.\n\
         # overrides:\n\
         #   - files: [\"examples/**\"]\n\
         #     rules:\n\
         #       missing-section: off\n\
         \n\
         # The `{preset}` preset sets:\n",
        preset_names().join(", ")
    );
    for line in preset_body.lines() {
        text.push_str("#   ");
        text.push_str(line);
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Origin, load::parse_config};

    #[test]
    fn written_config_parses_for_every_preset() {
        for name in preset_names() {
            let text = config_text(name, preset_text(name).unwrap());
            let config = parse_config(&text, &Origin::CommandLine).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(config.extends.map(|e| e.value).as_deref(), Some(name));
        }
    }
}
