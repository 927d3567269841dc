//! The token cache for key helpers: one file per service, region, identity
//! and lifetime under `$XDG_CACHE_HOME/sigv4-bearer` (else
//! `~/.cache/sigv4-bearer`, with an absolute HOME only); the directory
//! 0700, each file 0600, both this user's, written whole or not at all (a
//! temporary file renamed over it). The identity is the environment's
//! access key id with its session token, or everything the profile's credentials come from (its
//! chain's sections in both files, the variables that steer it), hashed.
//! A file is read without following a link and checked as opened; it is
//! used only if it inspects as a token of the service and region asked,
//! signed by the identity asked where that is an access key id (and its
//! signature verified when the secret is in the environment), with more
//! than the margin left; anything else is ignored and replaced.

use core::fmt::Write as _;
use core::time::Duration;
use std::fs::{DirBuilder, OpenOptions};
use std::io::{Read as _, Write as _};
use std::os::unix::fs::{
    DirBuilderExt as _, MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _,
};
use std::path::{Path, PathBuf};

use rustix::fs::OFlags;
use rustix::io::Errno;
use sha2::{Digest as _, Sha256};
use sigv4_bearer::{inspect, verify, Timestamp};

use crate::aws_files::home;
use crate::cli::ServiceName;
use crate::duration::human;
use crate::env::Env;
use crate::secret::Secret;

/// Larger files are not tokens: never read whole.
const MAX_FILE: u64 = 64 * 1024;

/// What a cached token is for.
pub struct Key {
    pub service: ServiceName,
    pub region: String,
    /// Who signs: an access key id, or a profile with every setting and
    /// variable its credentials come from (secrets among them: only hashed).
    pub identity: Secret,
    /// Set when the identity is an access key id: the token must carry it.
    pub access_key_id: Option<String>,
    /// The secret of that key, when it is at hand: the signature is checked too.
    pub secret_access_key: Option<Secret>,
    /// Set with the access key id: whether the environment has a session
    /// token, which the token must then carry (or not).
    pub has_session_token: Option<bool>,
    pub lifetime: Duration,
}

/// A cached token good to print.
pub struct Hit {
    pub token: Secret,
    pub expires_at: Timestamp,
    pub left: Duration,
}

/// The cache file of one key.
pub struct Cache {
    dir: PathBuf,
    pub file: PathBuf,
}

impl Cache {
    /// The file for `key`; the directory is made (0700) or its mode fixed.
    /// It must be this user's: a directory of another user (who could plant
    /// tokens in it) turns the cache off.
    pub fn open(env: &Env, key: &Key) -> Result<Cache, String> {
        let base = match env.get("XDG_CACHE_HOME").map(PathBuf::from) {
            Some(xdg) if xdg.is_absolute() => xdg,
            _ => match home(env) {
                Some(home) if home.is_absolute() => home.join(".cache"),
                Some(home) => {
                    return Err(format!(
                        "HOME {} is not an absolute path (the cache would land under \
                         the working directory)",
                        crate::untrusted::quoted(&home.display().to_string())
                    ))
                }
                None => return Err("neither XDG_CACHE_HOME nor HOME is set".into()),
            },
        };
        let dir = base.join("sigv4-bearer");
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let meta = std::fs::symlink_metadata(&dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if !meta.is_dir() {
            return Err(format!("{} is not a directory", dir.display()));
        }
        if meta.uid() != my_uid() {
            return Err(format!(
                "{} belongs to uid {}, not to this user (uid {})",
                dir.display(),
                meta.uid(),
                my_uid()
            ));
        }
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(
                |e| {
                    format!(
                        "{} is open to other users and cannot be made 0700: {e}",
                        dir.display()
                    )
                },
            )?;
        }
        let mut material =
            Secret::with_capacity(64 + key.region.len() + key.identity.expose().len());
        // `write!` into a String cannot fail.
        let _ = write!(
            material.as_mut_string(),
            "v2\n{}\n{}\n{}\n{}",
            key.service.name(),
            key.region,
            key.lifetime.as_secs(),
            key.identity.expose()
        );
        let digest = Sha256::digest(material.expose().as_bytes());
        let file = dir.join(format!(
            "{}-{}.token",
            key.service.name(),
            hex::encode(digest)
        ));
        Ok(Cache { dir, file })
    }

    /// The stored token if it is good for `key` with more than `margin`
    /// left at `now`; else why not.
    pub fn lookup(&self, key: &Key, now: Timestamp, margin: Duration) -> Result<Hit, String> {
        let mut token = read_private(&self.file)?;
        let trimmed_len = token.expose().trim_end().len();
        token.as_mut_string().truncate(trimmed_len);
        let info = inspect(token.expose()).map_err(|e| format!("not a token ({e})"))?;
        let service = key.service.service();
        if info.service() != service || info.region() != key.region {
            return Err(format!(
                "a token for {} in {}, not {} in {}",
                info.signing_name(),
                info.region(),
                service.signing_name(),
                key.region
            ));
        }
        if key
            .access_key_id
            .as_deref()
            .is_some_and(|id| id != info.access_key_id())
        {
            return Err("signed with another access key".into());
        }
        if key
            .has_session_token
            .is_some_and(|has| has != info.has_session_token())
        {
            return Err("its session token is not the environment's".into());
        }
        if let Some(secret) = &key.secret_access_key {
            verify(token.expose(), secret.expose(), now, Duration::ZERO)
                .map_err(|e| format!("refused by its own key ({e})"))?;
        }
        if info.signed_at() > now || info.lifetime() > key.lifetime {
            return Err("signed in the future or for longer than asked".into());
        }
        if info.refresh_due(now, margin) {
            return Err(format!(
                "{} left, not more than the {} margin",
                human(info.remaining(now)),
                human(margin)
            ));
        }
        Ok(Hit {
            expires_at: info.expires_at(),
            left: info.remaining(now),
            token,
        })
    }

    /// Replaces the file with `token`, atomically.
    pub fn store(&self, token: &str) -> Result<(), String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let temp = self.dir.join(format!(
            ".{}.{}.{nanos}.tmp",
            self.file
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            std::process::id()
        ));
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
            .and_then(|mut f| {
                f.write_all(token.as_bytes())?;
                f.write_all(b"\n")
            })
            .and_then(|()| std::fs::rename(&temp, &self.file));
        written.map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            format!("cannot write {}: {e}", self.file.display())
        })
    }
}

/// The file's text, if it is a small regular file of this user that only
/// they can read. Opened without following a symbolic link, and checked on
/// the open file, so nothing can be swapped in between check and read.
fn read_private(path: &Path) -> Result<Secret, String> {
    let no_follow = i32::try_from((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits()).unwrap_or(0);
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(no_follow)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err("none stored".into()),
        Err(e) if e.raw_os_error() == Some(Errno::LOOP.raw_os_error()) => {
            return Err("not a regular file (a symbolic link)".into())
        }
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read it: {e}"))?;
    let mode = meta.permissions().mode() & 0o777;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.uid() != my_uid() {
        return Err(format!(
            "it belongs to uid {}, not to this user",
            meta.uid()
        ));
    }
    if mode & 0o077 != 0 {
        return Err(format!("mode {mode:04o}: others may read it"));
    }
    if meta.len() > MAX_FILE {
        return Err("too large to be a token".into());
    }
    let mut text = Secret::with_capacity(usize::try_from(meta.len()).unwrap_or(0) + 1);
    file.take(MAX_FILE)
        .read_to_string(text.as_mut_string())
        .map_err(|e| format!("cannot read it: {e}"))?;
    Ok(text)
}

/// The effective user id: who files must belong to.
fn my_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}
