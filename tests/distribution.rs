//! The install-without-Rust path, end to end: maturin builds readme-lint's wheel (from
//! `pyproject.toml`), `dist/make-pre-commit-repo.sh` writes the Python hooks repository
//! (`language: python`), and real pre-commit installs the hooks from that wheel alone
//! (`PIP_NO_INDEX`, the wheel in `PIP_FIND_LINKS`) with no cargo or rustc on its `PATH`, then
//! runs them. `#[ignore]`d for a plain `cargo test`; `.ci/run` runs it with
//! `cargo test --test distribution -- --ignored` after `.ci/install-tools` has installed
//! maturin and pre-commit. The test's venv sees those (system site packages); where they
//! are missing it installs the same pinned versions from PyPI. Nothing else is fetched.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

/// The versions `.ci/install-tools` installs, which the test installs where they are missing.
const MATURIN: &str = "maturin==1.16.0";
const PRE_COMMIT: &str = "pre-commit==4.7.0";

const README_WITHOUT_LICENSE: &str = "# demo\n\nA demo.\n\n## Installation\n\nmake\n\n## Usage\n\nx\n";

const README_WITH_STALE_TOC: &str = "# demo\n\nA demo.\n\n<!-- toc -->\n- [Old](#old)\n<!-- tocstop -->\n\n## Installation\n\nmake\n\n## Usage\n\nx\n\n## License\n\nMIT\n";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The target folder of this `cargo test` run (`CARGO_TARGET_DIR`, or the repository's).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {command:?}: {error}"))
}

fn check(command: &mut Command) -> Output {
    let output = run(command);
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

fn git(dir: &Path, args: &[&str]) {
    check(
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .env_remove("GIT_DIR")
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com"),
    );
}

/// Cargo's version as PyPI writes it (maturin does the same): `1.2.3-rc.1` is `1.2.3rc1`.
fn python_version() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match version.split_once('-') {
        None => version.to_string(),
        Some((release, pre)) => {
            let pre = pre.replace('.', "");
            let pre = pre.replace("alpha", "a").replace("beta", "b");
            format!("{release}{pre}")
        }
    }
}

/// The `maturin` program of the venv's maturin, wherever pip installed it (the venv, or the
/// site packages it sees): `python -m maturin` only looks in the venv's own scripts folder.
fn maturin_script(python: &Path) -> PathBuf {
    let find = "import importlib.metadata as m\n\
        d = m.distribution('maturin')\n\
        print(next(d.locate_file(f) for f in d.files if f.name in ('maturin', 'maturin.exe')))";
    let output = check(Command::new(python).args(["-c", find]));
    PathBuf::from(text(&output.stdout).trim())
}

/// `PATH` without the folders that hold cargo, rustc or rustup: what the hooks may use.
fn path_without_rust(first: &Path) -> OsString {
    let rust_tools = ["cargo", "rustc", "rustup"];
    let mut dirs = vec![first.to_path_buf()];
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(
        std::env::split_paths(&inherited)
            .filter(|dir| !rust_tools.iter().any(|tool| dir.join(tool).exists())),
    );
    std::env::join_paths(dirs).unwrap()
}

