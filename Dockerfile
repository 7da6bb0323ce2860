# syntax=docker/dockerfile:1
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src src
COPY web web
COPY benches benches
COPY assets assets
RUN cargo build --release --locked && strip target/release/handoff

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /data handoff && mkdir /data && chown handoff /data
COPY --from=build /src/target/release/handoff /usr/local/bin/handoff
USER handoff
VOLUME /data
ENV HANDOFF_SERVER_DATA_DIR=/data HANDOFF_SERVER_LISTEN=0.0.0.0:8443 HANDOFF_SERVER_REDIRECT_LISTEN=0.0.0.0:8080
EXPOSE 8443 8080
HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsk https://127.0.0.1:8443/healthz || exit 1
ENTRYPOINT ["handoff"]
CMD ["serve"]
