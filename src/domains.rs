//! Domains (SPEC §10): the organisational units of a team. Every asset belongs to one domain,
//! every member to one or more; a member sees and shares only the assets of their domains,
//! admins see all. The embedded default has one domain, "Default", made at first start with
//! every asset and user of an older database in it.

use crate::accounts::{Permission, User};
use crate::assets::{Asset, Collection};
use crate::error::{Error, Result};
use crate::store::{Record, Store, Table, WriteTx};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The name of the domain made at first start.
pub const DEFAULT_NAME: &str = "Default";

/// Set in the database's meta table once every asset and user has a domain.
const SETTLED: &str = "domains_settled";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Domain {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

impl Record for Domain {
    const TABLE: Table = Table::Domains;
    fn key(&self) -> Uuid {
        self.id
    }
}

/// Which domains' assets someone sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Admins: every domain.
    All,
    Only(Vec<Uuid>),
}

impl Scope {
    pub fn of(user: &User) -> Scope {
        if user.is_admin() {
            Scope::All
        } else {
            Scope::Only(user.domains.clone())
        }
    }

    /// The scope of a user as stored (a share's creator); nothing for a missing user.
    pub fn of_stored(user: Option<User>) -> Scope {
        user.map_or(Scope::Only(Vec::new()), |u| Scope::of(&u))
    }

    pub fn sees(&self, asset: &Asset) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(domains) => asset.domain_id.is_some_and(|d| domains.contains(&d)),
        }
    }

    /// This scope narrowed to the domain a listing asks for (`?domain=`). A domain outside
    /// the scope is not found, whether or not it exists: its existence is not told.
    pub fn within(self, asked: Option<Uuid>) -> Result<Scope> {
        match (self, asked) {
            (scope, None) => Ok(scope),
            (Scope::All, Some(id)) => Ok(Scope::Only(vec![id])),
            (Scope::Only(domains), Some(id)) if domains.contains(&id) => Ok(Scope::Only(vec![id])),
            (Scope::Only(_), Some(_)) => Err(Error::NotFound("domain")),
        }
    }
}

/// A collection as someone of `scope` sees it: its members outside their domains left out
/// (`get` reads an asset in either kind of transaction).
pub fn as_seen(
    mut collection: Collection,
    scope: &Scope,
    get: impl Fn(Uuid) -> Result<Option<Asset>>,
) -> Result<Collection> {
    if *scope != Scope::All {
        let mut seen = Vec::with_capacity(collection.asset_ids.len());
        for id in collection.asset_ids {
            if get(id)?.is_some_and(|a| scope.sees(&a)) {
                seen.push(id);
            }
        }
        collection.asset_ids = seen;
    }
    Ok(collection)
}

/// The oldest domain, made ("Default") when there is none yet.
pub fn first(tx: &WriteTx) -> Result<Uuid> {
    if let Some(domain) = tx.all::<Domain>(|_| true)?.into_iter().next() {
        return Ok(domain.id);
    }
    let domain = Domain {
        id: Uuid::now_v7(),
        name: DEFAULT_NAME.into(),
        created_at: Utc::now(),
    };
    tx.put(&domain)?;
    Ok(domain.id)
}

/// At start: makes the default domain and puts every asset and user without a domain in it
/// (a database from before domains), once. Runs in one write transaction.
pub fn settle(store: &Store) -> Result<()> {
    store.write_now(|tx| {
        if tx.meta(SETTLED)?.is_some() {
            return Ok(());
        }
        let home = first(tx)?;
        for mut asset in tx.all::<Asset>(|a| a.domain_id.is_none())? {
            asset.domain_id = Some(home);
            tx.put(&asset)?;
        }
        for mut user in tx.all::<User>(|u| u.domains.is_empty())? {
            user.domains = vec![home];
            tx.put(&user)?;
        }
        tx.set_meta(SETTLED, b"1")
    })
}

/// The domain a new asset of `owner` goes to: the one asked for, which the owner must belong
/// to (admins: any), or the owner's first domain.
pub fn home(tx: &WriteTx, owner: &User, asked: Option<Uuid>) -> Result<Uuid> {
    match asked {
        Some(id) => may_hold(owner, id, tx.get::<Domain>(id)?.is_some()),
        None => match owner.domains.first() {
            Some(id) if tx.get::<Domain>(*id)?.is_some() => Ok(*id),
            _ => first(tx),
        },
    }
}

/// Checks before an upload's bytes come in that `asked` can be its domain.
pub async fn check_home(store: &Store, owner: &User, asked: Option<Uuid>) -> Result<()> {
    let Some(id) = asked else {
        return Ok(());
    };
    let owner = owner.clone();
    let exists = store.read(move |tx| tx.get::<Domain>(id)).await?.is_some();
    may_hold(&owner, id, exists).map(drop)
}

