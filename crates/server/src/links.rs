//! Absolute links to a session's two pages. The base is the configured public URL (`--public-url`), or
//! else the one the request came to: `http://` and its `Host` header. Behind a proxy that changes the host
//! or the scheme, configure the public URL.

use crate::store::SessionRow;
use axum::http::{HeaderMap, header};
use serde::Serialize;

/// The address people reach the service at, e.g. `https://screen.example.com` (no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(String);

impl PublicUrl {
    /// The URL as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Text that is not a public URL.
#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a public URL such as https://screen.example.com")]
pub struct NotAPublicUrl(String);

impl std::str::FromStr for PublicUrl {
    type Err = NotAPublicUrl;

    /// `http://` or `https://`, a host, and optionally a port and a path; no query, fragment or spaces.
    fn from_str(text: &str) -> Result<PublicUrl, NotAPublicUrl> {
        let trimmed = text.trim().trim_end_matches('/');
        let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://"));
        let bad = || NotAPublicUrl(text.to_string());
        let rest = rest.ok_or_else(bad)?;
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || !authority(host) || rest.contains(['?', '#']) || rest.contains(char::is_whitespace) {
            return Err(bad());
        }
        Ok(PublicUrl(trimmed.to_string()))
    }
}

/// Whether `text` can be the host[:port] of a URL (letters, digits, `.-:[]` and `_`).
fn authority(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]_".contains(c))
}

/// The base for links in an answer to a request with these headers.
pub fn base(configured: Option<&PublicUrl>, headers: &HeaderMap) -> String {
    if let Some(url) = configured {
        return url.as_str().to_string();
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).filter(|h| authority(h));
    format!("http://{}", host.unwrap_or("localhost"))
}

/// A session's tokens and links, relative and absolute.
#[derive(Debug, Clone, Serialize)]
pub struct Links {
    /// The candidate's token, `<id>-<secret>`.
    pub candidate_token: String,
    /// The interviewer's token.
    pub interviewer_token: String,
    /// `/c/<token>`.
    pub candidate_link: String,
    /// `/i/<token>`.
    pub interviewer_link: String,
    /// The candidate's page, absolute.
    pub candidate_url: String,
    /// The interviewer's page, absolute.
    pub interviewer_url: String,
}

impl Links {
    /// The links of `session` under `base`.
    pub fn of(session: &SessionRow, base: &str) -> Links {
        let candidate_token = format!("{}-{}", session.id, session.candidate_secret);
        let interviewer_token = format!("{}-{}", session.id, session.interviewer_secret);
        let candidate_link = format!("/c/{candidate_token}");
        let interviewer_link = format!("/i/{interviewer_token}");
        Links {
            candidate_url: format!("{base}{candidate_link}"),
            interviewer_url: format!("{base}{interviewer_link}"),
            candidate_token,
            interviewer_token,
            candidate_link,
            interviewer_link,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_lose_their_trailing_slash_and_must_be_http() {
        assert_eq!("https://screen.example.com/".parse::<PublicUrl>().unwrap().as_str(), "https://screen.example.com");
        assert_eq!("http://10.0.0.5:8080/judge".parse::<PublicUrl>().unwrap().as_str(), "http://10.0.0.5:8080/judge");
        for bad in ["screen.example.com", "ftp://x", "https://", "https://a b", "https://x/?q=1", "https://user@x"] {
            assert!(bad.parse::<PublicUrl>().is_err(), "{bad}");
        }
    }

    #[test]
    fn without_a_configured_url_the_host_header_is_the_base() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:9000".parse().unwrap());
        assert_eq!(base(None, &headers), "http://127.0.0.1:9000");
        let configured: PublicUrl = "https://screen.example.com".parse().unwrap();
        assert_eq!(base(Some(&configured), &headers), "https://screen.example.com");
        headers.insert(header::HOST, "evil.example/path".parse().unwrap());
        assert_eq!(base(None, &headers), "http://localhost");
    }
}
