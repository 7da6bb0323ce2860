//! The `handoff` command: serve, check the config, and the admin commands.

use clap::{Parser, Subcommand};
use handoff::admin::{self, Command, ShareCommand, TokenCommand, UserCommand};
use handoff::config::Config;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "handoff",
    version,
    about = "Self-hosted file sharing with time-limited links"
)]
struct Cli {
    /// The TOML configuration file; without it, the embedded defaults (and HANDOFF_* variables).
    #[arg(long, global = true, env = "HANDOFF_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the server.
    Serve,
    /// Read and validate the configuration, then exit.
    CheckConfig,
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// List or revoke shares.
    #[command(subcommand)]
    Share(ShareCommand),
    /// Copy the database and files to DEST (works while the server runs).
    Backup { dest: PathBuf },
    /// Restore a backup from SRC into the (empty) data folder; the server must be stopped.
    Restore { src: PathBuf },
    /// Remove files nothing refers to (also done daily by the server).
    Gc,
    /// Counts: users, assets, shares by status, visits, downloads, queues.
    Stats,
    /// Copy this (stopped) installation's records and files into the backends of another
    /// configuration, whose store must be empty; then check every record and file.
    Migrate {
        /// The configuration file of the target (its [database] and [storage]).
        #[arg(long)]
        to: PathBuf,
    },
}

fn main() -> ExitCode {
    handoff::media::tune_allocator();
    let cli = Cli::parse();
    init_logging();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("handoff: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = match cli.command {
        Cmd::Serve => runtime.block_on(serve(config)),
        Cmd::CheckConfig => {
            println!("configuration is valid");
            Ok(())
        }
        Cmd::User(c) => runtime.block_on(admin_command(config, Command::User(c))),
        Cmd::Token(c) => runtime.block_on(admin_command(config, Command::Token(c))),
        Cmd::Share(c) => runtime.block_on(admin_command(config, Command::Share(c))),
        Cmd::Backup { dest } => runtime.block_on(admin_command(config, Command::Backup(dest))),
        Cmd::Gc => runtime.block_on(admin_command(config, Command::Gc)),
        Cmd::Stats => runtime.block_on(admin_command(config, Command::Stats)),
        Cmd::Migrate { to } => Config::load(Some(&to))
            .map_err(|e| format!("{}: {e}", to.display()))
            .and_then(|target| {
                handoff::migrate::migrate(&config, &target).map_err(|e| e.to_string())
            })
            .map(|copied| println!("{copied}")),
        Cmd::Restore { src } => handoff::backup::restore(&src, &config.server.data_dir)
            .map(|text| println!("{text}"))
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("handoff: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("HANDOFF_LOG")
        .unwrap_or_else(|_| "info".into());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn serve(mut config: Config) -> Result<(), String> {
    let (listener, redirect) = handoff::bind(&config).await?;
    // With port 0 the system picks one: links must name the port actually bound.
    config.server.listen = listener
        .local_addr()
        .map_err(|e| e.to_string())?
        .to_string();
    let (state, generated) = handoff::open(config)?;
    if let Some(password) = generated {
        println!(
            "first admin: {}  one-time password: {password}",
            state.config.admin.email
        );
    }
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let scheme = if state.config.tls.enabled {
        "https"
    } else {
        "http"
    };
    println!("handoff listening on {scheme}://{address}");
    let control = state.clone();
    tokio::spawn(async move {
        if let Err(e) = admin::serve_control(control).await {
            tracing::warn!("control socket: {e}");
        }
    });
    handoff::run(state, listener, redirect, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    tracing::info!("shutting down");
}

/// Runs the command on the data folder, or in the server that holds it.
async fn admin_command(config: Config, command: Command) -> Result<(), String> {
    let data_dir = config.server.data_dir.clone();
    let text = if handoff::data_dir_in_use(&data_dir) {
        admin::send_to_server(&data_dir, &command).await?
    } else {
        let (state, generated) = handoff::open(config)?;
        if let Some(password) = generated {
            println!(
                "first admin: {}  one-time password: {password}",
                state.config.admin.email
            );
        }
        admin::execute(&state, command)
            .await
            .map_err(|e| e.to_string())?
    };
    println!("{text}");
    Ok(())
}
