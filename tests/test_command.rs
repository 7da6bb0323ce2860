//! The README's test command (`./test.sh`) and the one rule for a test whose component is
//! missing (`common::require`): a bare `cargo test` skips it with a note naming the install
//! step, and under `HANDOFF_TEST_STRICT=1`, which `./test.sh` sets, it fails instead.

mod common;

use std::process::{Command, Output};

const INSTALL: &str = "apt-get install handoff-no-such-package";

/// Runs `needs_a_program_that_is_nowhere` alone in this test binary, strict or not.
fn run_the_needy_test(strict: bool) -> Output {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args([
        "--ignored",
        "--exact",
        "needs_a_program_that_is_nowhere",
        "--nocapture",
    ]);
    match strict {
        true => command.env("HANDOFF_TEST_STRICT", "1"),
        false => command.env_remove("HANDOFF_TEST_STRICT"),
    };
    command.output().unwrap()
}

#[test]
#[ignore = "run by a_missing_component_skips_but_fails_under_the_strict_switch"]
fn needs_a_program_that_is_nowhere() {
    if common::require("handoff-no-such-program", INSTALL) {
        panic!("handoff-no-such-program was found");
    }
}

#[test]
fn a_missing_component_skips_but_fails_under_the_strict_switch() {
    let bare = run_the_needy_test(false);
    let said = String::from_utf8_lossy(&bare.stderr);
    assert!(bare.status.success(), "skipped: {said}");
    assert!(
        said.contains("handoff-no-such-program is not installed") && said.contains(INSTALL),
        "the note names what is missing and its install step: {said}"
    );

    let strict = run_the_needy_test(true);
    let said = String::from_utf8_lossy(&strict.stderr);
    assert!(!strict.status.success(), "failed under the switch: {said}");
    assert!(
        said.contains(INSTALL),
        "the failure names the install step: {said}"
    );
}
