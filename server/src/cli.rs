//! The operator commands: `serve` (default), `migrate`, `import`, `export`, `schema`.

use std::io::Write;

use anyhow::Context;
use clap::Parser;
use leptos::config::get_configuration;

use crate::config::{Cli, Command, ServeArgs, redact};
use crate::{AppState, db, demo, metrics, retention, router, serve, telemetry};
use app::ssr::PublicUrl;

pub async fn run() -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    let mut cli = Cli::parse();
    telemetry::init(cli.log_format);
    let command = cli
        .command
        .take()
        .unwrap_or(Command::Serve(ServeArgs::parse_from(["serve"])));
    match command {
        Command::Serve(args) => serve(&cli, args).await,
        Command::Migrate => {
            connect(&cli).await?;
            println!("database at {} is up to date", redact(cli.migration_url()));
            Ok(())
        }
        Command::Import { file } => {
            let json = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let def = app::domain::validate::parse_definition(&json).map_err(|e| {
                anyhow::anyhow!("{} is not a valid definition:\n{e}", file.display())
            })?;
            let store = connect(&cli).await?;
            let published = store.publish(&def).await?;
            if published.created {
                println!("published {} version {}", def.slug, published.number);
            } else {
                println!(
                    "{} version {} already has this content; nothing published",
                    def.slug, published.number
                );
            }
            Ok(())
        }
        Command::Export { slug, output } => {
            let store = connect(&cli).await?;
            let parsed = app::domain::ids::Slug::parse(&slug)
                .with_context(|| format!("`{slug}` is not a questionnaire slug"))?;
            let version = store
                .current_version(&parsed)
                .await?
                .with_context(|| format!("no questionnaire `{slug}`"))?;
            let json = serde_json::to_string_pretty(&version.definition)?;
            match output {
                Some(path) => std::fs::write(&path, json + "\n")
                    .with_context(|| format!("writing {}", path.display()))?,
                None => writeln!(std::io::stdout(), "{json}")?,
            }
            Ok(())
        }
        Command::Schema => {
            println!("{}", app::domain::definition::json_schema());
            Ok(())
        }
    }
}

/// The store, its schema brought up to date through the migration URL.
async fn connect(cli: &Cli) -> anyhow::Result<app::ssr::store::SharedStore> {
    db::connect_with(&cli.database_url, cli.migration_url()).await
}

async fn serve(cli: &Cli, args: ServeArgs) -> anyhow::Result<()> {
    let conf = get_configuration(None)?;
    let mut leptos_options = conf.leptos_options;
    if let Some(addr) = args.addr {
        leptos_options.site_addr = addr;
    }
    let addr = leptos_options.site_addr;
    tracing::info!(database = %redact(&cli.database_url), "connecting to the database");
    let store = connect(cli).await?;
    if args.load_demo {
        demo::load(store.as_ref()).await?;
    }
    let operations = &args.operations;
    let state = AppState {
        leptos_options,
        store: store.clone(),
        public_url: PublicUrl {
            trust_forwarded_proto: args.trust_forwarded_proto || operations.trust_proxy,
            url: args.public_url.clone(),
        },
        policy: operations.policy(args.public_url.as_deref()),
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    tokio::spawn(metrics::upkeep());
    if let Some(keep) = operations.retention() {
        tokio::spawn(retention::run(store, keep));
    }
    println!("Percorso is ready at http://{addr}/");
    serve::serve(
        listener,
        router(state),
        operations.connections(),
        shutdown(),
    )
    .await;
    tracing::info!("stopped");
    Ok(())
}

/// Stop accepting connections on Ctrl-C or SIGTERM and let requests in flight finish.
async fn shutdown() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}
