//! Every file readme-lint reads or writes goes through here.
//!
//! In CI everything in a checkout is written by whoever opened the pull request: READMEs,
//! configs, manifests, symlinks and file names. So reads are capped (the cap is enforced
//! while reading, since `/proc` files and growing files report sizes that are not what a
//! read returns), special files are refused without blocking on them, and a path that
//! leads out of its repository through a symlink is refused. Writes go to a fresh
//! temporary file beside the target that is then renamed over it, never through a
//! symlink that leaves the repository, never over a file that changed since it was read.

use std::fmt;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// A file that could not be read or written, with the reason and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for FileError {}

impl FileError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

/// The most bytes read from one kind of file, and what to call that kind in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    /// "a README", "a config file", ...
    pub what: &'static str,
}

/// The largest README read. Parsing needs memory in proportion to the file (a check of a
/// 15 MB file peaked at 173 MiB, `--fix` at 356 MiB), so this bounds a run; real READMEs
/// are a few kilobytes.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

pub const README_LIMIT: Limit = Limit {
    bytes: MAX_FILE_SIZE,
    what: "a README",
};
/// Config files and the files they extend: real ones are a few hundred bytes.
pub const CONFIG_LIMIT: Limit = Limit {
    bytes: 1024 * 1024,
    what: "a config file",
};
/// Cargo.toml, package.json, pyproject.toml: the largest real ones are tens of kilobytes.
pub const MANIFEST_LIMIT: Limit = Limit {
    bytes: 4 * 1024 * 1024,
    what: "a manifest",
};
/// Git's small files (HEAD, config, loose refs) and workflow files.
pub const SMALL_FILE_LIMIT: Limit = Limit {
    bytes: 1024 * 1024,
    what: "a git or workflow file",
};
/// `packed-refs`, which grows with the number of tags and branches.
pub const PACKED_REFS_LIMIT: Limit = Limit {
    bytes: 64 * 1024 * 1024,
    what: "git's packed-refs file",
};

/// True for `README`, `README.md` and `README.markdown`, in any case.
pub fn is_readme_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), "readme" | "readme.md" | "readme.markdown")
}

/// `path` without `.` parts, and relative to the current folder when it lies inside it,
/// so messages show `docs/README.md` rather than `./docs/./README.md` or a long absolute path.
pub fn tidy_path(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|component| !matches!(component, Component::CurDir))
        .collect();
    if cleaned.is_absolute()
        && let Ok(cwd) = std::env::current_dir()
        && let Ok(relative) = cleaned.strip_prefix(&cwd)
        && !relative.as_os_str().is_empty()
    {
        return relative.to_path_buf();
    }
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

/// `path` made absolute against the current folder (without touching the file system).
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

/// `path` made absolute with `.` and `..` resolved by the names alone, as a shell's
/// `cd -L` would; no link is followed.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in absolute(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The folder a file's relative paths start from: its parent, or `.` for a bare name.
pub fn parent_or_current(path: &Path) -> &Path {
    path.parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The repository `path` belongs to, by name (no link followed): the nearest folder at or
/// above it that holds `.git`; outside a repository, the current folder when the path lies
/// inside it, else the path's own folder. Nothing readme-lint reads for a path, or writes
/// for it, may lie outside this folder.
pub fn trust_root(path: &Path) -> PathBuf {
    let path = normalize(path);
    if let Some(repo) = path
        .ancestors()
        .find(|dir| std::fs::symlink_metadata(dir.join(".git")).is_ok())
    {
        return repo.to_path_buf();
    }
    let cwd = normalize(Path::new("."));
    if path.starts_with(&cwd) {
        return cwd;
    }
    if std::fs::symlink_metadata(&path).is_ok_and(|metadata| metadata.is_dir()) {
        path
    } else {
        parent_or_current(&path).to_path_buf()
    }
}

/// The real path of `path` (every link followed), which must lie inside `root`.
pub fn resolve_within(path: &Path, root: &Path) -> Result<PathBuf, FileError> {
    let real = std::fs::canonicalize(path).map_err(|error| open_error(path, &error, "cannot read"))?;
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| normalize(root));
    if real.starts_with(&real_root) {
        Ok(real)
    } else {
        Err(FileError::new(
            path,
            format!(
                "is a link to `{}`, outside the repository (`{}`); it is neither read nor written",
                real.display(),
                real_root.display()
            ),
        ))
    }
}

