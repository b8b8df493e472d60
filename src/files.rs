//! Reading README files strictly (UTF-8, no binary) and writing them atomically.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// `path` without `.` parts, and relative to the current folder when it lies inside it,
/// so messages show `docs/README.md` rather than `./docs/./README.md` or a long absolute path.
pub fn tidy_path(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|component| !matches!(component, std::path::Component::CurDir))
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

/// Checks that `bytes` are UTF-8 text (no NUL byte) and returns them as a string.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, FileError> {
    if let Some(offset) = memchr_nul(&bytes) {
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

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// The largest README read. Parsing needs memory in proportion to the file (a check of a
/// 15 MB file peaked at 173 MiB, `--fix` at 356 MiB), so this bounds a run; real READMEs
/// are a few kilobytes.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Reads a README as UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let metadata = std::fs::metadata(path).map_err(|error| io_error(path, &error, "cannot read"))?;
    if metadata.is_dir() {
        return Err(FileError::new(path, "is a folder, not a file"));
    }
    if !metadata.is_file() {
        // A named pipe would block the read forever; a device may never end.
        return Err(FileError::new(
            path,
            "is not a regular file (a pipe, socket or device); only README files are linted",
        ));
    }
    if metadata.len() > MAX_FILE_SIZE {
        return Err(FileError::new(
            path,
            format!(
                "is {:.1} MiB, over the {} MiB limit for a README; skipped",
                metadata.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_SIZE / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|error| io_error(path, &error, "cannot read"))?;
    decode(path, bytes)
}

fn io_error(path: &Path, error: &std::io::Error, action: &str) -> FileError {
    let hint = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file (or a dangling link)".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    };
    FileError::new(path, format!("{action}: {hint}"))
}

/// Replaces the file's content atomically: a temporary file in the same folder is
/// written, flushed to disk, given the original's permissions and renamed over it,
/// so a reader sees the old or the new content, never a mix.
pub fn write_atomic(path: &Path, content: &str) -> Result<(), FileError> {
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = target
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target)
        .map(|metadata| metadata.permissions())
        .ok();
    if permissions
        .as_ref()
        .is_some_and(|permissions| permissions.readonly())
    {
        return Err(FileError::new(
            path,
            "cannot write the fixes: the file is read-only",
        ));
    }
    let write = || -> std::io::Result<()> {
        let mut temp = tempfile::Builder::new()
            .prefix(".readme-lint-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        temp.write_all(content.as_bytes())?;
        temp.as_file().sync_all()?;
        if let Some(permissions) = permissions.clone() {
            std::fs::set_permissions(temp.path(), permissions)?;
        }
        temp.persist(&target).map_err(|error| error.error)?;
        Ok(())
    };
    write().map_err(|error| io_error(path, &error, "cannot write the fixes"))
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
        write_atomic(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
    }
}
