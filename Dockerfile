# syntax=docker/dockerfile:1
# Smart Process Studio: the built widget behind its production handler server
# (server/). Three stages: build the app, resolve the server's run-time
# dependencies from the lockfile, then a small image that runs as `node`.
#   docker build -t smart-process-studio .
#   docker run -p 8080:8080 -e ALLOWED_PORTALS=crm.example.com smart-process-studio

ARG NODE_VERSION=22

# 1. Build: all dependencies, then `vite build` (writes dist/ with .gz/.br copies).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Run-time dependencies: only what server/*.mjs imports (fastify,
#    @fastify/static) at the versions of package-lock.json. The app's own
#    dependencies are bundled into dist/ and stay out of the image.
FROM node:${NODE_VERSION}-alpine AS server-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/runtime-package.mjs ./server/
RUN node server/runtime-package.mjs package.json > runtime-package.json \
 && mv runtime-package.json package.json \
 && npm install --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# 3. Run: files owned by root and read-only to the `node` user that runs them.
FROM node:${NODE_VERSION}-alpine
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=server-deps /app/package.json /app/package-lock.json ./
COPY --from=server-deps /app/node_modules ./node_modules
COPY server/*.mjs ./server/
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# The server finishes requests in flight on SIGTERM (server/index.mjs); node runs as PID 1 without a shell.
STOPSIGNAL SIGTERM
CMD ["node", "server/index.mjs"]