/// Where a file that may not exist yet would be written: its folder's real path (every link
/// followed) joined with its name. The folder must lie inside the path's repository, so a
/// folder committed as a link (`docs -> /home/runner`) cannot carry a write out of it.
pub fn real_destination(path: &Path, action: &str) -> Result<PathBuf, FileError> {
    let normalized = normalize(path);
    let (Some(parent), Some(name)) = (normalized.parent(), normalized.file_name()) else {
        return Err(FileError::new(path, format!("{action}: not a file name")));
    };
    let real_parent = std::fs::canonicalize(parent).map_err(|error| open_error(parent, &error, action))?;
    let root = trust_root(path);
    let real_root = std::fs::canonicalize(&root).unwrap_or(root);
    if !real_parent.starts_with(&real_root) {
        return Err(FileError::new(
            path,
            format!(
                "{action}: its folder leads to `{}`, outside the repository (`{}`)",
                real_parent.display(),
                real_root.display()
            ),
        ));
    }
    Ok(real_parent.join(name))
}

/// Checks that `bytes` are UTF-8 text (no NUL byte) and returns them as a string.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, FileError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(FileError::new(
            path,
            format!(
                "looks like a binary file (NUL byte at byte offset {offset}); only text READMEs are linted"
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        FileError::new(
            path,
            format!("is not valid UTF-8 (invalid byte at byte offset {offset}); save it as UTF-8"),
        )
    })
}

/// A file's size in MiB, to a tenth.
fn mebibytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// A limit in whole MiB.
fn limit_mebibytes(limit: Limit) -> u64 {
    limit.bytes / (1024 * 1024)
}

/// How a file is opened for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// Follow links (the caller checked where the path leads).
    Links,
    /// Refuse a link in the last component: the caller knows the path is a file's real path.
    NoLinks,
}

fn open_for_reading(path: &Path, follow: Follow) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Opening a named pipe blocks until a writer comes; non-blocking, it returns at
        // once and fstat then says what it is.
        let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
        if follow == Follow::NoLinks {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(not(unix))]
    let _ = follow;
    options.open(path)
}

/// Reads at most `limit.bytes` of a regular file. The size the file system reports is
/// only used to refuse early: `/proc` files report 0 and a file may grow while it is read,
/// so the read itself stops one byte past the limit.
pub fn read_limited(path: &Path, limit: Limit, follow: Follow) -> Result<Vec<u8>, FileError> {
    let file = open_for_reading(path, follow).map_err(|error| open_error(path, &error, "cannot read"))?;
    let metadata = file
        .metadata()
        .map_err(|error| open_error(path, &error, "cannot read"))?;
    if metadata.is_dir() {
        return Err(FileError::new(path, "is a folder, not a file"));
    }
    if !metadata.is_file() {
        return Err(FileError::new(
            path,
            format!(
                "is not a regular file (a pipe, socket or device); {} must be a regular file",
                limit.what
            ),
        ));
    }
    if metadata.len() > limit.bytes {
        return Err(FileError::new(
            path,
            format!(
                "is {} MiB, over the {} MiB limit for {}; skipped",
                mebibytes(metadata.len()),
                limit_mebibytes(limit),
                limit.what
            ),
        ));
    }
    // Whole blocks at a time: some files (`/proc/self/pagemap`) refuse reads of odd sizes.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0).min(1 << 20) + 1);
    let mut block = vec![0u8; 64 * 1024];
    let mut reader = &file;
    while bytes.len() as u64 <= limit.bytes {
        match reader.read(&mut block) {
            Ok(0) => break,
            Ok(count) => bytes.extend_from_slice(&block[..count]),
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(open_error(path, &error, "cannot read")),
        }
    }
    if bytes.len() as u64 > limit.bytes {
        return Err(FileError::new(
            path,
            format!(
                "is over the {} MiB limit for {}; skipped",
                limit_mebibytes(limit),
                limit.what
            ),
        ));
    }
    Ok(bytes)
}

/// Reads a capped UTF-8 text file (a config, a manifest, a git file) that must not lead out
/// of `root` through a link.
pub fn read_text_within(path: &Path, root: &Path, limit: Limit) -> Result<String, FileError> {
    let real = resolve_within(path, root)?;
    let bytes = read_limited(&real, limit, Follow::NoLinks)?;
    String::from_utf8(bytes).map_err(|error| {
        FileError::new(
            path,
            format!("is not valid UTF-8 (byte {})", error.utf8_error().valid_up_to()),
        )
    })
}

