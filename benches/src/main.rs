//! Side-by-side timings, one run: every case runs in each of many rounds,
//! interleaved, so a noisy neighbour slows all cases alike; the table shows
//! each case's median and the ratios between them.
//!
//! `cargo run --release --manifest-path benches/Cargo.toml`

mod peer;

use std::hint::black_box;

use base64::Engine as _;
use std::time::{Duration, Instant};

use sigv4_bearer::{bedrock, Credentials, Minter, Service, Timestamp};

const ROUNDS: usize = 41;
const BATCH: Duration = Duration::from_millis(4);
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const NOW: i64 = 1_735_787_045;

struct Case<'a> {
    name: &'static str,
    run: Box<dyn FnMut() + 'a>,
    iters: u64,
    samples: Vec<f64>,
}

impl<'a> Case<'a> {
    fn new(name: &'static str, run: impl FnMut() + 'a) -> Self {
        Case {
            name,
            run: Box::new(run),
            iters: 1,
            samples: Vec::new(),
        }
    }

    /// Grows the batch until one takes about `BATCH`.
    fn calibrate(&mut self) {
        loop {
            let took = self.time_batch();
            if took >= BATCH / 2 {
                break;
            }
            self.iters *= 2;
        }
    }

    fn time_batch(&mut self) -> Duration {
        let start = Instant::now();
        for _ in 0..self.iters {
            (self.run)();
        }
        start.elapsed()
    }

    fn median_ns(&self) -> f64 {
        let mut sorted = self.samples.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    }
}

fn run_all(cases: &mut [Case<'_>]) {
    for case in cases.iter_mut() {
        case.calibrate();
    }
    for _ in 0..ROUNDS {
        for case in cases.iter_mut() {
            let took = case.time_batch();
            case.samples
                .push(took.as_nanos() as f64 / case.iters as f64);
        }
    }
}

fn main() {
    let now = Timestamp::from_unix_secs(NOW);
    let hour = Duration::from_secs(3600);
    // A 1 KB session token in STS's alphabet (some bytes need percent-encoding).
    let kilobyte: String = (0..1024)
        .map(|i| char::from(b"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+="[i % 53]))
        .collect();
    println!("| case | session token | median | vs aws-sigv4 | vs SHA-256 floor |");
    println!("|---|---|---|---|---|");
    for (label, session) in [("none", None), ("1 KB", Some(kilobyte.as_str()))] {
        let mut creds = Credentials::new("AKIAIOSFODNN7EXAMPLE", SECRET);
        if let Some(token) = session {
            creds = creds.with_session_token(token);
        }
        let ours = bedrock::presign(&creds, "us-west-2", now, hour).unwrap();
        let theirs = peer::aws_sigv4_token(&creds_parts(session), "us-west-2", NOW as u64, 3600);
        assert_eq!(
            peer::signature(ours.as_str()),
            peer::signature(&theirs),
            "aws-sigv4 must sign the same token"
        );
        let (blocks, cached_blocks) = peer::compressions(ours.as_str(), SECRET);

        let mut buf = vec![0u8; 8192];
        let mut minter =
            Minter::with_storage(creds, Service::BEDROCK, "us-west-2", hour, vec![0u8; 8192]);
        let mut keeper =
            Minter::with_storage(creds, Service::BEDROCK, "us-west-2", hour, vec![0u8; 8192]);
        let floor_input = vec![[0x5au8; 64]; blocks];
        let cached_floor_input = vec![[0x5au8; 64]; cached_blocks];
        let body = peer::decode(ours.as_str()).into_bytes();
        let mut body_base64 = vec![0u8; body.len() * 4 / 3 + 4];
        let mut cases = [
            Case::new("presign", || {
                black_box(
                    bedrock::presign(black_box(&creds), "us-west-2", black_box(now), hour).unwrap(),
                );
            }),
            Case::new("presign_into", || {
                black_box(
                    bedrock::presign_into(
                        black_box(&creds),
                        "us-west-2",
                        black_box(now),
                        hour,
                        &mut buf,
                    )
                    .unwrap(),
                );
            }),
            Case::new("cached key (Minter::mint)", || {
                black_box(minter.mint(black_box(now)).unwrap());
            }),
            Case::new("cached token (Minter::token, not due)", || {
                black_box(keeper.token(black_box(now)).unwrap());
            }),
            Case::new("aws-sigv4 + token assembly", || {
                black_box(peer::aws_sigv4_token(
                    black_box(&creds_parts(session)),
                    "us-west-2",
                    NOW as u64,
                    3600,
                ));
            }),
            Case::new("SHA-256 floor", || {
                let mut state = [0x6a09_e667u32; 8];
                sha2::block_api::compress256(&mut state, black_box(&floor_input));
                black_box(state);
            }),
            Case::new("SHA-256 floor, key cached", || {
                let mut state = [0x6a09_e667u32; 8];
                sha2::block_api::compress256(&mut state, black_box(&cached_floor_input));
                black_box(state);
            }),
            // Part of the work above the floor, alone: every token is the
            // base64 of its URL, here by the `base64` crate.
            Case::new("base64 of the URL alone (base64 crate)", || {
                black_box(
                    base64::engine::general_purpose::STANDARD
                        .encode_slice(black_box(&body), &mut body_base64)
                        .unwrap(),
                );
            }),
        ];
        run_all(&mut cases);
        let peer_ns = cases[4].median_ns();
        let floor_ns = cases[5].median_ns();
        for case in &cases {
            let m = case.median_ns();
            println!(
                "| {} | {label} | {:.2} µs | {:.1}x faster | {:.2}x |",
                case.name,
                m / 1000.0,
                peer_ns / m,
                m / floor_ns
            );
        }
        println!(
            "| ({blocks} SHA-256 compressions, {cached_blocks} with the key cached; {} URL bytes) | {label} | | | |",
            body.len()
        );
    }
}

/// Owned credential parts for aws-sigv4.
fn creds_parts(session: Option<&str>) -> peer::Creds {
    peer::Creds {
        access_key_id: "AKIAIOSFODNN7EXAMPLE",
        secret: SECRET,
        session_token: session.map(str::to_owned),
    }
}