/// Whether assets of `owner` may go to domain `id`: one they belong to (admins: any). Any
/// other is not found, whether or not it exists.
fn may_hold(owner: &User, id: Uuid, exists: bool) -> Result<Uuid> {
    match exists && (owner.is_admin() || owner.domains.contains(&id)) {
        true => Ok(id),
        false => Err(Error::NotFound("domain")),
    }
}

/// Checks the domains a member is given: one or more, each existing; duplicates dropped.
pub fn check_membership(tx: &WriteTx, ids: Vec<Uuid>) -> Result<Vec<Uuid>> {
    let mut kept: Vec<Uuid> = Vec::with_capacity(ids.len());
    for id in ids {
        if tx.get::<Domain>(id)?.is_none() {
            return Err(Error::invalid(format!("domain {id} does not exist")));
        }
        if !kept.contains(&id) {
            kept.push(id);
        }
    }
    if kept.is_empty() {
        return Err(Error::invalid("a member belongs to one domain or more"));
    }
    Ok(kept)
}

fn check_name(name: &str) -> Result<String> {
    let name: String = name.trim().chars().filter(|c| !c.is_control()).collect();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::invalid(
            "a domain needs a name of 1 to 200 characters",
        ));
    }
    Ok(name)
}

/// A name no other domain has (ignoring case).
fn unique_name(tx: &WriteTx, name: &str, except: Option<Uuid>) -> Result<()> {
    let lower = name.to_lowercase();
    let taken = tx.all::<Domain>(|d| Some(d.id) != except && d.name.to_lowercase() == lower)?;
    match taken.is_empty() {
        true => Ok(()),
        false => Err(Error::Conflict(format!("a domain named {name:?} exists"))),
    }
}

/// A domain with how many assets and members it has.
pub struct Counted {
    pub domain: Domain,
    pub assets: u64,
    pub members: u64,
}

/// Every domain, oldest first, with its counts (admins).
pub async fn list(store: &Store, user: &User) -> Result<Vec<Counted>> {
    user.require(Permission::Admin)?;
    store
        .read(|tx| {
            let assets = tx.all::<Asset>(|_| true)?;
            let users = tx.all::<User>(|u| u.status == crate::accounts::UserStatus::Active)?;
            let domains = tx.all::<Domain>(|_| true)?;
            Ok(domains
                .into_iter()
                .map(|domain| Counted {
                    assets: assets
                        .iter()
                        .filter(|a| a.domain_id == Some(domain.id))
                        .count() as u64,
                    members: users
                        .iter()
                        .filter(|u| u.domains.contains(&domain.id))
                        .count() as u64,
                    domain,
                })
                .collect())
        })
        .await
}

/// The domains `user` sees assets of (admins: all), oldest first: what the switcher offers.
pub async fn visible(store: &Store, user: &User) -> Result<Vec<Domain>> {
    let scope = Scope::of(user);
    store
        .read(move |tx| {
            tx.all::<Domain>(|d| match &scope {
                Scope::All => true,
                Scope::Only(ids) => ids.contains(&d.id),
            })
        })
        .await
}

pub async fn create(store: &Store, user: &User, name: &str) -> Result<Domain> {
    user.require(Permission::Admin)?;
    let domain = Domain {
        id: Uuid::now_v7(),
        name: check_name(name)?,
        created_at: Utc::now(),
    };
    store
        .write(move |tx| {
            unique_name(tx, &domain.name, None)?;
            tx.put(&domain)?;
            Ok(domain)
        })
        .await
}

pub async fn get(store: &Store, user: &User, id: Uuid) -> Result<Domain> {
    user.require(Permission::Admin)?;
    store
        .read(move |tx| tx.get::<Domain>(id))
        .await?
        .ok_or(Error::NotFound("domain"))
}

pub async fn rename(store: &Store, user: &User, id: Uuid, name: &str) -> Result<Domain> {
    user.require(Permission::Admin)?;
    let name = check_name(name)?;
    store
        .write(move |tx| {
            let mut domain = tx.get::<Domain>(id)?.ok_or(Error::NotFound("domain"))?;
            unique_name(tx, &name, Some(id))?;
            domain.name = name;
            tx.put(&domain)?;
            Ok(domain)
        })
        .await
}