/// Like [`read_text_within`] for files whose absence or damage only leaves a fact unknown.
pub fn read_optional(path: &Path, root: &Path, limit: Limit) -> Option<String> {
    if std::fs::symlink_metadata(path).is_err() {
        return None;
    }
    read_text_within(path, root, limit).ok()
}

/// A README read for linting: its text and the real path any fix is written to.
#[derive(Debug, Clone)]
pub struct ReadFile {
    pub text: String,
    /// The file's real path: absolute, with no link in it.
    pub real_path: PathBuf,
}

/// Reads a README at its real path (already checked to lie inside its repository).
pub fn read_readme(shown: &Path, real_path: &Path) -> Result<ReadFile, FileError> {
    let bytes = read_limited(real_path, README_LIMIT, Follow::NoLinks).map_err(|error| FileError {
        path: shown.to_path_buf(),
        ..error
    })?;
    Ok(ReadFile {
        text: decode(shown, bytes)?,
        real_path: real_path.to_path_buf(),
    })
}

/// Reads a README named by `path`, checking first that it does not lead out of its
/// repository.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let real = resolve_within(path, &trust_root(path))?;
    read_readme(path, &real).map(|file| file.text)
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file (or a dangling link)".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// The error number of "too many levels of symbolic links": 40 on Linux, 62 on macOS
/// and the BSDs.
#[cfg(target_os = "linux")]
pub const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
pub const ELOOP: i32 = 62;

/// Why `path` could not be opened, naming a dangling link or a link loop as such.
pub fn open_error(path: &Path, error: &std::io::Error, action: &str) -> FileError {
    if let Ok(target) = std::fs::read_link(path) {
        if error.raw_os_error() == Some(ELOOP) {
            return FileError::new(
                path,
                format!("{action}: a link loop (the link leads back to itself); fix or remove the link"),
            );
        }
        if error.kind() == std::io::ErrorKind::NotFound {
            return FileError::new(
                path,
                format!(
                    "{action}: a dangling link (to `{}`, which does not exist); fix or remove the link",
                    target.display()
                ),
            );
        }
    }
    FileError::new(path, format!("{action}: {}", describe_io(error)))
}

/// What a file looked like when it was read, to tell whether it changed before a write.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
    len: u64,
}

fn identity(metadata: &std::fs::Metadata) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Identity {
            device: metadata.dev(),
            inode: metadata.ino(),
            len: metadata.len(),
        }
    }
    #[cfg(not(unix))]
    Identity { len: metadata.len() }
}

/// Replaces a README's content atomically at its real path: a temporary file in the same
/// folder is written, flushed to disk, given the original's permissions (and owner, when
/// run as root) and renamed over it, so a reader sees the old or the new content, never a
/// mix. Refused when the file is now a link, has other hard links (they would be cut off,
/// or the other names changed too), or no longer holds `expected` (someone edited it since
/// it was read: their edit would be lost).
pub fn write_atomic(shown: &Path, real_path: &Path, expected: &str, content: &str) -> Result<(), FileError> {
    let fail = |message: String| FileError::new(shown, message);
    let metadata = std::fs::symlink_metadata(real_path)
        .map_err(|error| fail(format!("cannot write the fixes: {}", describe_io(&error))))?;
    if !metadata.file_type().is_file() {
        return Err(fail(
            "cannot write the fixes: it is no longer a regular file".to_string(),
        ));
    }
    if metadata.permissions().readonly() {
        return Err(fail("cannot write the fixes: the file is read-only".to_string()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if metadata.nlink() > 1 {
            return Err(fail(format!(
                "cannot write the fixes: the file has {} hard links, and replacing it would cut them off; not fixed",
                metadata.nlink()
            )));
        }
    }
    let before = identity(&metadata);
    let current = read_limited(real_path, README_LIMIT, Follow::NoLinks).map_err(|error| FileError {
        path: shown.to_path_buf(),
        ..error
    })?;
    if current != expected.as_bytes() {
        return Err(fail(
            "changed since it was read (edited by something else?); not fixed, run again".to_string(),
        ));
    }
    let dir = parent_or_current(real_path);
    let write = || -> std::io::Result<()> {
        let mut temp = tempfile::Builder::new()
            .prefix(".readme-lint-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        temp.write_all(content.as_bytes())?;
        temp.as_file().set_permissions(metadata.permissions())?;
        keep_owner(temp.as_file(), &metadata)?;
        temp.as_file().sync_all()?;
        // Last look before the rename: the file must still be the one read.
        let now = std::fs::symlink_metadata(real_path)?;
        if !now.file_type().is_file() || identity(&now) != before {
            return Err(std::io::Error::other(
                "changed since it was read (edited by something else?); not fixed, run again",
            ));
        }
        temp.persist(real_path).map_err(|error| error.error)?;
        Ok(())
    };
    write().map_err(|error| {
        if error.kind() == std::io::ErrorKind::Other {
            fail(error.to_string())
        } else {
            fail(format!("cannot write the fixes: {}", describe_io(&error)))
        }
    })
}

/// As root, a rewritten file keeps its owner instead of becoming root's.
fn keep_owner(file: &File, original: &std::fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let created = file.metadata()?;
        if created.uid() != original.uid() || created.gid() != original.gid() {
            // Only root may give a file away; anyone else gets their own file, as an editor does.
            let _ = std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()));
        }
    }
    #[cfg(not(unix))]
    let _ = (file, original);
    Ok(())
}

