//! `_into` calls never touch the heap; the `String`-returning ones allocate
//! exactly once, at the result's final size.
#![allow(unsafe_code, clippy::unwrap_used)] // a counting allocator needs `unsafe impl`

use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::time::Duration;
use std::alloc::System;

use sigv4_bearer::{bedrock, presign_url_into, Credentials, Request, SigningScope, Timestamp};

struct Counting;

std::thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations (and reallocations) made by `f` on this thread.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (ALLOCATIONS.with(Cell::get) - before, out)
}

const NOW: Timestamp = Timestamp::from_unix_secs(1_735_787_045);
const SESSION: &str = include_str!("../LICENSE"); // a long session token, about 11 KB

#[test]
fn into_calls_never_allocate() {
    let creds = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .with_session_token(SESSION);
    let mut buf = vec![0u8; 64 * 1024];
    let (count, token) = allocations(|| {
        bedrock::presign_into(&creds, "us-west-2", NOW, Duration::from_secs(900), &mut buf)
            .map(str::len)
    });
    assert!(token.unwrap() > SESSION.len());
    assert_eq!(count, 0, "bedrock::presign_into allocated");

    let request = Request {
        host: "Example.COM:443",
        path: "/a/./b/../c%20d/",
        query: &[("Action", "connect"), ("b", "x y"), ("A", "\u{e9}")],
        headers: &[("x-k8s-aws-id", "  my   cluster "), ("A-First", "1")],
        ..Request::default()
    };
    let (count, url) = allocations(|| {
        presign_url_into(
            &request,
            SigningScope {
                region: "us-east-1",
                signing_name: "rds-db",
            },
            &creds,
            NOW,
            Duration::from_secs(900),
            &mut buf,
        )
        .map(str::len)
    });
    assert!(url.is_ok());
    assert_eq!(count, 0, "presign_url_into allocated");

    let mut tiny = [0u8; 8];
    let (count, err) = allocations(|| {
        bedrock::presign_into(
            &creds,
            "us-west-2",
            NOW,
            Duration::from_secs(900),
            &mut tiny,
        )
        .map(str::len)
    });
    assert!(err.is_err());
    assert_eq!(count, 0, "BufferTooSmall path allocated");
}

#[cfg(feature = "alloc")]
#[test]
fn owned_calls_allocate_once() {
    for session in [None, Some(SESSION)] {
        let mut creds = Credentials::new("AKIDEXAMPLE", "secret");
        if let Some(token) = session {
            creds = creds.with_session_token(token);
        }
        let (count, token) =
            allocations(|| bedrock::presign(&creds, "us-west-2", NOW, Duration::from_secs(900)));
        let token = token.unwrap();
        assert_eq!(count, 1, "bedrock::presign");
        let mut buf = vec![0u8; 64 * 1024];
        let into =
            bedrock::presign_into(&creds, "us-west-2", NOW, Duration::from_secs(900), &mut buf)
                .unwrap();
        assert_eq!(token.as_str(), into);

        let request = Request {
            host: "h.example",
            query: &[("Action", "x")],
            ..Request::default()
        };
        let (count, url) = allocations(|| {
            sigv4_bearer::presign_url(
                &request,
                SigningScope {
                    region: "us-east-1",
                    signing_name: "svc",
                },
                &creds,
                NOW,
                Duration::from_secs(60),
            )
        });
        let url = url.unwrap();
        assert_eq!(count, 1, "presign_url");
        assert_eq!(
            url.capacity(),
            url.len(),
            "the URL was not allocated at its exact size"
        );
    }
}
