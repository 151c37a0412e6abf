//! `devserver [--dist DIR]`: serves the app and both APIs on 127.0.0.1:$PORT (8080 by default).

use devserver::{router, seed, AppState};
use std::net::SocketAddr;
use std::path::PathBuf;

fn usage() -> ! {
    eprintln!("usage: devserver [--dist DIR]\n  PORT (environment): the port on 127.0.0.1, 8080 by default");
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let mut dist = PathBuf::from("dist");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--dist" => dist = args.next().map(PathBuf::from).unwrap_or_else(|| usage()),
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
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("devserver: cannot listen on {addr}: {e}");
            std::process::exit(1);
        }
    };
    let app = router(AppState::new(seed::world()), &dist);
    println!("vm-snapshots development backend ready: http://{addr}/");
    println!(
        "  oVirt:    http://{addr}/ovirt-engine/api/vms      (Accept: application/json for JSON)"
    );
    println!(
        "  KubeVirt: http://{addr}/apis/kubevirt.io/v1/namespaces/{}/virtualmachines",
        seed::NAMESPACE
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
