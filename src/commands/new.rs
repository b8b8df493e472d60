//! `readme-lint new`: a README skeleton from the project's facts.

use crate::files;
use crate::streams::{EXIT_CLEAN, EXIT_ERROR, Streams};
use std::io;
use std::path::Path;

pub(super) fn new_readme(
    preset: &str,
    sections: &[String],
    path: Option<&Path>,
    force: bool,
    streams: &mut Streams<'_>,
) -> io::Result<u8> {
    let path = path.unwrap_or(Path::new("README.md"));
    // A link counts as existing, even a dangling one: `new` never writes through it unasked.
    if std::fs::symlink_metadata(path).is_ok() && !force {
        writeln!(
            streams.stderr,
            "error: {} already exists\n  help: pass --force to overwrite it",
            path.display()
        )?;
        return Ok(EXIT_ERROR);
    }
    let folder = files::parent_or_current(path);
    let facts = crate::facts::discover(folder);
    let folder_name = files::absolute(folder)
        .components()
        .rfind(|component| matches!(component, std::path::Component::Normal(_)))
        .map_or_else(
            || "project".to_string(),
            |name| name.as_os_str().to_string_lossy().into_owned(),
        );
    let text = match crate::scaffold::readme_for(&facts, preset, sections, &folder_name) {
        Ok(text) => text,
        Err(error) => {
            writeln!(streams.stderr, "error: {}", error.0)?;
            return Ok(EXIT_ERROR);
        }
    };
    let existing = if force {
        files::Existing::Replace
    } else {
        files::Existing::Keep
    };
    if let Err(error) = files::create_file(path, &text, existing) {
        return super::fail(streams, &error);
    }
    writeln!(
        streams.stdout,
        "wrote {} ({} lines, `{preset}` sections); fill in the placeholders, then run `readme-lint`",
        path.display(),
        text.lines().count()
    )?;
    Ok(EXIT_CLEAN)
}
