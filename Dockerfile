# syntax=docker/dockerfile:1
# Multi-stage: build native modules (better-sqlite3) with a toolchain, ship a slim runtime.
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Production dependencies only; allowScripts in package.json lets better-sqlite3 build.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
# Fonts for the /cs stats chart (rendered locally with resvg): Latin and Chinese labels.
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-wqy-microhei \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    TERMINAL_CONSOLE=off
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY connectors ./connectors
COPY commands ./commands
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# tsx runs the TypeScript sources directly (it is a production dependency).
CMD ["node", "--import", "tsx", "src/main.ts"]
