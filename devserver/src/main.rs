//! `devserver [--dist DIR] [--state FILE] [--reset] [--snapshot-seconds N] [--restore-seconds N]
//! [--clone-seconds N] [--archive-snapshots N]`: serves the app and both APIs on 127.0.0.1:$PORT (8080 by default).

use chrono::Duration;
use devserver::{load_world, ops::Timings, router, seed, tick, AppState};
use std::net::SocketAddr;
use std::path::PathBuf;

const USAGE: &str = "usage: devserver [--dist DIR] [--state FILE] [--reset]
                 [--snapshot-seconds N] [--restore-seconds N] [--clone-seconds N]
                 [--archive-snapshots N]
  --dist DIR            the built app (default: dist)
  --state FILE          where the state is kept across restarts (default: target/devserver/state.json)
  --reset               start again from the seed data (also DEVSERVER_RESET=1)
  --*-seconds N         how long snapshots, restores and clones take (default: 3)
  --archive-snapshots N how many snapshots the seed gives archive-vm (default: 2000)
  PORT (environment)    the port on 127.0.0.1 (default: 8080)";

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2)
}

fn seconds(v: Option<String>) -> Duration {
    match v.and_then(|s| s.parse::<f64>().ok()) {
        Some(s) if s >= 0.0 => Duration::milliseconds((s * 1000.0) as i64),
        _ => usage(),
    }
}

#[tokio::main]
async fn main() {
    let mut dist = PathBuf::from("dist");
    let mut state = PathBuf::from("target/devserver/state.json");
    let mut reset = std::env::var("DEVSERVER_RESET").is_ok_and(|v| v == "1");
    let mut timings = Timings::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dist" => dist = args.next().map(PathBuf::from).unwrap_or_else(|| usage()),
            "--state" => state = args.next().map(PathBuf::from).unwrap_or_else(|| usage()),
            "--reset" => reset = true,
            "--snapshot-seconds" => timings.snapshot = seconds(args.next()),
            "--restore-seconds" => timings.restore = seconds(args.next()),
            "--clone-seconds" => timings.clone = seconds(args.next()),
            "--archive-snapshots" => {
                let n = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| usage());
                seed::ARCHIVE_SNAPSHOTS.store(n, std::sync::atomic::Ordering::Relaxed);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            _ => usage(),
        }
    }
    if !dist.join("index.html").is_file() {
        eprintln!(
            "devserver: {} has no index.html: build the app first (trunk build --release)",
            dist.display()
        );
        std::process::exit(1);
    }
    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p.parse().unwrap_or_else(|_| {
            eprintln!("devserver: PORT={p} is not a port number");
            std::process::exit(2)
        }),
        Err(_) => 8080,
    };
    if let Some(dir) = state.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let world = load_world(&state, reset);
    let app_state = AppState::new(world, timings, Some(state.clone()));
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("devserver: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    tokio::spawn(tick(
        app_state.clone(),
        std::time::Duration::from_millis(250),
    ));
    let app = router(app_state, &dist);
    println!("vm-snapshots development backend ready: http://{addr}/");
    println!(
        "  oVirt:    http://{addr}/ovirt-engine/api/vms      (Accept: application/json for JSON)"
    );
    println!(
        "  KubeVirt: http://{addr}/apis/kubevirt.io/v1/namespaces/{}/virtualmachines",
        seed::NAMESPACE
    );
    println!(
        "  state:    {}{}",
        state.display(),
        if reset { " (reset to the seed)" } else { "" }
    );
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("devserver: {e}");
        std::process::exit(1);
    }
}
