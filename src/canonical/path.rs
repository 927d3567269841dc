//! The canonical path: normalized and encoded a second time, as botocore
//! does for every service but S3, or as given for S3.

use crate::inputs::Rules;
use crate::sink::Sink;

/// Writes `path` (checked: `/`, unreserved characters and `%XX`) in its
/// canonical form under `rules`.
pub(super) fn put_canonical_path(sink: &mut (impl Sink + ?Sized), path: &str, rules: Rules) {
    match rules {
        Rules::S3 => sink.put_str(path),
        Rules::Standard => put_normalized(sink, path),
    }
}

/// The canonical URI: the path with `.`/`..` segments resolved and empty
/// segments dropped, then encoded once more (`%` becomes `%25`), as AWS does
/// for every service but S3.
fn put_normalized(sink: &mut (impl Sink + ?Sized), path: &str) {
    sink.put(b"/");
    let mut wrote_segment = false;
    for (at, segment) in segments(path).enumerate() {
        if matches!(segment, b"" | b"." | b"..") || removed_by_later_dots(path, at) {
            continue;
        }
        if wrote_segment {
            sink.put(b"/");
        }
        for (n, piece) in segment.split(|&b| b == b'%').enumerate() {
            if n > 0 {
                sink.put(b"%25");
            }
            sink.put(piece);
        }
        wrote_segment = true;
    }
    if wrote_segment && path.ends_with('/') {
        sink.put(b"/");
    }
}

/// The path's `/`-separated segments. Split as bytes: a `char` pattern would
/// pull a string searcher into small firmware for one ASCII byte.
fn segments(path: &str) -> impl Iterator<Item = &[u8]> {
    path.as_bytes().split(|&b| b == b'/')
}

/// Whether a `..` after segment `at` pops it: the first `..` that meets no
/// unpopped segment between them.
fn removed_by_later_dots(path: &str, at: usize) -> bool {
    let mut open = 0usize;
    for later in segments(path).skip(at + 1) {
        match later {
            b"" | b"." => {}
            b".." if open == 0 => return true,
            b".." => open -= 1,
            _ => open += 1,
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;
    use crate::sink::SliceWriter;

    fn canonical_path(path: &str) -> std::string::String {
        let mut buf = [0u8; 128];
        let mut w = SliceWriter::new(&mut buf);
        put_canonical_path(&mut w, path, Rules::Standard);
        w.finish().unwrap().into()
    }

    #[test]
    fn normalizes_paths_like_botocore() {
        // Expected values: botocore.utils.normalize_url_path then quote(safe='/~').
        let cases = [
            ("/", "/"),
            ("//", "/"),
            ("/a/b", "/a/b"),
            ("/a/b/", "/a/b/"),
            ("/a//b", "/a/b"),
            ("/a/./b", "/a/b"),
            ("/a/../b", "/b"),
            ("/a/b/../../c/", "/c/"),
            ("/../a", "/a"),
            ("/a/..", "/"),
            ("/a/../../b/../c", "/c"),
            ("/a%20b/%2F", "/a%2520b/%252F"),
            ("/..a/.b./", "/..a/.b./"),
            // A trailing dot segment leaves no trailing slash (RFC 3986 would).
            ("/a/b/..", "/a"),
            ("/a/b/.", "/a/b"),
            ("/a/b/../", "/a/"),
            ("//x/a0.Y/..", "/x"),
        ];
        for (path, want) in cases {
            assert_eq!(canonical_path(path), want, "{path}");
        }
    }

    #[test]
    fn s3_paths_stay_as_given() {
        let mut buf = [0u8; 64];
        let mut w = SliceWriter::new(&mut buf);
        put_canonical_path(&mut w, "/a/./b/../%20c//", Rules::S3);
        assert_eq!(w.finish().unwrap(), "/a/./b/../%20c//");
    }
}
