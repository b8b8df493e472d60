//! Running the binary in a fresh project folder, for the tests that cannot be
//! trycmd cases (generated inputs, special files, processes to interrupt).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary project folder: the root of a (fake, empty) git repository, so that
/// config lookup and project facts stop there.
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

pub fn write(dir: &Path, path: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, content).unwrap();
    path
}

/// The binary, run in `dir`, with `HOME` and `XDG_CONFIG_HOME` pointing nowhere
/// (no global gitignore) and stdin empty.
pub fn readme_lint(dir: &Path) -> Command {
    let nowhere = dir.join(".git/no-home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_readme-lint"));
    command
        .current_dir(dir)
        .env("HOME", &nowhere)
        .env("XDG_CONFIG_HOME", &nowhere)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null());
    command
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
pub fn assert_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// A README that passes the `recommended` preset but for its missing License section
/// (an unsafe fix inserts it).
pub const README_WITHOUT_LICENSE: &str = "# demo\n\nA tiny tool that greets people.\n\n## Installation\n\n```sh\ncargo install demo\n```\n\n## Usage\n\nRun `demo`.\n";

/// True when this process runs as root, whom file permissions do not stop.
pub fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Makes `command` run as `nobody` when the tests run as root (as in CI), so that file
/// permissions hold for it; `dir`, the project it works in, is opened up for it to read.
/// Tests of permissions use this instead of skipping themselves when run as root.
pub fn unprivileged(command: &mut Command, dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    if !running_as_root() {
        return;
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
    command.uid(65534).gid(65534);
}
