//! Just enough argument parsing: flags with values, switches, positionals.

/// Parsed arguments of one subcommand.
#[derive(Default)]
pub struct Args {
    values: Vec<(String, String)>,
    switches: Vec<String>,
    pub positionals: Vec<String>,
}

impl Args {
    /// `value_flags` take a value (`--region R` or `--region=R`); `switches` do not.
    pub fn parse(raw: &[String], value_flags: &[&str], switches: &[&str]) -> Result<Self, String> {
        let mut args = Args::default();
        let mut rest = raw.iter();
        while let Some(arg) = rest.next() {
            if arg == "-" || !arg.starts_with('-') {
                args.positionals.push(arg.clone());
                continue;
            }
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag, Some(value.to_owned())),
                None => (arg.as_str(), None),
            };
            if value_flags.contains(&flag) {
                let value = match inline {
                    Some(value) => value,
                    None => rest
                        .next()
                        .ok_or_else(|| format!("{flag} needs a value"))?
                        .clone(),
                };
                args.values.push((flag.to_owned(), value));
            } else if switches.contains(&flag) && inline.is_none() {
                args.switches.push(flag.to_owned());
            } else {
                return Err(format!("unknown option {arg}"));
            }
        }
        Ok(args)
    }

    pub fn value(&self, flag: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(f, _)| f == flag)
            .map(|(_, v)| v.as_str())
    }

    pub fn switch(&self, flag: &str) -> bool {
        self.switches.iter().any(|s| s == flag)
    }
}

/// `3600`, `90s`, `90m`, `12h`, `1h30m`: whole seconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: u64 = digits.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        digits.clear();
    }
    (digits.is_empty() && !text.is_empty()).then_some(total)
}