/// Deletes an empty domain: one that still holds assets, or is some member's only domain,
/// is refused (409) — move them first. Members lose it from their domains.
pub async fn delete(store: &Store, user: &User, id: Uuid) -> Result<()> {
    user.require(Permission::Admin)?;
    store
        .write(move |tx| {
            tx.get::<Domain>(id)?.ok_or(Error::NotFound("domain"))?;
            let held = tx.all::<Asset>(|a| a.domain_id == Some(id))?.len();
            if held > 0 {
                return Err(Error::Conflict(format!(
                    "the domain holds {held} assets: move them to another domain first"
                )));
            }
            let members = tx.all::<User>(|u| u.domains.contains(&id))?;
            let stranded = members.iter().filter(|u| u.domains.len() == 1).count();
            if stranded > 0 {
                return Err(Error::Conflict(format!(
                    "it is the only domain of {stranded} users: give them another first"
                )));
            }
            for mut member in members {
                member.domains.retain(|d| *d != id);
                tx.put(&member)?;
            }
            tx.remove::<Domain>(id).map(drop)
        })
        .await
}

/// Moves assets into domain `id` (admins); answers how many moved. Unknown assets are 422,
/// and nothing moves.
pub async fn move_assets(
    store: &Store,
    user: &User,
    id: Uuid,
    asset_ids: Vec<Uuid>,
) -> Result<u64> {
    user.require(Permission::Admin)?;
    store
        .write(move |tx| {
            tx.get::<Domain>(id)?.ok_or(Error::NotFound("domain"))?;
            let mut moved = 0;
            for asset_id in asset_ids {
                let mut asset = tx
                    .get::<Asset>(asset_id)?
                    .ok_or_else(|| Error::invalid(format!("asset {asset_id} does not exist")))?;
                if asset.domain_id != Some(id) {
                    asset.domain_id = Some(id);
                    tx.put(&asset)?;
                    moved += 1;
                }
            }
            Ok(moved)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_narrows_only_to_a_domain_of_ones_own() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let member = Scope::Only(vec![a]);
        assert_eq!(member.clone().within(None).unwrap(), member);
        assert_eq!(
            member.clone().within(Some(a)).unwrap(),
            Scope::Only(vec![a])
        );
        assert_eq!(member.within(Some(b)).unwrap_err().status(), 404);
        assert_eq!(Scope::All.within(Some(b)).unwrap(), Scope::Only(vec![b]));
        assert_eq!(Scope::All.within(None).unwrap(), Scope::All);
    }

    #[test]
    fn first_start_puts_every_older_asset_and_user_in_the_default_domain() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.redb")).unwrap();
        let (old_asset, old_user): (Asset, User) = (
            serde_json::from_value(asset_json()).unwrap(),
            serde_json::from_value(serde_json::json!({
                "id": Uuid::now_v7(), "email": "old@example.com", "display_name": "Old",
                "password_hash": "", "role": "editor", "created_at": "2026-01-01T00:00:00Z",
                "status": "active"
            }))
            .unwrap(),
        );
        let ids = (old_asset.id, old_user.id);
        store
            .write_now(|tx| {
                tx.put(&old_asset)?;
                tx.put(&old_user)
            })
            .unwrap();
        settle(&store).unwrap();
        settle(&store).unwrap();
        let (domains, asset, user) = store
            .read_now(|tx| {
                Ok((
                    tx.all::<Domain>(|_| true)?,
                    tx.get::<Asset>(ids.0)?.unwrap(),
                    tx.get::<User>(ids.1)?.unwrap(),
                ))
            })
            .unwrap();
        assert_eq!(domains.len(), 1, "made once");
        assert_eq!(domains[0].name, DEFAULT_NAME);
        assert_eq!(asset.domain_id, Some(domains[0].id));
        assert_eq!(user.domains, [domains[0].id]);
    }

    fn asset_json() -> serde_json::Value {
        serde_json::json!({
            "id": Uuid::now_v7(), "owner_id": Uuid::nil(), "name": "a.jpg", "size": 1,
            "sha256": "x", "crc32": 0, "mime_type": "image/jpeg", "kind": "image",
            "created_at": "2026-01-01T00:00:00Z", "status": "available",
            "expires_at": null, "attributes": {}, "derivatives": {}
        })
    }

    #[test]
    fn a_member_sees_the_assets_of_their_domains_only() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let asset = |domain: Option<Uuid>| -> Asset {
            let mut asset: Asset = serde_json::from_value(asset_json()).unwrap();
            asset.domain_id = domain;
            asset
        };
        let member = Scope::Only(vec![a]);
        assert!(member.sees(&asset(Some(a))));
        assert!(!member.sees(&asset(Some(b))));
        assert!(!member.sees(&asset(None)));
        assert!(Scope::All.sees(&asset(Some(b))));
    }
}