#[test]
#[ignore = "needs python3 and PyPI (for maturin and pre-commit); run by .ci/run"]
fn python_hooks_install_the_wheel_without_a_rust_toolchain() {
    let root = repo_root();
    let dir = tempfile::tempdir().unwrap();
    let version = python_version();

    // maturin and pre-commit in a venv of the test's own (PyPI is reached here only, and
    // not at all when .ci/install-tools has installed them).
    let venv = dir.path().join("venv");
    check(
        Command::new("python3")
            .args(["-m", "venv", "--system-site-packages"])
            .arg(&venv),
    );
    let venv_bin = venv.join("bin");
    let python = venv_bin.join("python");
    check(
        Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
            .args([MATURIN, PRE_COMMIT]),
    );

    // The wheel, as the release workflow builds it (dev profile: the same files, faster);
    // its own target folder, so the build never waits on the lock of `cargo test`'s.
    let wheels = dir.path().join("wheels");
    check(
        Command::new(maturin_script(&python))
            .args(["build", "--locked", "--quiet", "--out"])
            .arg(&wheels)
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", target_dir().join("distribution"))
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS"),
    );
    let built: Vec<String> = fs::read_dir(&wheels)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        built.len() == 1 && built[0].starts_with(&format!("readme_lint-{version}-py3-none-")),
        "{built:?}"
    );

    // The wheel installs on its own, offline, and its binary is this version.
    let plain = dir.path().join("plain");
    check(Command::new("python3").arg("-m").arg("venv").arg(&plain));
    check(
        Command::new(plain.join("bin/python"))
            .args(["-m", "pip", "install", "--quiet", "--no-index", "--find-links"])
            .arg(&wheels)
            .arg("readme-lint"),
    );
    let reported = check(Command::new(plain.join("bin/readme-lint")).arg("--version"));
    assert_eq!(
        text(&reported.stdout).trim(),
        format!("readme-lint {}", env!("CARGO_PKG_VERSION"))
    );

    // The hooks repository, committed.
    let hooks_repo = dir.path().join("readme-lint-pre-commit");
    check(
        Command::new("bash")
            .arg(root.join("dist/make-pre-commit-repo.sh"))
            .arg(&version)
            .arg(&hooks_repo),
    );
    let hooks = fs::read_to_string(hooks_repo.join(".pre-commit-hooks.yaml")).unwrap();
    let ours = fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let ids = |yaml: &str| -> Vec<String> {
        yaml.lines()
            .filter_map(|line| line.strip_prefix("- id: "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(ids(&hooks), ids(&ours));
    assert!(!hooks.contains("language: rust"), "{hooks}");
    assert_eq!(
        hooks.lines().filter(|line| *line == "  language: python").count(),
        ids(&ours).len(),
        "{hooks}"
    );
    git(&hooks_repo, &["init", "-q"]);
    git(&hooks_repo, &["add", "-A"]);
    git(&hooks_repo, &["commit", "-q", "-m", "hooks"]);

    // A project to lint.
    let project = dir.path().join("project");
    fs::create_dir(&project).unwrap();
    git(&project, &["init", "-q"]);
    fs::write(project.join("README.md"), README_WITHOUT_LICENSE).unwrap();
    fs::create_dir(project.join("docs")).unwrap();
    fs::write(project.join("docs/README.md"), README_WITH_STALE_TOC).unwrap();
    git(&project, &["add", "-A"]);

    let path = path_without_rust(&venv_bin);
    let cargo_reachable = run(Command::new("sh")
        .args(["-c", "command -v cargo || command -v rustc"])
        .env("PATH", &path));
    assert!(
        !cargo_reachable.status.success(),
        "cargo is still on the hooks' PATH: {}",
        text(&cargo_reachable.stdout)
    );
    // try-repo installs the hooks in a store of its own each time (PRE_COMMIT_HOME is set
    // all the same, so that nothing outside the temp folder is touched).
    let pre_commit_home = dir.path().join("pre-commit-home");
    let pre_commit = |args: &[&str]| -> Output {
        run(Command::new(&python)
            .args(["-m", "pre_commit", "try-repo"])
            .arg(&hooks_repo)
            .args(args)
            .current_dir(&project)
            .env_remove("GIT_DIR")
            .env_remove("VIRTUAL_ENV")
            .env_remove("CARGO")
            .env_remove("CARGO_HOME")
            .env_remove("RUSTUP_HOME")
            .env_remove("RUSTUP_TOOLCHAIN")
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", &pre_commit_home)
            // Nothing may be downloaded, and so nothing built: only the wheel is there.
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", &wheels)
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("PIP_NO_CACHE_DIR", "1"))
    };

    // The check hook installs the wheel and fails on the missing License section.
    let started = Instant::now();
    let checked = pre_commit(&["readme-lint", "--files", "README.md"]);
    let seconds = started.elapsed().as_secs_f64();
    let log = format!("{}{}", text(&checked.stdout), text(&checked.stderr));
    assert_eq!(checked.status.code(), Some(1), "{log}");
    assert!(log.contains("required section `License` is missing"), "{log}");
    eprintln!("pre-commit try-repo (hook install from the wheel and run): {seconds:.1} s");

    // The fix hook rewrites the stale table of contents; a second run is clean.
    let fixed = pre_commit(&["readme-lint-fix", "--files", "docs/README.md"]);
    assert_eq!(fixed.status.code(), Some(1), "{}", text(&fixed.stdout));
    let readme = fs::read_to_string(project.join("docs/README.md")).unwrap();
    assert!(
        readme.contains("- [Installation](#installation)\n- [Usage](#usage)\n- [License](#license)"),
        "{readme}"
    );
    let again = pre_commit(&["readme-lint-fix", "--files", "docs/README.md"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
}

/// Builds readme-lint for `target` in release mode and returns the binary's path.
fn cross_build(target: &str, env: &[(&str, &str)]) -> PathBuf {
    let mut command = Command::new(env!("CARGO"));
    command
        .args([
            "build",
            "--release",
            "--locked",
            "--bin",
            "readme-lint",
            "--target",
            target,
        ])
        .current_dir(repo_root());
    for (key, value) in env {
        command.env(key, value);
    }
    check(&mut command);
    let exe = if target.contains("windows") {
        "readme-lint.exe"
    } else {
        "readme-lint"
    };
    target_dir().join(target).join("release").join(exe)
}

#[test]
#[ignore = "needs the x86_64-unknown-linux-musl target (installed by .ci/install-tools)"]
fn the_musl_binary_is_static_and_passes_the_cli_cases() {
    let binary = cross_build("x86_64-unknown-linux-musl", &[]);
    let ldd = run(Command::new("ldd").arg(&binary));
    let said = format!("{}{}", text(&ldd.stdout), text(&ldd.stderr));
    assert!(
        said.contains("not a dynamic executable") || said.contains("statically linked"),
        "ldd: {said}"
    );
    println!(
        "musl binary: {:.1} MB, static",
        fs::metadata(&binary).unwrap().len() as f64 / 1e6
    );
    // The same command-line cases as tests/cli.rs, run with this binary.
    let nowhere = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-home");
    trycmd::TestCases::new()
        .register_bin("readme-lint", &binary)
        .env("HOME", nowhere.display().to_string())
        .env("XDG_CONFIG_HOME", nowhere.display().to_string())
        .case("tests/cmd/*.toml")
        .run();
}

/// Wine 8 (Debian's) lacks `ProcessPrng`, which Rust's standard library takes from
/// bcryptprimitives.dll on Windows 10 and later: a stand-in built from its documented
/// signature, over RtlGenRandom, lets the binary start. Windows has the real one.
const PROCESS_PRNG_STAND_IN: &str = r#"#include <windows.h>
#include <ntsecapi.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
"#;

#[test]
#[ignore = "needs mingw-w64, wine and the x86_64-pc-windows-gnu target (installed by .ci/install-tools)"]
fn the_windows_binary_handles_backslashes_crlf_and_read_only_files_under_wine() {
    let built = cross_build(
        "x86_64-pc-windows-gnu",
        &[(
            "CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER",
            "x86_64-w64-mingw32-gcc",
        )],
    );
    let bin = tempfile::tempdir().unwrap();
    let exe = bin.path().join("readme-lint.exe");
    fs::copy(&built, &exe).unwrap();
    fs::write(bin.path().join("prng.c"), PROCESS_PRNG_STAND_IN).unwrap();
    fs::write(
        bin.path().join("prng.def"),
        "LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng\n",
    )
    .unwrap();
    check(
        Command::new("x86_64-w64-mingw32-gcc")
            .args([
                "-shared",
                "-O2",
                "-o",
                "bcryptprimitives.dll",
                "prng.c",
                "prng.def",
                "-ladvapi32",
            ])
            .current_dir(bin.path()),
    );
    let prefix = target_dir().join("wine-prefix");
    let wine = |dir: &Path, args: &[&str]| -> Output {
        run(Command::new("wine")
            .arg(&exe)
            .args(args)
            .current_dir(dir)
            .env("WINEPREFIX", &prefix)
            .env("WINEDEBUG", "-all"))
    };

    let work = tempfile::tempdir().unwrap();
    let version = wine(work.path(), &["--version"]);
    assert_eq!(
        text(&version.stdout).trim(),
        format!("readme-lint {}", env!("CARGO_PKG_VERSION")),
        "{}",
        text(&version.stderr)
    );

    // A CRLF README in a folder, named with a backslash: found, reported, fixed, CRLF kept.
    let readme = "# demo\r\n\r\n[![npm](http://img.shields.io/npm/v/demo.svg)](https://www.npmjs.com/package/demo)\r\n\r\nA demo.\r\n\r\n## Usage\r\n\r\nx\r\n";
    fs::create_dir(work.path().join("docs")).unwrap();
    fs::write(work.path().join("docs/README.md"), readme).unwrap();
    let report = wine(work.path(), &["--output-format", "concise", r"docs\README.md"]);
    assert_eq!(
        text(&report.stdout),
        "docs\\README.md:3:9: RL203 insecure-badge-url [*] the badge image is loaded over http://, but img.shields.io serves https\n",
        "{}",
        text(&report.stderr)
    );
    let fixed = wine(work.path(), &["--fix", r"docs\README.md"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", text(&fixed.stderr));
    assert_eq!(
        fs::read_to_string(work.path().join("docs/README.md")).unwrap(),
        readme.replace("http://img", "https://img")
    );
    // A walk from `.` finds it too, and a second fix changes nothing.
    let walk = wine(work.path(), &["--fix", "."]);
    assert_eq!(
        text(&walk.stdout).trim(),
        "No problems in 1 file",
        "{}",
        text(&walk.stderr)
    );

    // A read-only README: exit 2, a message naming it, the file unchanged.
    let locked = work.path().join("README.md");
    fs::write(&locked, readme).unwrap();
    let mut permissions = fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&locked, permissions).unwrap();
    let refused = wine(work.path(), &["--fix", "README.md"]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stdout));
    assert!(
        text(&refused.stderr).contains("README.md: cannot write the fixes: the file is read-only"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(fs::read_to_string(&locked).unwrap(), readme);
}
