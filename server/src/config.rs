//! Command line and configuration. Every option is also an environment variable, and a `.env`
//! file in the working directory is read first. The operational settings (limits, timeouts,
//! headers, cross-origin access) are turned here into the [`HttpPolicy`] the router applies and
//! the [`ConnectionLimits`] the serve loop applies.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};

/// The database used when `DATABASE_URL` is unset: a SQLite file under `data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/percorso.db";

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Guided, reflective assessments for brands"
)]
pub struct Cli {
    /// Database to use: `sqlite://path/to/file.db` or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub database_url: String,

    /// Database to migrate at start-up, when it must be reached another way than
    /// `DATABASE_URL`: directly rather than through a transaction-mode pooler, or as the
    /// schema's owner. Defaults to `DATABASE_URL`.
    #[arg(
        long,
        env = "MIGRATION_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub migration_database_url: Option<String>,

    /// Log lines as human-readable text or as one JSON object per line.
    #[arg(long, env = "LOG_FORMAT", global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl Cli {
    /// The URL migrations run through.
    pub fn migration_url(&self) -> &str {
        self.migration_database_url
            .as_deref()
            .unwrap_or(&self.database_url)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (the default).
    Serve(ServeArgs),
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Validate a questionnaire definition file and publish it as a new version.
    Import {
        /// Path to a definition JSON file (`"format": 1`).
        file: PathBuf,
    },
    /// Print the current published definition of a questionnaire as JSON.
    Export {
        slug: String,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of the definition format.
    Schema,
}

#[derive(Debug, Clone, Parser, Default)]
pub struct ServeArgs {
    /// Address to listen on (default: the `site-addr` of the Leptos configuration, 127.0.0.1:3000).
    #[arg(long, env = "LEPTOS_SITE_ADDR")]
    pub addr: Option<std::net::SocketAddr>,

    /// Public origin used in links people copy, e.g. `https://quiz.example.com`.
    #[arg(long, env = "PUBLIC_URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Believe the `X-Forwarded-Proto` header (only `http` or `https`) when `PUBLIC_URL` is
    /// unset. Turn on only behind a proxy that sets it.
    #[arg(long, env = "TRUST_FORWARDED_PROTO", default_value_t = false, action = clap::ArgAction::Set)]
    pub trust_forwarded_proto: bool,

    /// Publish the bundled demo assessments at start-up (unchanged ones are left alone).
    #[arg(long, env = "LOAD_DEMO", default_value_t = true, action = clap::ArgAction::Set)]
    pub load_demo: bool,

    #[command(flatten)]
    pub operations: OperationArgs,
}

/// Limits, timeouts, headers and cross-origin access.
#[derive(Debug, Clone, Parser)]
pub struct OperationArgs {
    /// A proxy in front of the server sets `X-Forwarded-For` and `X-Forwarded-Proto`: take the
    /// client's address from the last hop of the first and the scheme from the second.
    #[arg(long, env = "TRUST_PROXY", default_value_t = false, action = clap::ArgAction::Set)]
    pub trust_proxy: bool,

    /// Who may frame the pages (CSP `frame-ancestors`), e.g. `'self' https://brand.example`.
    #[arg(long, env = "FRAME_ANCESTORS", default_value = "'self'", value_parser = parse_frame_ancestors)]
    pub frame_ancestors: String,

    /// Origins allowed to call `/api/v1` from a browser, comma-separated (default: none).
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", value_delimiter = ',', value_parser = parse_origin)]
    pub cors_allowed_origins: Vec<String>,

    /// Responses one client may start per minute, on average.
    #[arg(long, env = "START_RATE_PER_MINUTE", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..))]
    pub start_rate_per_minute: u32,

    /// Responses one client may start at once before the rate applies.
    #[arg(long, env = "START_BURST", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..))]
    pub start_burst: u32,

    /// Answers one client may send per minute, on average (kiosks share an address).
    #[arg(long, env = "ANSWER_RATE_PER_MINUTE", default_value_t = 1200, value_parser = clap::value_parser!(u32).range(1..))]
    pub answer_rate_per_minute: u32,

    /// Answers one client may send at once before the rate applies.
    #[arg(long, env = "ANSWER_BURST", default_value_t = 300, value_parser = clap::value_parser!(u32).range(1..))]
    pub answer_burst: u32,

    /// Delete responses that never got an answer this many days after they were started
    /// (0: keep them).
    #[arg(long, env = "RETENTION_DAYS", default_value_t = 30)]
    pub retention_days: u32,

    /// Seconds a request may take, from its head to its answer (else 408).
    #[arg(long, env = "REQUEST_TIMEOUT_SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout_seconds: u64,

    /// Seconds a client has to send a request's head.
    #[arg(long, env = "HEADER_READ_TIMEOUT_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_read_timeout_seconds: u64,

    /// Seconds a connection with no request in progress is kept open.
    #[arg(long, env = "IDLE_TIMEOUT_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub idle_timeout_seconds: u64,

    /// Connections served at once; more wait to be accepted. Keep it below the process's
    /// file-descriptor limit, less the database pool.
    #[arg(long, env = "MAX_CONNECTIONS", default_value_t = 4096, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// Seconds requests in progress get to finish after SIGTERM before the server exits.
    #[arg(long, env = "SHUTDOWN_GRACE_SECONDS", default_value_t = 20)]
    pub shutdown_grace_seconds: u64,
}

impl Default for OperationArgs {
    fn default() -> Self {
        OperationArgs::parse_from(["defaults"])
    }
}

impl OperationArgs {
    /// What the router applies; `public_url` decides HSTS.
    pub fn policy(&self, public_url: Option<&str>) -> HttpPolicy {
        HttpPolicy {
            trust_proxy: self.trust_proxy,
            request_timeout: Duration::from_secs(self.request_timeout_seconds),
            frame_ancestors: self.frame_ancestors.clone(),
            hsts: public_url.is_some_and(|u| u.starts_with("https://")),
            cors_allowed_origins: self
                .cors_allowed_origins
                .iter()
                .filter(|o| !o.is_empty())
                .cloned()
                .collect(),
            starts: Rate {
                per_minute: self.start_rate_per_minute,
                burst: self.start_burst,
            },
            answers: Rate {
                per_minute: self.answer_rate_per_minute,
                burst: self.answer_burst,
            },
        }
    }

    /// What the serve loop applies.
    pub fn connections(&self) -> ConnectionLimits {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(self.header_read_timeout_seconds),
            idle_timeout: Duration::from_secs(self.idle_timeout_seconds),
            max_connections: self.max_connections as usize,
            shutdown_grace: Duration::from_secs(self.shutdown_grace_seconds),
        }
    }

    /// How long an unanswered response is kept, if not for ever.
    pub fn retention(&self) -> Option<chrono::TimeDelta> {
        (self.retention_days > 0).then(|| chrono::TimeDelta::days(self.retention_days.into()))
    }
}

/// The router's policies: who the client is, which headers every answer carries, who may call
/// the API from another origin, and how often a client may start and answer.
#[derive(Debug, Clone)]
pub struct HttpPolicy {
    pub trust_proxy: bool,
    pub request_timeout: Duration,
    pub frame_ancestors: String,
    /// Send `Strict-Transport-Security` (the public origin is https).
    pub hsts: bool,
    pub cors_allowed_origins: Vec<String>,
    pub starts: Rate,
    pub answers: Rate,
}

impl Default for HttpPolicy {
    fn default() -> Self {
        OperationArgs::default().policy(None)
    }
}

/// A rate limit: `per_minute` on average, `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_minute: u32,
    pub burst: u32,
}

