# syntax=docker/dockerfile:1
# Two stages. The build stage bundles the desk (scripts/assemble-runtime.mjs: esbuild bundle plus
# the native modules' run-time files) with a toolchain; the runtime stage is plain Alpine with the
# node binary, the bundle, the native modules and the chart fonts: no npm, yarn or corepack, no
# node_modules but the native ones. `npm run image:estimate` measures what it ships (README).
# Both stages use the same Alpine release: better-sqlite3 is compiled against its musl and
# libstdc++, @resvg ships a musl build, and the node binary comes from the build stage. When
# bumping ALPINE_VERSION, pick one that node:<NODE_VERSION>-alpine<ALPINE_VERSION> is still
# published for (the Node images follow the two newest Alpine releases).
ARG NODE_VERSION=22
ARG ALPINE_VERSION=3.22

FROM node:${NODE_VERSION}-alpine${ALPINE_VERSION} AS build
WORKDIR /app
# The fonts are installed here only to copy three files out of them (see the runtime stage).
RUN apk add --no-cache python3 make g++ font-dejavu font-wqy-zenhei
COPY package.json package-lock.json ./
COPY src ./src
COPY connectors ./connectors
COPY commands ./commands
COPY scripts/build.mjs scripts/assets.mjs scripts/bundle.mjs scripts/bundle-licenses.mjs scripts/assemble-runtime.mjs ./scripts/
# npm ci compiles better-sqlite3 and installs @resvg's musl binary (esbuild is a dependency, so no
# dev dependencies are needed); assemble-runtime bundles into /runtime/dist-bundle and copies the
# native modules' run-time files into /runtime/node_modules.
RUN npm ci --omit=dev --no-audit --no-fund \
  && node scripts/assemble-runtime.mjs /runtime
# The /cs stats chart's fonts: DejaVu Sans and its bold for Latin labels, WenQuanYi Zen Hei for
# Chinese (resvg falls back by glyph). Only the files; fails here if one is missing.
RUN mkdir /fonts \
  && find /usr/share/fonts -type f \( -name DejaVuSans.ttf -o -name DejaVuSans-Bold.ttf -o -name wqy-zenhei.ttc \) \
    -exec cp {} /fonts/ \; \
  && test "$(ls /fonts | wc -l)" -eq 3

FROM alpine:${ALPINE_VERSION} AS runtime
# The node binary needs libstdc++ (and libgcc, which it pulls in), as in the official image.
RUN apk add --no-cache libstdc++ \
  && addgroup -g 1000 node \
  && adduser -u 1000 -G node -s /bin/sh -D node
COPY --from=build /usr/local/bin/node /usr/local/bin/node
COPY --from=build /fonts /usr/share/fonts/solodesk
# resvg finds fonts only through a fontconfig file (no fontconfig package here): one naming them.
COPY docker/fonts.conf /etc/fonts/fonts.conf
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    TERMINAL_CONSOLE=off
WORKDIR /app
COPY --from=build /runtime ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The bundle, no TypeScript loader at run time. --optimize-for-size: V8 trades a little peak speed
# for a much smaller heap (~60 MB less resident on two threads, see README).
CMD ["node", "--optimize-for-size", "dist-bundle/main.js"]
