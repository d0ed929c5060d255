# secretsweep as a container image, for CI systems other than GitHub
# (templates/secretsweep.yml runs it on GitLab). The builder links the
# tree-sitter rewriters with cgo into one static binary; the runtime is
# Alpine with git and CA certificates, running as a non-root user.
#   docker build --build-arg VERSION=1.2.3 --build-arg COMMIT=$(git rev-parse HEAD) -t secretsweep .
# scripts/check-dockerfile lints this file and dry-runs its stages.
ARG GO_VERSION=1.26

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
ARG COMMIT=""
ARG DATE=""
# Static: the runtime stage is musl-based Alpine. netgo and osusergo keep
# glibc's resolver and user lookup out of the static link.
RUN CGO_ENABLED=1 go build -trimpath -tags netgo,osusergo \
      -ldflags "-s -w -linkmode external -extldflags -static -X main.version=${VERSION} -X main.commit=${COMMIT} -X main.date=${DATE}" \
      -o /out/secretsweep ./cmd/secretsweep

FROM alpine:3.22
# Versions follow the Alpine release pinned above.
# hadolint ignore=DL3018
RUN apk add --no-cache git ca-certificates \
    && adduser -D -u 10001 secretsweep
COPY --from=build /out/secretsweep /usr/local/bin/secretsweep
USER 10001
WORKDIR /repo
ENTRYPOINT ["secretsweep"]
CMD ["scan", "--history", "."]
