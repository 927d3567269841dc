//! The process environment as the AWS SDKs read it: an empty variable counts
//! as unset.

use crate::secret::Secret;

/// Reads variables when asked, so a secret is copied only where it is used.
pub struct Env;

impl Env {
    /// The value of `name`, unless it is unset, empty or not UTF-8.
    pub fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|value| !value.is_empty())
    }

    /// [`Env::get`], but a value that is not UTF-8 is an error naming the
    /// variable rather than unset.
    pub fn text(&self, name: &str) -> Result<Option<String>, String> {
        match std::env::var(name) {
            Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not UTF-8 text")),
            _ => Ok(self.get(name)),
        }
    }

    /// [`Env::get`] for a value that is a secret: wiped when dropped.
    pub fn secret(&self, name: &str) -> Option<Secret> {
        self.get(name).map(Secret::from)
    }

    /// Whether `name` is `true`, in any case (`AWS_EC2_METADATA_DISABLED=TRUE`).
    pub fn is_true(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|value| value.eq_ignore_ascii_case("true"))
    }
}
