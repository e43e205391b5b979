import type { FastifyInstance } from 'fastify'

export function buildServer(options?: { distDir?: string, logger?: boolean }): Promise<FastifyInstance>
