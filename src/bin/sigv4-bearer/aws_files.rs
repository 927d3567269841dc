//! Static credentials and regions from the AWS shared files
//! (`~/.aws/credentials`, `~/.aws/config`), as the AWS CLI lays them out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One INI file: section name to its `key = value` pairs.
pub struct IniFile {
    sections: HashMap<String, HashMap<String, String>>,
}

impl IniFile {
    /// Reads `path`; `Ok(None)` if it does not exist. Errors name the line,
    /// never its text (it may hold a secret).
    pub fn read(path: PathBuf) -> Result<Option<Self>, String> {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(format!("cannot read {}: {err}", path.display())),
        };
        let mut sections: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut current: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            let malformed = || {
                format!(
                    "{}:{}: malformed line (expected [section] or key = value)",
                    path.display(),
                    n + 1
                )
            };
            if let Some(name) = line.strip_prefix('[') {
                let name = name.strip_suffix(']').ok_or_else(malformed)?.trim();
                current = Some(name.to_owned());
                sections.entry(name.to_owned()).or_default();
            } else {
                let (key, value) = line.split_once('=').ok_or_else(malformed)?;
                let section = current.as_ref().ok_or_else(malformed)?;
                let entries = sections.entry(section.clone()).or_default();
                entries.insert(key.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
        }
        Ok(Some(IniFile { sections }))
    }

    pub fn section(&self, name: &str) -> Option<&HashMap<String, String>> {
        self.sections.get(name)
    }
}

/// `$VAR`, else `~/.aws/<name>`.
pub fn file_path(var: &str, name: &str, env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    env(var)
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|home| Path::new(&home).join(".aws").join(name)))
}

/// The config file names profiles `[profile NAME]`, except `[default]`.
pub fn config_section(profile: &str) -> String {
    if profile == "default" {
        "default".into()
    } else {
        format!("profile {profile}")
    }
}
