//! Command line and configuration. Every option is also an environment variable, and a `.env`
//! file in the working directory is read first.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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

    #[command(subcommand)]
    pub command: Option<Command>,
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
