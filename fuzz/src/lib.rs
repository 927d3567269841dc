//! What the fuzz targets share: raw input split into fields (so corpora can
//! be seeded from test-vectors/ by joining fields), and small, obviously
//! correct reference implementations to hold the crate against.

use std::time::Duration;

use sigv4_bearer::{Credentials, Error, Service, Timestamp};

/// Separates fields in a fuzz input; never part of UTF-8 text.
pub const SEP: u8 = 0xFF;

/// The input's fields, in order; missing ones read as empty.
pub struct Fields<'a>(std::slice::Split<'a, u8, fn(&u8) -> bool>);

impl<'a> Fields<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Fields(data.split(|&b| b == SEP))
    }

    pub fn bytes(&mut self) -> &'a [u8] {
        self.0.next().unwrap_or_default()
    }

    /// The next field as text; `None` if it is not UTF-8.
    pub fn text(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()).ok()
    }

    /// The next field as a decimal number (0 if it is not one).
    pub fn number(&mut self) -> i64 {
        self.text().and_then(|t| t.parse().ok()).unwrap_or(0)
    }
}

/// Joins fields into one input (the seeding side of [`Fields`]).
pub fn join(fields: &[&[u8]]) -> Vec<u8> {
    fields.join(&SEP)
}

/// Percent-encoding the plain way: every byte that is not `A-Z a-z 0-9 - _ . ~`
/// becomes `%XX` in uppercase hex.
pub fn reference_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `YYYYMMDDTHHMMSSZ` by walking the calendar a year, then a month, at a
/// time from 1970 (the proleptic Gregorian rules: every 4th year is leap,
/// but not every 100th, but every 400th).
pub fn reference_amz_date(secs: i64) -> String {
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let (mut days, rest) = (secs / 86_400, secs % 86_400);
    let mut year = 1970;
    while days >= if leap(year) { 366 } else { 365 } {
        days -= if leap(year) { 366 } else { 365 };
        year += 1;
    }
    let lengths = [
        31,
        if leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut month = 0;
    while days >= lengths[month] {
        days -= lengths[month];
        month += 1;
    }
    format!(
        "{year:04}{:02}{:02}T{:02}{:02}{:02}Z",
        month + 1,
        days + 1,
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The inputs of one token, as the fuzzer made them.
#[derive(Debug)]
pub struct TokenInput<'a> {
    pub service: Service<'a>,
    pub access_key_id: &'a str,
    pub secret: &'a str,
    pub session_token: Option<&'a str>,
    pub expiration: Option<i64>,
    pub region: &'a str,
    pub now: i64,
    pub lifetime: Duration,
}

/// Hosts a custom service may use, with whether each is valid.
const HOSTS: [(&str, bool); 6] = [
    ("svc.example.com", true),
    ("svc.example.com:8443", true),
    ("[::1]", true),
    ("bad host", false),
    ("h:0", false),
    ("", false),
];

impl<'a> TokenInput<'a> {
    /// Reads: service selector, [signing name, host selector, prefix],
    /// access key id, secret, session token ("-" for none), expiration
    /// ("-" for none), region, now, lifetime in milliseconds.
    pub fn read(fields: &mut Fields<'a>) -> Option<Self> {
        let service = match fields.number().rem_euclid(3) {
            0 => Service::BEDROCK,
            1 => Service::EXTERNAL_ANTHROPIC,
            _ => {
                let name = fields.text()?;
                let host = HOSTS[fields.number().rem_euclid(HOSTS.len() as i64) as usize].0;
                Service::new(name, host, fields.text()?)
            }
        };
        let access_key_id = fields.text()?;
        let secret = fields.text()?;
        let session_token = Some(fields.text()?).filter(|t| *t != "-");
        let expiration = Some(fields.text()?)
            .filter(|t| *t != "-")
            .map(|t| t.parse().unwrap_or(0));
        Some(TokenInput {
            service,
            access_key_id,
            secret,
            session_token,
            expiration,
            region: fields.text()?,
            now: fields.number(),
            lifetime: Duration::from_millis(fields.number().unsigned_abs()),
        })
    }

    pub fn credentials(&self) -> Credentials<'a> {
        let mut creds = Credentials::new(self.access_key_id, self.secret);
        if let Some(token) = self.session_token {
            creds = creds.with_session_token(token);
        }
        if let Some(expiration) = self.expiration {
            creds = creds.with_expiration(Timestamp::from_unix_secs(expiration));
        }
        creds
    }

    /// Every error the documented rules allow for these inputs, each rule
    /// checked on its own. Empty: the token must be made.
    pub fn violations(&self) -> Vec<Error> {
        let mut errors = Vec::new();
        let mut rule = |broken: bool, error: Error| {
            if broken {
                errors.push(error);
            }
        };
        let s = &self.service;
        let name_ok = |n: &str| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        };
        rule(!name_ok(s.signing_name()), Error::InvalidSigningName);
        let builtin = Service::KNOWN.iter().any(|b| b.host() == s.host());
        rule(
            !builtin && !HOSTS.iter().any(|&(h, ok)| ok && h == s.host()),
            Error::InvalidHost,
        );
        rule(
            s.prefix().is_empty() || !s.prefix().bytes().all(|b| b.is_ascii_graphic()),
            Error::InvalidPrefix,
        );
        let id = self.access_key_id;
        let id_ok = (1..=128).contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        rule(!id_ok, Error::InvalidAccessKeyId);
        rule(self.secret.is_empty(), Error::EmptySecretAccessKey);
        rule(self.session_token == Some(""), Error::EmptySessionToken);
        let region_ok = (1..=64).contains(&self.region.len())
            && self
                .region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        rule(!region_ok, Error::InvalidRegion);
        rule(
            !(0..=253_402_300_799).contains(&self.now),
            Error::TimeOutOfRange,
        );
        let secs = self.lifetime.as_secs();
        rule(
            secs == 0 || secs > 43_200,
            Error::InvalidLifetime { max_secs: 43_200 },
        );
        rule(
            self.expiration.is_some_and(|e| e <= self.now),
            Error::CredentialsExpired,
        );
        errors
    }

    /// The lifetime the token must carry: whole seconds, cut to the credentials.
    pub fn expected_lifetime(&self) -> u64 {
        let secs = self.lifetime.as_secs();
        self.expiration
            .map_or(secs, |e| secs.min((e - self.now) as u64))
    }
}
