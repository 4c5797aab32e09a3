//! The operator commands, run as a real process against a temporary SQLite database.

use std::process::Command;

fn run(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "error")
        .output()
        .expect("run the server binary");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn import_publishes_once_and_export_gives_the_definition_back() {
    let dir = std::env::temp_dir().join(format!("percorso-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/cli.db", dir.display());
    let file = dir.join("skin.json");
    std::fs::write(&file, server::demo::DEMOS[1].1).unwrap();
    let file = file.to_str().unwrap();

    let (ok, out, err) = run(&db, &["migrate"]);
    assert!(ok, "{err}");
    assert!(out.contains("up to date"));
    let (ok, out, err) = run(&db, &["import", file]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "published skin-care-routine version 1");
    let (ok, out, _) = run(&db, &["import", file]);
    assert!(ok);
    assert!(out.contains("already has this content"), "{out}");

    let (ok, out, err) = run(&db, &["export", "skin-care-routine"]);
    assert!(ok, "{err}");
    let exported =
        app::domain::validate::parse_definition(&out).expect("export is a valid definition");
    assert_eq!(
        exported,
        app::domain::validate::parse_definition(server::demo::DEMOS[1].1).unwrap()
    );

    let (ok, _, err) = run(&db, &["export", "nope"]);
    assert!(!ok);
    assert!(err.contains("no questionnaire `nope`"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn importing_an_invalid_definition_reports_located_errors_and_publishes_nothing() {
    let dir = std::env::temp_dir().join(format!("percorso-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/cli.db", dir.display());
    let mut def: serde_json::Value = serde_json::from_str(server::demo::DEMOS[0].1).unwrap();
    def["questions"][1]["options"][0]["effects"]["speed_of_light"] = 1.into();
    let file = dir.join("broken.json");
    std::fs::write(&file, def.to_string()).unwrap();
    let (ok, _, err) = run(&db, &["import", file.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("questions[1].options[0].effects.speed_of_light: unknown trait"),
        "{err}"
    );
    let (_, _, err) = run(&db, &["export", "running-shoe-finder"]);
    assert!(err.contains("no questionnaire"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
