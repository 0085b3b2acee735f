# syntax=docker/dockerfile:1
# Two stages: build the compiled desk (dist/) with a toolchain, ship only what runs it.
# Alpine keeps the image small (musl: better-sqlite3 is compiled here, @resvg ships a musl build).
ARG NODE_VERSION=22

FROM node:${NODE_VERSION}-alpine AS build
WORKDIR /app
RUN apk add --no-cache python3 make g++
COPY package.json package-lock.json ./
COPY src ./src
COPY connectors ./connectors
COPY commands ./commands
COPY scripts/build.mjs scripts/start.mjs ./scripts/
# npm ci compiles better-sqlite3 and runs `prepare` (the esbuild transpile to dist/). Then only
# what the compiled desk needs at run time stays: no dev dependencies, no build tools, no
# sources, type declarations, docs or source maps of dependencies.
RUN npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/esbuild node_modules/@esbuild node_modules/tsx \
    node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
    node_modules/better-sqlite3/build/Release/obj* node_modules/better-sqlite3/build/Release/.deps \
    node_modules/better-sqlite3/build/deps \
  && find node_modules -type f \( -name '*.md' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete

FROM node:${NODE_VERSION}-alpine AS runtime
# Fonts for the /cs stats chart (rendered locally with resvg): Latin and Chinese labels.
RUN apk add --no-cache font-dejavu font-wqy-zenhei
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    TERMINAL_CONSOLE=off
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The compiled JavaScript, no TypeScript loader at run time. --optimize-for-size: V8 trades a
# little peak speed for a much smaller heap (~60 MB less resident on two threads, see README).
CMD ["node", "--optimize-for-size", "dist/src/main.js"]
