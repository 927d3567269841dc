//! The AWS shared files (`~/.aws/credentials`, `~/.aws/config`) laid out as
//! botocore reads them: every section of the credentials file is a profile;
//! the config file names them `[profile NAME]` (and `[default]`) and holds
//! `[sso-session NAME]` sections. A profile is the two files merged, the
//! credentials file winning key by key.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::bounded;
use crate::env::Env;
use crate::secret::Secret;

/// One section: lowercase keys to values, any of which may be a secret.
#[derive(Default)]
pub struct Section(HashMap<String, Secret>);

impl Section {
    /// The value of `key`, unless absent or empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .map(Secret::expose)
            .filter(|value| !value.is_empty())
    }

    /// Every key and value, sorted by key.
    pub fn entries(&self) -> Vec<(&str, &str)> {
        let mut entries: Vec<(&str, &str)> = self
            .0
            .iter()
            .map(|(key, value)| (key.as_str(), value.expose()))
            .collect();
        entries.sort_unstable();
        entries
    }
}

/// One INI file: its sections in file order.
struct IniFile {
    sections: Vec<(String, Section)>,
}

impl IniFile {
    /// Reads `path`; `Ok(None)` if it does not exist. A section or a key
    /// twice in one section is refused, as botocore's parser does. Errors
    /// name the line, never its text (it may hold a secret).
    fn read(path: &Path) -> Result<Option<Self>, String> {
        let text = match bounded::read_file(path, bounded::SHARED_FILE) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
        };
        let mut sections: Vec<(String, Section)> = Vec::new();
        let mut option_indent: Option<usize> = None;
        for (n, line) in text.expose().lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
                continue;
            }
            let at = |what: &str| format!("{}:{}: {what}", path.display(), n + 1);
            let malformed = || at("malformed line (expected [section] or key = value)");
            if let Some(name) = trimmed.strip_prefix('[') {
                let name = name.strip_suffix(']').ok_or_else(malformed)?.trim();
                if sections.iter().any(|(seen, _)| seen == name) {
                    return Err(at(&format!(
                        "section [{name}] again (botocore refuses a file with a section twice)"
                    )));
                }
                sections.push((name.to_owned(), Section::default()));
                option_indent = None;
            } else if option_indent.is_some_and(|above| indent(line) > above) {
                // Indented deeper than the key above: that key's value goes
                // on (`s3 =` then nested settings), as configparser reads it.
                continue;
            } else {
                let (key, value) = trimmed.split_once('=').ok_or_else(malformed)?;
                let (_, section) = sections.last_mut().ok_or_else(malformed)?;
                option_indent = Some(indent(line));
                let key = key.trim().to_ascii_lowercase();
                if section.0.contains_key(&key) {
                    return Err(at(&format!(
                        "key {} again in its section (botocore refuses a file with a key twice)",
                        crate::untrusted::quoted(&key)
                    )));
                }
                section.0.insert(key, Secret::from(value.trim().to_owned()));
            }
        }
        Ok(Some(IniFile { sections }))
    }

    fn section(&self, name: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|(seen, _)| seen == name)
            .map(|(_, section)| section)
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Both files, read once.
pub struct AwsFiles {
    credentials_path: Option<PathBuf>,
    config_path: Option<PathBuf>,
    credentials: Option<IniFile>,
    config_exists: bool,
    /// The config file's profiles, by profile name.
    config_profiles: HashMap<String, Section>,
    sso_sessions: HashMap<String, Section>,
}

impl AwsFiles {
    /// `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE`, else `~/.aws/`.
    pub fn load(env: &Env) -> Result<Self, String> {
        let credentials_path = file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
        let config_path = file_path(env, "AWS_CONFIG_FILE", "config");
        let credentials = credentials_path
            .as_deref()
            .map(IniFile::read)
            .transpose()?
            .flatten();
        let config = config_path
            .as_deref()
            .map(IniFile::read)
            .transpose()?
            .flatten();
        let config_exists = config.is_some();
        let mut config_profiles = HashMap::new();
        let mut sso_sessions = HashMap::new();
        // In file order: of `[default]` and `[profile default]`, the later
        // wins whole, as botocore's build_profile_map does.
        for (name, section) in config.map(|c| c.sections).unwrap_or_default() {
            let mut words = name.split_whitespace();
            match (words.next(), words.next(), words.next()) {
                (Some("default"), None, None) => {
                    config_profiles.insert("default".to_owned(), section);
                }
                (Some("profile"), Some(profile), None) => {
                    config_profiles.insert(profile.to_owned(), section);
                }
                (Some("sso-session"), Some(session), None) => {
                    sso_sessions.insert(session.to_owned(), section);
                }
                _ => {}
            }
        }
        Ok(AwsFiles {
            credentials_path,
            config_path,
            credentials,
            config_exists,
            config_profiles,
            sso_sessions,
        })
    }

    /// The merged profile `name`, if either file has it.
    pub fn profile<'f>(&'f self, name: &'f str) -> Option<Profile<'f>> {
        let profile = Profile {
            name,
            credentials: self.credentials_section(name),
            config: self.config_section(name),
        };
        (profile.credentials.is_some() || profile.config.is_some()).then_some(profile)
    }

