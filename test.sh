#!/usr/bin/env bash
# Runs every test: unit tests and the integration tests against the real server, the real
# binary, headless Chromium, ffmpeg, schemathesis and the Docker image (built and run with
# podman). First installs whatever of that is missing (on Debian, as root or with sudo); each
# step is skipped when its program is already there, so a second run goes straight to the tests.
# Arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")"

# The Python test tools live in their own venv, which works on Debian's python and on pyenv's.
venv="${XDG_CACHE_HOME:-$HOME/.cache}/handoff-test-venv"
export PATH="$venv/bin:$PATH"

# program → the Debian packages that provide it (and what needs it).
apt_needs=(
  "unzip unzip"                                 # zip bundles checked by unzip
  "curl curl"                                   # the Docker image's HEALTHCHECK
  "python3 python3"                             # zip, email and HTTP checks
  "chromium chromium"                           # tests/ui.rs
  "chromedriver chromium-driver"                # tests/ui.rs
  "ffmpeg ffmpeg"                               # video derivatives
  "pdftoppm poppler-utils"                      # PDF thumbnails and pages
  "heif-enc libheif-examples"                   # HEIC and AVIF (heif-convert; heif-enc makes fixtures)
  "dcraw_emu libraw-bin"                        # camera RAW (dcraw_emu, simple_dcraw)
  "podman podman"                               # tests/docker.rs
  "runc runc"                                   # podman's runtime here (crun fails on hybrid cgroups)
  "mmdebstrap mmdebstrap"                       # the Docker test's offline base image
  "newuidmap uidmap"                            # podman
  "node nodejs"                                 # tests/tus_clients.rs: tus-js-client
  "npm npm"
)
missing=()
for need in "${apt_needs[@]}"; do
  read -r program packages <<<"$need"
  command -v "$program" >/dev/null || missing+=($packages)
done
# A Japanese font, for the screenshot of the recipient page in Japanese (tests/ui_i18n.rs, tests/ui_app_i18n.rs).
fc-list :lang=ja 2>/dev/null | grep -q . || missing+=(fonts-ipafont-gothic)
# tests/scale_out.rs: a throwaway PostgreSQL cluster (initdb, pg_ctl: Debian keeps them off PATH).
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# tests/scale_nginx.rs: nginx in front of two nodes, as the README shows (Debian keeps it in /usr/sbin).
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  missing+=(nginx)
fi
# The JPEG decoder links libjpeg-turbo's TurboJPEG library, found by pkg-config (src/media/jpeg_turbo.rs).
pkg-config --exists libturbojpeg 2>/dev/null || missing+=(libturbojpeg0-dev pkg-config)
python_tools_ready() { "$venv/bin/python" -c 'import schemathesis, tusclient' 2>/dev/null; }
if ! python_tools_ready && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  missing+=(python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# schemathesis (`st`): the OpenAPI document checked against the live server (v4 CLI);
# tuspy: a real tus client (tests/tus_clients.rs).
if ! python_tools_ready; then
  echo "test.sh: installing schemathesis and tuspy into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'schemathesis>=4.32,<5' 'tuspy>=1.1,<2'
fi

# tus-js-client, the tus client of the web UI, under Node (tests/tus_clients.rs).
if [ ! -d tests/tus-client/node_modules/tus-js-client ]; then
  echo "test.sh: installing tus-js-client for the tests" >&2
  npm ci --prefix tests/tus-client --no-audit --no-fund --silent
fi

# axe-core, injected into headless Chromium by the accessibility checks (tests/ui_i18n.rs, tests/ui_app_i18n.rs).
if [ ! -f tests/axe/node_modules/axe-core/axe.min.js ]; then
  echo "test.sh: installing axe-core for the tests" >&2
  npm ci --prefix tests/axe --no-audit --no-fund --silent
fi

# oidc-provider, a real OpenID provider for the SSO tests (tests/oidc.rs).
if [ ! -d tests/oidc-provider/node_modules/oidc-provider ]; then
  echo "test.sh: installing oidc-provider for the tests" >&2
  npm ci --prefix tests/oidc-provider --no-audit --no-fund --silent
fi

# Garage, a real S3-compatible store (tests/scale_s3.rs), built once into ~/.cargo/bin. Pinned;
# LTO off and opt-level 1 make the one-time build much shorter (about 12 CPU-minutes here, 710 s
# user+sys, against 112 minutes with Garage's own release profile), and the tests need no speed.
if ! command -v garage >/dev/null; then
  echo "test.sh: building garage 2.5.0 for the tests (once; it takes a while)" >&2
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    cargo install garage --version 2.5.0 --locked --no-default-features --features bundled-libs,lmdb
fi

# Under this switch a test that would skip for a missing component fails, naming its install step.
export HANDOFF_TEST_STRICT=1
exec cargo test --features turbojpeg "$@"
