//! AWS's public SigV4 documentation examples.
#![allow(clippy::unwrap_used)]

use crate::common::EXAMPLE_SECRET;
use core::time::Duration;

use sigv4_bearer::{presign_url_into, Credentials, Request, SigningScope, Timestamp};

/// The query-string example of AWS's "Create a signed AWS API request" guide
/// (IAM ListUsers, 2015-08-30T12:36:00Z, 60 s, signing `content-type;host`).
#[test]
fn signs_the_documented_iam_list_users_url() {
    let creds = Credentials::new("AKIDEXAMPLE", EXAMPLE_SECRET);
    let request = Request {
        method: "GET",
        host: "iam.amazonaws.com",
        path: "/",
        query: &[("Action", "ListUsers"), ("Version", "2010-05-08")],
        headers: &[(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )],
    };
    let now = Timestamp::from_unix_secs(1_440_938_160); // 2015-08-30T12:36:00Z
    let mut buf = [0u8; 512];
    let url = presign_url_into(
        &request,
        SigningScope {
            region: "us-east-1",
            signing_name: "iam",
        },
        &creds,
        now,
        Duration::from_secs(60),
        &mut buf,
    )
    .unwrap();
    assert_eq!(
        url,
        "https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08\
         &X-Amz-Algorithm=AWS4-HMAC-SHA256\
         &X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request\
         &X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=content-type%3Bhost\
         &X-Amz-Signature=37ac2f4fde00b0ac9bd9eadeb459b1bbee224158d66e7ae5fcadb70b2d181d02"
    );
}
