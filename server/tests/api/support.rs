//! Test fixtures: a fresh database per test (a temporary SQLite file, or a new PostgreSQL
//! database that is dropped afterwards) and the app router over it.

use std::sync::Arc;

use app::ssr::PublicUrl;
use app::ssr::store::SharedStore;
use server::{AppState, db};

pub enum Backend {
    Sqlite,
    Postgres,
    /// PostgreSQL with `serializable` as the database's default isolation, as some
    /// distributed engines run: concurrent writes then fail and must be run again.
    PostgresSerializable,
}

/// An empty database that exists for one test, dropped (or deleted) afterwards.
pub struct Scratch {
    pub url: String,
    drop_postgres: Option<(String, String)>,
}

fn admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

impl Scratch {
    pub async fn new(backend: Backend) -> Scratch {
        match backend {
            Backend::Sqlite => {
                let name = format!("percorso_test_{}", uuid::Uuid::new_v4().simple());
                let path = std::env::temp_dir().join(format!("{name}.db"));
                Scratch {
                    url: format!("sqlite://{}", path.display()),
                    drop_postgres: None,
                }
            }
            Backend::Postgres => Scratch::postgres_at(&admin_url(), false).await,
            Backend::PostgresSerializable => Scratch::postgres_at(&admin_url(), true).await,
        }
    }

    /// A new database on the PostgreSQL server at `admin` (a URL with a database path).
    pub async fn postgres_at(admin: &str, serializable: bool) -> Scratch {
        let name = format!("percorso_test_{}", uuid::Uuid::new_v4().simple());
        let admin = admin.to_string();
        let pool = sqlx::PgPool::connect(&admin)
            .await
            .expect("PostgreSQL for tests (TEST_POSTGRES_URL)");
        sqlx::query(&format!("create database {name}"))
            .execute(&pool)
            .await
            .expect("create test database");
        if serializable {
            sqlx::query(&format!(
                "alter database {name} set default_transaction_isolation = 'serializable'"
            ))
            .execute(&pool)
            .await
            .expect("make the test database serializable");
        }
        pool.close().await;
        let (base, _) = admin.rsplit_once('/').expect("database URL with a path");
        Scratch {
            url: format!("{base}/{name}"),
            drop_postgres: Some((admin, name)),
        }
    }
}

/// A migrated database that exists for one test, and the store over it.
pub struct TestDb {
    pub url: String,
    pub store: SharedStore,
    /// `None` when the database belongs to someone else (see [`TestApp::over`]).
    _scratch: Option<Scratch>,
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        TestDb::migrated(Scratch::new(backend).await).await
    }

    /// A new, migrated database on the PostgreSQL server at `admin`.
    #[allow(dead_code, reason = "the benchmark's PostgreSQL run")]
    pub async fn postgres_at(admin: &str) -> TestDb {
        TestDb::migrated(Scratch::postgres_at(admin, false).await).await
    }

    async fn migrated(scratch: Scratch) -> TestDb {
        let store = db::connect(&scratch.url).await.expect("test database");
        TestDb {
            url: scratch.url.clone(),
            store,
            _scratch: Some(scratch),
        }
    }

    /// A second, independent connection to the same database.
    pub async fn reconnect(&self) -> SharedStore {
        db::connect(&self.url).await.expect("reconnect")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.drop_postgres.take() {
            // Drop runs outside any runtime guarantee: use a thread with its own runtime.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move {
                    if let Ok(pool) = sqlx::PgPool::connect(&admin).await {
                        let _ =
                            sqlx::query(&format!("drop database if exists {name} with (force)"))
                                .execute(&pool)
                                .await;
                    }
                });
            })
            .join();
        } else if let Some(path) = self.url.strip_prefix("sqlite://") {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{path}{suffix}"));
            }
        }
    }
}

/// The whole app over a fresh SQLite database with the demos published.
pub struct TestApp {
    pub _db: TestDb,
    pub router: axum::Router,
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::on(Backend::Sqlite).await
    }

    pub async fn on(backend: Backend) -> TestApp {
        TestApp::with(TestDb::new(backend).await).await
    }

    /// The app over an existing database reached at `url` (e.g. through a relay); the
    /// database itself is dropped by its own [`TestDb`].
    pub async fn over(url: &str) -> TestApp {
        let store = db::connect(url).await.expect("database at url");
        TestApp::with(TestDb {
            url: url.to_string(),
            store,
            _scratch: None,
        })
        .await
    }

    /// The app with the production policy but rate limits no test (or benchmark) reaches:
    /// in-process requests have no address, so they all count as one client. Tests of the
    /// limits use [`TestApp::with_policy`].
    pub async fn with(db: TestDb) -> TestApp {
        let unlimited = server::config::Rate {
            per_minute: 1_000_000,
            burst: 1_000_000,
        };
        let policy = server::config::HttpPolicy {
            starts: unlimited,
            answers: unlimited,
            ..Default::default()
        };
        TestApp::with_policy(db, policy).await
    }

    /// The app over `db` with the given limits, headers and cross-origin access.
    pub async fn with_policy(db: TestDb, policy: server::config::HttpPolicy) -> TestApp {
        server::demo::load(db.store.as_ref())
            .await
            .expect("demos load");
        let conf = leptos::config::get_configuration(None).expect("leptos configuration");
        let state = AppState {
            leptos_options: conf.leptos_options,
            store: Arc::clone(&db.store),
            public_url: PublicUrl {
                url: Some("https://percorso.test".into()),
                trust_forwarded_proto: false,
            },
            policy,
        };
        TestApp {
            router: server::router(state),
            _db: db,
        }
    }
}

impl TestApp {
    /// The store under the app, to set up what no route can.
    pub fn store(&self) -> &app::ssr::store::SharedStore {
        &self._db.store
    }
}

/// Lets the shared HTTP client take a `&TestApp` wherever it takes a router.
impl std::ops::Deref for TestApp {
    type Target = axum::Router;

    fn deref(&self) -> &axum::Router {
        &self.router
    }
}
