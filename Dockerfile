# syntax=docker/dockerfile:1
# The image compiles handoff by default:           docker build -t handoff .
# or takes a binary built beforehand on the host:  cargo build --release --features turbojpeg &&
#     docker build --build-arg BINARY_FROM=prebuilt -t handoff .
# (tests/docker.rs builds it that way with podman, from the binary the tests just built).
# The binary links against glibc: the runtime stage's Debian release (bookworm) must be the one
# it was built on or newer.
ARG BINARY_FROM=build

FROM rust:1-bookworm AS build
# libjpeg-turbo's TurboJPEG API, linked through pkg-config, decodes JPEG previews (src/media/jpeg_turbo.rs).
RUN apt-get update && apt-get install -y --no-install-recommends libturbojpeg0-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src src
COPY web web
COPY benches benches
COPY assets assets
RUN cargo build --release --locked --features turbojpeg && strip target/release/handoff && cp target/release/handoff /handoff

FROM scratch AS prebuilt
COPY target/release/handoff /handoff

# Only the stage named by BINARY_FROM is built.
FROM ${BINARY_FROM} AS binary

FROM debian:bookworm-slim
# The media tools (SPEC §4): ffmpeg for video and audio, poppler for PDF pages, libheif for
# HEIC/AVIF, LibRaw for camera RAW. Without them those files would get no previews.
# libturbojpeg0: the binary links libjpeg-turbo's TurboJPEG library for JPEG previews.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
      ffmpeg poppler-utils libheif-examples libraw-bin \
      libturbojpeg0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /data handoff && mkdir /data && chown handoff /data
COPY --from=binary /handoff /usr/local/bin/handoff
USER handoff
VOLUME /data
ENV HANDOFF_SERVER_DATA_DIR=/data HANDOFF_SERVER_LISTEN=0.0.0.0:8443 HANDOFF_SERVER_REDIRECT_LISTEN=0.0.0.0:8080
EXPOSE 8443 8080
# (podman keeps it only with build --format docker: the OCI image format has no HEALTHCHECK.)
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsk https://127.0.0.1:8443/healthz || exit 1
ENTRYPOINT ["handoff"]
CMD ["serve"]
