//! CSRF protection for `multipart/form-data` forms (file uploads) without buffering the
//! upload: the form must send `csrf_token` as its **first** part, so reading a few kilobytes
//! of the body is enough to check it. The bytes read are then put back in front of the rest
//! of the stream, and the handler reads the whole body as it was sent.

use axum::body::{Body, Bytes};
use futures_util::StreamExt;
use wanqiao_store::secret::same;

/// The most read from the body to find the first part: a token field and its headers fit
/// many times over, and a body that does not start with one is refused after this much.
pub const FIRST_PART_LIMIT: usize = 8 * 1024;

/// The name of the field that must come first.
const FIELD: &str = "csrf_token";

/// The boundary of a `multipart/form-data` content type, if it is one.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let media = params.next()?.trim();
    if !media.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("boundary") {
            return None;
        }
        let v = v.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(v);
        // RFC 2046: 1 to 70 characters.
        (!v.is_empty() && v.len() <= 70).then(|| v.to_string())
    })
}

/// What the bytes read so far say about the first part.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    /// Not complete yet: read more.
    More,
    /// The first part is the token field, with this value.
    Token(Vec<u8>),
    /// The first part is something else, or the body is not multipart as announced.
    Other,
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether the part's headers name it `csrf_token`, and not a file.
fn is_token_field(headers: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(headers) else {
        return false;
    };
    text.split("\r\n").any(|line| {
        let Some((name, value)) = line.split_once(':') else {
            return false;
        };
        if !name.trim().eq_ignore_ascii_case("content-disposition") {
            return false;
        }
        let mut params = value.split(';');
        if !params
            .next()
            .is_some_and(|d| d.trim().eq_ignore_ascii_case("form-data"))
        {
            return false;
        }
        let mut named = false;
        for p in params {
            let Some((k, v)) = p.trim().split_once('=') else {
                continue;
            };
            let v = v.trim().trim_matches('"');
            match k.trim().to_ascii_lowercase().as_str() {
                "name" => named = v == FIELD,
                "filename" | "filename*" => return false,
                _ => {}
            }
        }
        named
    })
}

/// Reads the first part from `buf`, the start of a body whose delimiter is `--boundary`.
fn scan(buf: &[u8], boundary: &str) -> Scan {
    let delimiter = format!("--{boundary}");
    let opening = format!("{delimiter}\r\n");
    // Browsers start with the delimiter; a client that sends a line break first is let be.
    let start = if buf.starts_with(b"\r\n") { 2 } else { 0 };
    let body = &buf[start..];
    if body.len() < opening.len() {
        return if opening.as_bytes().starts_with(body) {
            Scan::More
        } else {
            Scan::Other
        };
    }
    if !body.starts_with(opening.as_bytes()) {
        return Scan::Other;
    }
    let part = &body[opening.len()..];
    let Some(end_of_headers) = find(part, b"\r\n\r\n") else {
        return Scan::More;
    };
    if !is_token_field(&part[..end_of_headers]) {
        return Scan::Other;
    }
    let value = &part[end_of_headers + 4..];
    let closing = format!("\r\n{delimiter}");
    match find(value, closing.as_bytes()) {
        Some(end) => Scan::Token(value[..end].to_vec()),
        None => Scan::More,
    }
}

/// Why a multipart body was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The first part is not the right token (or there is none within the limit).
    Token,
    /// The body could not be read.
    Unreadable,
}

/// Checks that `body` starts with the `csrf_token` field holding `expected`, reading no more
/// than [`FIRST_PART_LIMIT`] bytes, and gives back the whole body, unread, for the handler.
pub async fn check(body: Body, boundary: &str, expected: &str) -> Result<Body, Refused> {
    let mut stream = body.into_data_stream();
    let mut read: Vec<u8> = Vec::new();
    loop {
        match scan(&read, boundary) {
            Scan::Token(value) => {
                let sent = String::from_utf8(value).map_err(|_| Refused::Token)?;
                if !same(&sent, expected) {
                    return Err(Refused::Token);
                }
                break;
            }
            Scan::Other => return Err(Refused::Token),
            Scan::More if read.len() >= FIRST_PART_LIMIT => return Err(Refused::Token),
            Scan::More => {}
        }
        match stream.next().await {
            Some(Ok(chunk)) => read.extend_from_slice(&chunk),
            Some(Err(_)) => return Err(Refused::Unreadable),
            None => return Err(Refused::Token),
        }
    }
    let head = futures_util::stream::once(async move { Ok::<Bytes, axum::Error>(read.into()) });
    Ok(Body::from_stream(head.chain(stream)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: &str = "XyZ-123";

    fn part(name: &str, extra: &str, value: &str) -> String {
        format!(
            "--{B}\r\nContent-Disposition: form-data; name=\"{name}\"{extra}\r\n\r\n{value}\r\n"
        )
    }

    #[test]
    fn the_boundary_is_read_from_the_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=abc").as_deref(),
            Some("abc")
        );
        assert_eq!(
            boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(boundary("application/x-www-form-urlencoded"), None);
        assert_eq!(
            boundary(&format!("multipart/form-data; boundary={}", "x".repeat(71))),
            None
        );
    }

    #[test]
    fn the_token_must_be_the_first_part() {
        let first = format!(
            "{}{}--{B}--\r\n",
            part("csrf_token", "", "t0k"),
            part("title", "", "x")
        );
        assert_eq!(scan(first.as_bytes(), B), Scan::Token(b"t0k".to_vec()));
        let second = format!(
            "{}{}--{B}--\r\n",
            part("title", "", "x"),
            part("csrf_token", "", "t0k")
        );
        assert_eq!(scan(second.as_bytes(), B), Scan::Other);
        let as_file = part("csrf_token", "; filename=\"t.txt\"", "t0k") + &format!("--{B}--\r\n");
        assert_eq!(scan(as_file.as_bytes(), B), Scan::Other);
        let other_boundary = part("csrf_token", "", "t0k").replace(B, "other");
        assert_eq!(scan(other_boundary.as_bytes(), B), Scan::Other);
    }

    #[test]
    fn an_incomplete_first_part_asks_for_more() {
        let whole = format!("{}--{B}--\r\n", part("csrf_token", "", "t0k"));
        for cut in [0, 3, 12, 40, whole.find("t0k").unwrap() + 2] {
            assert_eq!(
                scan(&whole.as_bytes()[..cut], B),
                Scan::More,
                "cut at {cut}"
            );
        }
    }

    #[tokio::test]
    async fn the_body_is_given_back_whole() {
        let sent = format!(
            "{}{}--{B}--\r\n",
            part("csrf_token", "", "t0k"),
            part("file", "; filename=\"a.pdf\"", &"%PDF-".repeat(5000))
        );
        let chunks: Vec<Result<Bytes, std::io::Error>> = sent
            .as_bytes()
            .chunks(7)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        let body = Body::from_stream(futures_util::stream::iter(chunks));
        let back = check(body, B, "t0k").await.expect("the token is first");
        let bytes = axum::body::to_bytes(back, usize::MAX).await.unwrap();
        assert_eq!(bytes, sent.as_bytes());

        let wrong = Body::from(sent.clone());
        assert_eq!(check(wrong, B, "other").await.err(), Some(Refused::Token));
        let long = format!(
            "{}{}",
            part("csrf_token", "", &"a".repeat(FIRST_PART_LIMIT)),
            ""
        );
        assert_eq!(
            check(Body::from(long), B, "a").await.err(),
            Some(Refused::Token)
        );
    }
}
