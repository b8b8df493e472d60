//! The probe's cache: one JSON file, `cache.json`, keyed by badge URL (with the
//! values of secret parameters masked), each entry with the time it was checked.
//! Only definite outcomes are kept (working, broken); an unknown outcome (a rate
//! limit, a server error, a timeout, a refusal) is never stored. Entries older
//! than the maximum age are ignored and dropped when the file is written.

use super::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const FILE_NAME: &str = "cache.json";
const VERSION: u32 = 1;
/// A cache file larger than this is ignored (and replaced).
const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked: u64,
    outcome: Outcome,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

/// The probe cache in one folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    max_age: Duration,
    entries: BTreeMap<String, Entry>,
}

/// The default folder: `$XDG_CACHE_HOME/readme-lint/probe`, else
/// `~/.cache/readme-lint/probe` (`%LOCALAPPDATA%` on Windows).
pub fn default_dir() -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    let base = absolute("XDG_CACHE_HOME")
        .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
        .or_else(|| absolute("LOCALAPPDATA"))?;
    Some(base.join("readme-lint").join("probe"))
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// The key of a URL: secret parameter values masked, so no token is written to disk.
fn key(url: &str) -> String {
    crate::badges::mask_secrets(url).into_owned()
}

impl Cache {
    /// Reads the cache in `dir`; a missing or unreadable file is an empty cache.
    pub fn open(dir: &Path, max_age: Duration) -> Cache {
        Cache {
            dir: dir.to_path_buf(),
            max_age,
            entries: read(&dir.join(FILE_NAME)),
        }
    }

    fn fresh(&self, entry: &Entry, now: u64) -> bool {
        entry.checked <= now && now - entry.checked < self.max_age.as_secs()
    }

    /// The cached outcome of `url`, when it is younger than the maximum age.
    pub fn get(&self, url: &str) -> Option<Outcome> {
        let now = now();
        self.entries
            .get(&key(url))
            .filter(|entry| self.fresh(entry, now))
            .map(|entry| entry.outcome.clone())
    }

    /// Adds the definite outcomes of `checked` and writes the file: it is read
    /// again first (another run may have written it), merged, pruned of stale
    /// entries and replaced atomically.
    pub fn store(&mut self, checked: &[(String, Outcome)]) -> std::io::Result<()> {
        let now = now();
        let mut entries = read(&self.dir.join(FILE_NAME));
        let mut added = false;
        for (url, outcome) in checked {
            if matches!(outcome, Outcome::Unknown { .. }) {
                continue;
            }
            added = true;
            entries.insert(
                key(url),
                Entry {
                    checked: now,
                    outcome: outcome.clone(),
                },
            );
        }
        if !added {
            return Ok(());
        }
        entries.retain(|_, entry| self.fresh(entry, now));
        std::fs::create_dir_all(&self.dir)?;
        let file = CacheFile {
            version: VERSION,
            entries,
        };
        let mut temporary = tempfile::NamedTempFile::new_in(&self.dir)?;
        serde_json::to_writer(&mut temporary, &file)?;
        temporary
            .persist(self.dir.join(FILE_NAME))
            .map_err(|error| error.error)?;
        self.entries = file.entries;
        Ok(())
    }
}

fn read(path: &Path) -> BTreeMap<String, Entry> {
    let readable = std::fs::metadata(path).is_ok_and(|meta| meta.len() <= MAX_FILE_SIZE);
    if !readable {
        return BTreeMap::new();
    }
    std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
        .filter(|file| file.version == VERSION)
        .map(|file| file.entries)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::UnknownReason;

    #[test]
    fn definite_outcomes_round_trip_and_unknown_ones_are_never_stored() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = Cache::open(dir.path(), Duration::from_secs(86_400));
        let broken = Outcome::Broken {
            message: "img.shields.io shows `repo not found`".into(),
        };
        cache
            .store(&[
                ("https://img.shields.io/a".into(), Outcome::Working),
                ("https://img.shields.io/b".into(), broken.clone()),
                (
                    "https://img.shields.io/c".into(),
                    Outcome::Unknown {
                        reason: UnknownReason::OtherStatus {
                            host: "img.shields.io".into(),
                            status: 429,
                        },
                    },
                ),
                (
                    "https://dl.circleci.com/x.svg?circle-token=s3cr3t".into(),
                    Outcome::Working,
                ),
            ])
            .unwrap();
        let again = Cache::open(dir.path(), Duration::from_secs(86_400));
        assert_eq!(again.get("https://img.shields.io/a"), Some(Outcome::Working));
        assert_eq!(again.get("https://img.shields.io/b"), Some(broken));
        assert_eq!(again.get("https://img.shields.io/c"), None);
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(!text.contains("429"), "{text}");

        // A maximum age of zero ignores every entry.
        let stale = Cache::open(dir.path(), Duration::ZERO);
        assert_eq!(stale.get("https://img.shields.io/a"), None);
    }

    /// Outcomes are stored as `{"state": ...}` objects; only working and broken ones
    /// ever are, so a file written before unknown outcomes had typed reasons reads as it did.
    #[test]
    fn a_file_of_version_1_reads() {
        let dir = tempfile::tempdir().unwrap();
        let checked = now();
        let file = format!(
            r#"{{"version":1,"entries":{{"https://img.shields.io/a":{{"checked":{checked},"outcome":{{"state":"working"}}}},"https://img.shields.io/b":{{"checked":{checked},"outcome":{{"state":"broken","message":"img.shields.io shows `repo not found`"}}}}}}}}"#
        );
        std::fs::write(dir.path().join(FILE_NAME), file).unwrap();
        let cache = Cache::open(dir.path(), Duration::from_secs(86_400));
        assert_eq!(cache.get("https://img.shields.io/a"), Some(Outcome::Working));
        assert_eq!(
            cache.get("https://img.shields.io/b"),
            Some(Outcome::Broken {
                message: "img.shields.io shows `repo not found`".into()
            })
        );
    }

    #[test]
    fn a_corrupt_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "{not json").unwrap();
        let mut cache = Cache::open(dir.path(), Duration::from_secs(60));
        assert_eq!(cache.get("https://img.shields.io/a"), None);
        cache
            .store(&[("https://img.shields.io/a".into(), Outcome::Working)])
            .unwrap();
        assert_eq!(
            Cache::open(dir.path(), Duration::from_secs(60)).get("https://img.shields.io/a"),
            Some(Outcome::Working)
        );
    }
}