/// What the serve loop enforces on connections.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
    pub shutdown_grace: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        OperationArgs::default().connections()
    }
}

/// `frame-ancestors` sources: printable, and no `;` or `,` that would end the directive.
fn parse_frame_ancestors(raw: &str) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty()
        || value
            .chars()
            .any(|c| c == ';' || c == ',' || !(c == ' ' || c.is_ascii_graphic()))
    {
        return Err(
            "FRAME_ANCESTORS must be CSP sources such as 'self' https://brand.example".into(),
        );
    }
    Ok(value.to_string())
}

/// A CORS origin must be exactly `scheme://host[:port]`, as browsers send it (an empty item,
/// as in an empty variable, is none).
fn parse_origin(raw: &str) -> Result<String, String> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    let origin = parse_public_url(raw)
        .map_err(|_| format!("`{raw}` is not an origin such as https://app.example.com"))?;
    Ok(origin)
}

/// `PUBLIC_URL` must be an `http(s)` origin: it ends up in links people are sent.
fn parse_public_url(raw: &str) -> Result<String, String> {
    let url = raw.trim().trim_end_matches('/');
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("PUBLIC_URL must start with https:// or http://")?;
    if host.is_empty() || host.contains(['/', '?', '#', '@', ' ', '"', '<', '>']) {
        return Err("PUBLIC_URL must be an origin such as https://quiz.example.com".into());
    }
    Ok(url.to_string())
}

/// Whether a database URL should be shown: passwords are redacted.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => {
                    format!("{}://{}:***{}", &url[..scheme], &creds[..colon], &url[at..])
                }
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_url_must_be_an_http_origin() {
        assert_eq!(
            parse_public_url("https://quiz.example.com/").as_deref(),
            Ok("https://quiz.example.com")
        );
        assert!(parse_public_url("javascript:alert(1)").is_err());
        assert!(parse_public_url("https://a.example/path").is_err());
        assert!(parse_public_url("https://").is_err());
    }

    #[test]
    fn migrations_run_through_database_url_unless_told_otherwise() {
        let cli = Cli::parse_from(["server", "--database-url", "postgres://app@pooler/p"]);
        assert_eq!(cli.migration_url(), "postgres://app@pooler/p");
        let cli = Cli::parse_from([
            "server",
            "--database-url",
            "postgres://app@pooler/p",
            "migrate",
            "--migration-database-url",
            "postgres://owner@db/p",
        ]);
        assert_eq!(cli.migration_url(), "postgres://owner@db/p");
    }

    #[test]
    fn passwords_in_database_urls_are_redacted() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/percorso"),
            "postgres://app:***@db:5432/percorso"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
        assert_eq!(
            redact("sqlite://data/percorso.db"),
            "sqlite://data/percorso.db"
        );
    }
}
