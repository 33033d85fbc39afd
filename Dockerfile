# tfscan in a container: `docker build -t tfscan .` then
# `docker run --rm -v "$PWD:/src" tfscan scan /src`.
# Two stages: the build needs the Rust toolchain; the image holds only the binary on a
# distroless base (glibc, no shell), running as a non-root user.
FROM rust:1-slim-bookworm AS build
WORKDIR /build
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
COPY checks ./checks
COPY benches ./benches
RUN cargo build --release --locked --bin tfscan

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /build/target/release/tfscan /usr/local/bin/tfscan
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/tfscan"]
CMD ["scan", "/src"]
