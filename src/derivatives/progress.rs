//! How far a long job (a video's proxy) has come, shown on the asset while it is pending.

use crate::assets::{Asset, DerivativeState};
use crate::store::Store;
use uuid::Uuid;

/// Records `percent` on the asset's pending derivative `key`. A failed write only loses a
/// progress figure: the job goes on and records its outcome as always.
pub(super) fn show(store: &Store, asset_id: Uuid, key: &str, percent: u8) {
    let written = store.write_now(|tx| {
        let Some(mut asset) = tx.get::<Asset>(asset_id)? else {
            return Ok(());
        };
        match asset.derivatives.get_mut(key) {
            Some(d) if d.state == DerivativeState::Pending => d.percent = Some(percent),
            _ => return Ok(()),
        }
        tx.put(&asset)
    });
    if let Err(e) = written {
        tracing::warn!(asset = %asset_id, "progress of {key} not recorded: {e}");
    }
}
