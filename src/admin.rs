//! The admin commands of the CLI. They run against the data folder directly when no server
//! holds it, or inside the running server through its control socket (owner-only), so that
//! `handoff backup` and `handoff user add` work while it serves.

use crate::accounts::{self, NewUser, Role, TokenKind, User, UserChanges, UserStatus};
use crate::error::{Error, Result};
use crate::shares::{counters, Share};
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, clap::Subcommand)]
pub enum UserCommand {
    /// Add a user; prints the password when none is given.
    Add {
        email: String,
        #[arg(long, default_value = "editor")]
        role: String,
        #[arg(long, env = "HANDOFF_NEW_PASSWORD")]
        password: Option<String>,
        #[arg(long)]
        name: Option<String>,
    },
    List,
    Delete {
        email: String,
    },
    /// Set a new password; prints it when none is given.
    SetPassword {
        email: String,
        #[arg(long, env = "HANDOFF_NEW_PASSWORD")]
        password: Option<String>,
    },
    SetRole {
        email: String,
        role: String,
    },
    /// Turn a member's two-factor sign-in off (a lost phone); they may enrol again.
    ResetTotp {
        email: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, clap::Subcommand)]
pub enum TokenCommand {
    /// Create an API token and print it (shown once).
    Create {
        #[arg(long)]
        user: String,
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, clap::Subcommand)]
pub enum ShareCommand {
    /// Every share: id, status, uses, expiry, owner, title, link.
    List,
    /// Disable a share: its links answer 410 until it is enabled again.
    Revoke { id: Uuid },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Command {
    User(UserCommand),
    Token(TokenCommand),
    Share(ShareCommand),
    Backup(PathBuf),
    Gc,
    Stats,
}

pub const SOCKET_FILE: &str = "control.sock";

pub async fn execute(state: &AppState, command: Command) -> Result<String> {
    match command {
        Command::User(user) => user_command(state, user).await,
        Command::Token(TokenCommand::Create { user, name }) => {
            let user = find_user(state, &user).await?;
            let (_, secret) =
                accounts::issue_token(&state.store, &user, TokenKind::Api, name, None).await?;
            Ok(secret)
        }
        Command::Share(share) => share_command(state, share).await,
        Command::Backup(dest) => crate::backup::backup(state, &dest).await,
        Command::Gc => {
            let (files, bytes) = crate::backup::collect_garbage(state).await?;
            Ok(format!(
                "removed {files} unreferenced files ({bytes} bytes)"
            ))
        }
        Command::Stats => stats(state).await,
    }
}

async fn find_user(state: &AppState, email: &str) -> Result<User> {
    accounts::user_by_email(&state.store, email)
        .await?
        .filter(|u| u.status == UserStatus::Active)
        .ok_or(Error::NotFound("user"))
}

fn password_or_new(password: Option<String>) -> (String, bool) {
    match password {
        Some(p) => (p, false),
        None => (crate::auth::random_token()[..20].to_string(), true),
    }
}

async fn user_command(state: &AppState, command: UserCommand) -> Result<String> {
    match command {
        UserCommand::Add {
            email,
            role,
            password,
            name,
        } => {
            let (password, generated) = password_or_new(password);
            let new = NewUser {
                email,
                password: password.clone(),
                role: Role::parse(&role)?,
                display_name: name,
                domains: Vec::new(),
            };
            let user = accounts::create_user(&state.store, new).await?;
            Ok(match generated {
                true => format!(
                    "added {} ({:?}); password: {password}",
                    user.email, user.role
                ),
                false => format!("added {} ({:?})", user.email, user.role),
            })
        }
        UserCommand::List => {
            let users = state
                .store
                .read(|tx| tx.all::<User>(|u| u.status == UserStatus::Active))
                .await?;
            Ok(users
                .iter()
                .map(|u| {
                    format!(
                        "{}\t{}\t{:?}\t{}",
                        u.email,
                        u.display_name,
                        u.role,
                        u.created_at.to_rfc3339()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        UserCommand::Delete { email } => {
            let user = find_user(state, &email).await?;
            crate::shares::service::delete_member(state, user.id, None).await?;
            Ok(format!("deleted {}", user.email))
        }
        UserCommand::SetPassword { email, password } => {
            let user = find_user(state, &email).await?;
            let (password, generated) = password_or_new(password);
            let changes = UserChanges {
                display_name: None,
                role: None,
                password: Some(password.clone()),
                email: None,
                domains: None,
            };
            accounts::update_user(&state.store, user.id, changes).await?;
            Ok(match generated {
                true => format!("new password for {}: {password}", user.email),
                false => format!("password of {} changed", user.email),
            })
        }
        UserCommand::SetRole { email, role } => {
            let user = find_user(state, &email).await?;
            let changes = UserChanges {
                display_name: None,
                role: Some(Role::parse(&role)?),
                password: None,
                email: None,
                domains: None,
            };
            let user = accounts::update_user(&state.store, user.id, changes).await?;
            Ok(format!("{} is now {:?}", user.email, user.role))
        }
        UserCommand::ResetTotp { email } => {
            let user = find_user(state, &email).await?;
            crate::totp::reset(&state.store, user.id).await?;
            Ok(format!("two-factor sign-in of {} is off", user.email))
        }
    }
}

async fn share_command(state: &AppState, command: ShareCommand) -> Result<String> {
    match command {
        ShareCommand::List => {
            let shares = state
                .store
                .read(|tx| counters::load(tx, tx.all::<Share>(|_| true)?))
                .await?;
            let users = state.store.read(|tx| tx.all::<User>(|_| true)).await?;
            let now = chrono::Utc::now();
            let base = state.config.public_url();
            Ok(shares
                .iter()
                .map(|s| {
                    let owner = users
                        .iter()
                        .find(|u| u.id == s.owner_id)
                        .map_or("?", |u| u.email.as_str());
                    let uses = s.max_uses.map_or(format!("{}", s.counters.uses), |m| {
                        format!("{}/{m}", s.counters.uses)
                    });
                    format!(
                        "{}\t{}\t{uses}\t{}\t{owner}\t{}\t{base}/s/{}",
                        s.id,
                        s.status(now),
                        s.expires_at.to_rfc3339(),
                        s.title,
                        s.token
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        ShareCommand::Revoke { id } => {
            state
                .store
                .write(move |tx| {
                    let mut share = tx.get::<Share>(id)?.ok_or(Error::NotFound("share"))?;
                    share.enabled = false;
                    tx.put(&share)
                })
                .await?;
            Ok(format!("share {id} disabled"))
        }
    }
}

async fn stats(state: &AppState) -> Result<String> {
    let (users, assets, shares, jobs, emails) = state
        .store
        .read(|tx| {
            Ok((
                tx.all::<User>(|u| u.status == UserStatus::Active)?.len(),
                tx.all::<crate::assets::Asset>(|_| true)?,
                counters::load(tx, tx.all::<Share>(|_| true)?)?,
                tx.count::<crate::derivatives::Job>()?,
                tx.all::<crate::notify::Outgoing>(crate::notify::unsent_email)?
                    .len(),
            ))
        })
        .await?;
    let bytes: u64 = assets.iter().map(|a| a.size).sum();
    let now = chrono::Utc::now();
    let mut by_status = std::collections::BTreeMap::new();
    for share in &shares {
        *by_status.entry(share.status(now)).or_insert(0) += 1;
    }
    let visits: u64 = shares.iter().map(|s| s.counters.visits).sum();
    let downloads: u64 = shares.iter().map(|s| s.counters.downloads).sum();
    let free = state.blobs.free_bytes()?;
    Ok(format!(
        "users {users}\nassets {} ({bytes} bytes)\nshares {} {by_status:?}\nvisits {visits}\ndownloads {downloads}\nmedia jobs waiting {jobs}\nemails not yet sent {emails}\nfree in the data folder {free} bytes",
        assets.len(),
        shares.len()
    ))
}

#[derive(Serialize, Deserialize)]
struct Answer {
    ok: bool,
    text: String,
}

/// Serves admin commands on a Unix socket in the data folder, readable by its owner only.
pub async fn serve_control(state: AppState) -> std::io::Result<()> {
    let path = state.config.server.data_dir.join(SOCKET_FILE);
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path)?;
    #[cfg(unix)]
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    loop {
        let (stream, _) = listener.accept().await?;
        let state = state.clone();
        tokio::spawn(async move {
            let (read, mut write) = stream.into_split();
            let mut line = String::new();
            if BufReader::new(read).read_line(&mut line).await.is_err() {
                return;
            }
            let answer = match serde_json::from_str::<Command>(&line) {
                Ok(command) => match execute(&state, command).await {
                    Ok(text) => Answer { ok: true, text },
                    Err(e) => Answer {
                        ok: false,
                        text: e.to_string(),
                    },
                },
                Err(e) => Answer {
                    ok: false,
                    text: format!("unreadable command: {e}"),
                },
            };
            let mut bytes = serde_json::to_vec(&answer).unwrap_or_default();
            bytes.push(b'\n');
            let _ = write.write_all(&bytes).await;
        });
    }
}

/// Sends a command to the server that holds the data folder.
pub async fn send_to_server(
    data_dir: &Path,
    command: &Command,
) -> std::result::Result<String, String> {
    let path = data_dir.join(SOCKET_FILE);
    let stream = tokio::net::UnixStream::connect(&path).await.map_err(|e| {
        format!(
            "the data folder is in use, and its server does not answer on {}: {e}",
            path.display()
        )
    })?;
    let (read, mut write) = stream.into_split();
    let mut line = serde_json::to_vec(command).map_err(|e| e.to_string())?;
    line.push(b'\n');
    write.write_all(&line).await.map_err(|e| e.to_string())?;
    let mut answer = String::new();
    BufReader::new(read)
        .read_line(&mut answer)
        .await
        .map_err(|e| e.to_string())?;
    let answer: Answer =
        serde_json::from_str(&answer).map_err(|e| format!("unreadable answer: {e}"))?;
    if answer.ok {
        Ok(answer.text)
    } else {
        Err(answer.text)
    }
}