    /// Profile `name`, then its `source_profile`, and so on, each once.
    pub fn chain<'f>(&'f self, name: &'f str) -> Vec<Profile<'f>> {
        let mut chain: Vec<Profile<'f>> = Vec::new();
        let mut next = Some(name);
        while let Some(profile) = next.and_then(|n| self.profile(n)) {
            if chain.iter().any(|p| p.name == profile.name) {
                break;
            }
            next = profile.get("source_profile");
            chain.push(profile);
        }
        chain
    }

    /// Profile `name` of the credentials file alone.
    pub fn credentials_section(&self, name: &str) -> Option<&Section> {
        self.credentials.as_ref()?.section(name)
    }

    /// Profile `name` of the config file alone.
    pub fn config_section(&self, name: &str) -> Option<&Section> {
        self.config_profiles.get(name)
    }

    /// `[sso-session NAME]` of the config file.
    pub fn sso_session(&self, name: &str) -> Option<&Section> {
        self.sso_sessions.get(name)
    }

    /// The credentials file's path, for messages.
    pub fn credentials_file(&self) -> String {
        describe(
            self.credentials_path.as_deref(),
            self.credentials.is_some(),
            "~/.aws/credentials",
        )
    }

    /// The config file's path, for messages.
    pub fn config_file(&self) -> String {
        describe(
            self.config_path.as_deref(),
            self.config_exists,
            "~/.aws/config",
        )
    }

    /// Both files, for messages: `A or B`, saying once that HOME is unset.
    pub fn both_files(&self) -> String {
        match (&self.credentials_path, &self.config_path) {
            (None, None) => "~/.aws/credentials or ~/.aws/config (HOME is not set)".to_owned(),
            _ => format!("{} or {}", self.credentials_file(), self.config_file()),
        }
    }
}

fn describe(path: Option<&Path>, exists: bool, default: &str) -> String {
    match (path, exists) {
        (Some(path), true) => path.display().to_string(),
        (Some(path), false) => format!("{} (not found)", path.display()),
        (None, _) => format!("{default} (HOME is not set)"),
    }
}

/// A profile of the two files merged; the credentials file wins key by key.
#[derive(Clone, Copy)]
pub struct Profile<'f> {
    pub name: &'f str,
    credentials: Option<&'f Section>,
    config: Option<&'f Section>,
}

impl<'f> Profile<'f> {
    /// The value of `key`, unless absent or empty in both files.
    pub fn get(&self, key: &str) -> Option<&'f str> {
        self.credentials
            .and_then(|s| s.get(key))
            .or_else(|| self.config.and_then(|s| s.get(key)))
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

/// `$VAR`, else `~/.aws/<name>`.
fn file_path(env: &Env, var: &str, name: &str) -> Option<PathBuf> {
    env.get(var)
        .map(PathBuf::from)
        .or_else(|| home(env).map(|home| home.join(".aws").join(name)))
}

/// `$HOME`.
pub fn home(env: &Env) -> Option<PathBuf> {
    env.get("HOME").map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` from a file of its own (tests run in parallel).
    fn parse(text: &str) -> Result<Option<IniFile>, String> {
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("sigv4-bearer-ini-{}-{n}", std::process::id()));
        std::fs::write(&path, text).unwrap();
        let parsed = IniFile::read(&path);
        std::fs::remove_file(&path).unwrap();
        parsed
    }

    #[test]
    fn sections_keys_and_nested_values() {
        let file = parse(
            "# c\n[profile  dev]\nRegion = eu-west-1\ns3 =\n  max_concurrent_requests = 10\n; c\n\
             [default]\n  k=v\n  j = w\n",
        )
        .unwrap()
        .unwrap();
        let dev = file.section("profile  dev").unwrap();
        assert_eq!(dev.get("region"), Some("eu-west-1"));
        // Indented lines continue the value above, as configparser reads them.
        assert_eq!(dev.get("max_concurrent_requests"), None);
        assert_eq!(dev.get("s3"), None);
        // Keys indented alike are keys.
        let default = file.section("default").unwrap();
        assert_eq!((default.get("k"), default.get("j")), (Some("v"), Some("w")));
    }

    #[test]
    fn a_section_or_key_twice_is_refused_as_botocore_does() {
        for (text, line, what) in [
            (
                "[profile a]\nregion = x\n[profile a]\n",
                3,
                "section [profile a] again",
            ),
            ("[a]\nRegion = x\nregion = y\n", 3, "key \"region\" again"),
        ] {
            let err = parse(text).err().unwrap();
            assert!(err.contains(&format!(":{line}: {what}")), "{err}");
        }
        // Different sections may share keys; sections keep file order.
        let file = parse("[b]\nk = 1\n[a]\nk = 2\n").unwrap().unwrap();
        let names: Vec<&str> = file.sections.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
    }

    #[test]
    fn malformed_lines_are_named_not_quoted() {
        for (text, line) in [
            ("key = v\n", 1),
            ("[default]\nno equals sign hunter2\n", 2),
            ("[open\n", 1),
        ] {
            let err = parse(text).err().unwrap();
            assert!(
                err.ends_with(&format!(
                    ":{line}: malformed line (expected [section] or key = value)"
                )),
                "{err}"
            );
            assert!(!err.contains("hunter2"), "{err}");
        }
        assert!(IniFile::read(Path::new("/nonexistent/sigv4-bearer"))
            .unwrap()
            .is_none());
    }
}
