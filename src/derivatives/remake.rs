//! Which assets are made again at start.

use crate::assets::{Derivative, DerivativeState};
use std::collections::BTreeMap;

/// Whether an asset's derivatives fall short of what would be made for it now: other names
/// (presets changed), nothing where something is made now, or a failure that a newer server
/// or a since-installed tool may mend (an unread format, a missing program).
pub(super) fn needed(
    current: &BTreeMap<String, Derivative>,
    expected: &BTreeMap<String, Derivative>,
) -> bool {
    !current.keys().eq(expected.keys())
        || expected.iter().any(|(key, want)| {
            want.state == DerivativeState::Pending
                && current[key].state == DerivativeState::NotApplicable
        })
        || current.values().any(mendable)
}

/// A failure that a newer server or a since-installed tool may mend.
fn mendable(derivative: &Derivative) -> bool {
    let reason = derivative.reason.as_deref().unwrap_or_default();
    derivative.state == DerivativeState::Failed
        && (reason.contains("is not installed") || reason.starts_with("unsupported format"))
}

/// Shows what is to be made again as pending: new names, and what was not made or failed
/// mendably. Made derivatives stay as they are (their files are released when replaced).
pub(super) fn show_pending(
    current: &mut BTreeMap<String, Derivative>,
    expected: &BTreeMap<String, Derivative>,
) {
    for (key, want) in expected {
        let remade = current.get(key).is_none_or(|d| {
            d.state == DerivativeState::NotApplicable && want.state == DerivativeState::Pending
                || mendable(d)
        });
        if remade {
            current.insert(key.clone(), want.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(states: &[(&str, DerivativeState, Option<&str>)]) -> BTreeMap<String, Derivative> {
        states
            .iter()
            .map(|(key, state, reason)| {
                let derivative = crate::derivatives::state(*state, reason.map(str::to_string));
                (key.to_string(), derivative)
            })
            .collect()
    }

    #[test]
    fn made_as_expected_stays() {
        use DerivativeState::*;
        let expected = of(&[("preview", Pending, None), ("thumbnail", Pending, None)]);
        let made = of(&[
            ("preview", Ready, None),
            ("thumbnail", Failed, Some("corrupt image: x")),
        ]);
        assert!(!needed(&made, &expected));
    }

    #[test]
    fn new_presets_new_decoders_and_installed_tools_remake() {
        use DerivativeState::*;
        let expected = of(&[("preview", Pending, None), ("thumbnail", Pending, None)]);
        let preset_added = of(&[("preview", Ready, None)]);
        let nothing_before = of(&[
            ("preview", NotApplicable, None),
            ("thumbnail", NotApplicable, None),
        ]);
        let tool_missing = of(&[
            ("preview", Failed, Some("pdfinfo is not installed")),
            ("thumbnail", Ready, None),
        ]);
        let unread = of(&[
            ("preview", Failed, Some("unsupported format (not a JPEG)")),
            ("thumbnail", Ready, None),
        ]);
        for made in [preset_added, nothing_before, tool_missing, unread] {
            assert!(needed(&made, &expected), "{made:?}");
        }
    }
}