/// How [`create_file`] treats a file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse to replace it.
    Keep,
    /// Replace it (at its real path, which must be inside the repository).
    Replace,
}

/// Writes a new file (`readme-lint new`, `init`): atomically, never through a link that
/// leads out of the repository or dangles.
pub fn create_file(path: &Path, content: &str, existing: Existing) -> Result<(), FileError> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(metadata) => {
            if existing == Existing::Keep {
                return Err(FileError::new(path, "already exists"));
            }
            if metadata.is_dir() {
                return Err(FileError::new(path, "is a folder"));
            }
            if metadata.file_type().is_symlink() {
                resolve_within(path, &trust_root(path)).map_err(|error| FileError {
                    message: error.message.replace("cannot read", "cannot write"),
                    ..error
                })?
            } else {
                real_destination(path, "cannot write")?
            }
        }
        Err(_) => real_destination(path, "cannot write")?,
    };
    let dir = parent_or_current(&target);
    let write = || -> std::io::Result<()> {
        let mut temp = tempfile::Builder::new()
            .prefix(".readme-lint-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        temp.write_all(content.as_bytes())?;
        temp.as_file().sync_all()?;
        match existing {
            // Fails if something appeared at the path meanwhile, instead of replacing it.
            Existing::Keep => temp
                .persist_noclobber(&target)
                .map(drop)
                .map_err(|error| error.error),
            Existing::Replace => temp.persist(&target).map(drop).map_err(|error| error.error),
        }
    };
    write().map_err(|error| {
        if error.kind() == std::io::ErrorKind::AlreadyExists {
            FileError::new(path, "already exists")
        } else {
            FileError::new(path, format!("cannot write: {}", describe_io(&error)))
        }
    })
}

/// A report file being written (`--report FORMAT=PATH`). A fresh report is written to a
/// temporary file beside the target and renamed over it at [`finish`](Self::finish), so a
/// link committed under the report's name is never followed or truncated; an appended report
/// (a CI job summary) is opened without following a link.
pub struct ReportFile {
    /// The path as named, for messages.
    shown: PathBuf,
    /// Where the report goes: the real folder and the name.
    target: PathBuf,
    state: ReportState,
}

enum ReportState {
    Fresh(std::io::BufWriter<tempfile::NamedTempFile>),
    Append(std::io::BufWriter<File>),
    Done,
}

