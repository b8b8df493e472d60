//! What every command shares: the streams it reads and writes, and the exit codes.

use std::io::{Read, Write};

/// Exit codes.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// The streams a command reads and writes.
pub struct Streams<'a> {
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether stdout is a terminal (for `--color auto`).
    pub stdout_is_terminal: bool,
    /// Whether stderr is a terminal (for the `--online` progress bar).
    pub stderr_is_terminal: bool,
    /// Whether NO_COLOR is set.
    pub no_color: bool,
    /// Whether this runs in a GitHub Actions job (`GITHUB_ACTIONS=true`), whose runner
    /// reads lines of output that start with `::` as workflow commands.
    pub github_actions: bool,
}