impl ReportFile {
    pub fn create(path: &Path, append: bool) -> Result<Self, FileError> {
        let fail = |message: String| FileError::new(path, format!("cannot write the report: {message}"));
        match std::fs::symlink_metadata(path) {
            Ok(metadata) if metadata.is_dir() => return Err(fail("it is a folder; name a file".into())),
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(fail(
                    "it is a link, and reports are not written through links; remove it or name another file (--output-format prints to standard output)".into(),
                ));
            }
            Ok(metadata) if !metadata.is_file() => {
                return Err(fail(
                    "it is not a regular file (a pipe, socket or device); --output-format prints to standard output".into(),
                ));
            }
            _ => {}
        }
        // The report's folder, links followed, must be in the repository the path names.
        let target = real_destination(path, "cannot write the report")?;
        let state = if append {
            let mut options = std::fs::OpenOptions::new();
            options.create(true).append(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
            }
            let file = options.open(&target).map_err(|error| fail(describe_io(&error)))?;
            ReportState::Append(std::io::BufWriter::new(file))
        } else {
            let temp = tempfile::Builder::new()
                .prefix(".readme-lint-")
                .suffix(".tmp")
                .tempfile_in(parent_or_current(&target))
                .map_err(|error| fail(describe_io(&error)))?;
            ReportState::Fresh(std::io::BufWriter::new(temp))
        };
        Ok(Self {
            shown: path.to_path_buf(),
            target,
            state,
        })
    }

    /// Puts the report in place (a fresh report replaces the file at the path, if any).
    pub fn finish(&mut self) -> Result<(), FileError> {
        let fail =
            |message: String| FileError::new(&self.shown, format!("cannot write the report: {message}"));
        match std::mem::replace(&mut self.state, ReportState::Done) {
            ReportState::Fresh(writer) => {
                let temp = writer
                    .into_inner()
                    .map_err(|error| fail(describe_io(error.error())))?;
                if std::fs::symlink_metadata(&self.target)
                    .is_ok_and(|metadata| metadata.file_type().is_symlink() || metadata.is_dir())
                {
                    return Err(fail("a link or folder appeared at the path; not replaced".into()));
                }
                temp.persist(&self.target)
                    .map_err(|error| fail(describe_io(&error.error)))?;
            }
            ReportState::Append(mut writer) => writer.flush().map_err(|error| fail(describe_io(&error)))?,
            ReportState::Done => {}
        }
        Ok(())
    }
}

impl Write for ReportFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.state {
            ReportState::Fresh(writer) => writer.write(buf),
            ReportState::Append(writer) => writer.write(buf),
            ReportState::Done => Err(std::io::Error::other("the report is already finished")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.state {
            ReportState::Fresh(writer) => writer.flush(),
            ReportState::Append(writer) => writer.flush(),
            ReportState::Done => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_binary_and_bad_utf8_with_offsets() {
        let error = decode(Path::new("R.md"), b"ab\0c".to_vec()).unwrap_err();
        assert!(error.message.contains("byte offset 2"), "{error}");
        let error = decode(Path::new("R.md"), b"ok \xff".to_vec()).unwrap_err();
        assert!(error.message.contains("byte offset 3"), "{error}");
    }

    #[test]
    fn atomic_write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("README.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, &path, "old", "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }

    #[test]
    fn a_file_edited_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("README.md");
        std::fs::write(&path, "edited meanwhile").unwrap();
        let error = write_atomic(&path, &path, "as read", "fixed").unwrap_err();
        assert!(error.message.contains("changed since it was read"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
    }

    #[test]
    fn hard_linked_files_are_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("README.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::hard_link(&path, dir.path().join("other.md")).unwrap();
        let error = write_atomic(&path, &path, "old", "new").unwrap_err();
        assert!(error.message.contains("2 hard links"), "{error}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("other.md")).unwrap(),
            "old"
        );
    }

    #[test]
    fn reads_stop_at_the_limit_whatever_the_size_says() {
        let limit = Limit {
            bytes: 4096,
            what: "a test file",
        };
        // /proc files report a size of 0 and yield far more.
        let error = read_limited(Path::new("/proc/self/pagemap"), limit, Follow::Links).unwrap_err();
        assert!(error.message.contains("over the"), "{error}");
        let error = read_limited(Path::new("/dev/zero"), limit, Follow::Links).unwrap_err();
        assert!(error.message.contains("not a regular file"), "{error}");
    }

    #[test]
    fn a_named_pipe_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        let error = read_limited(&fifo, CONFIG_LIMIT, Follow::Links).unwrap_err();
        assert!(error.message.contains("not a regular file"), "{error}");
    }

    #[test]
    fn links_out_of_the_root_are_refused() {
        let outside = tempfile::tempdir().unwrap();
        let repo = tempfile::tempdir().unwrap();
        std::fs::create_dir(repo.path().join(".git")).unwrap();
        std::fs::write(outside.path().join("secret"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), repo.path().join("README.md")).unwrap();
        let path = repo.path().join("README.md");
        assert_eq!(trust_root(&path), normalize(repo.path()));
        let error = read_text(&path).unwrap_err();
        assert!(error.message.contains("outside the repository"), "{error}");
        std::fs::write(repo.path().join("inside.md"), "in").unwrap();
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("inside.md", &path).unwrap();
        assert_eq!(read_text(&path).unwrap(), "in");
    }

    #[test]
    fn normalize_resolves_dots_by_name() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
    }
}
