/**
 * What the portal writes to its log for ordinary traffic: nothing. A browser's request for
 * /favicon.ico is answered without reaching Remix (which logs a stack trace for a path no route
 * matches), and the database work of a page never queues a query on a client that is already
 * running one (pg's "client.query() when the client is already executing a query").
 */
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PrismaClient } from '~/generated/prisma/client';
import * as root from '~/root';
import { portalApp } from '../../server/app';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { testServerBuild } from '../support/page-handler';
import { createTestDatabase } from '../support/test-database';

let origin = '';
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  const build = testServerBuild({ root: { id: 'root', path: '', module: root } });
  const server = portalApp({ build, buildVersion: 'test', responses: null, mode: 'production' }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
});
afterAll(() => close());

describe('/favicon.ico', () => {
  it('points at the SVG icon, with nothing in the log', async () => {
    const logged = [vi.spyOn(console, 'error'), vi.spyOn(console, 'warn')];
    try {
      const response = await fetch(`${origin}/favicon.ico`, { redirect: 'manual' });
      expect(response.status).toBe(301);
      expect(response.headers.get('location')).toBe('/favicon.svg');
      const icon = await fetch(new URL(response.headers.get('location')!, origin));
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      for (const spy of logged) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of logged) spy.mockRestore();
    }
  });
});

describe('queries on one connection', () => {
  // pg says so once per process, as a DeprecationWarning: this file runs in its own process.
  const QUEUED = /client\.query\(\) when the client is already executing a query/;

  it('never queue on a transaction’s connection, even for a read with relations', async () => {
    const db = await createTestDatabase();
    await seedNcJurisdictions(db.prisma);
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on('warning', listen);
    // A county with its towns, their agencies and its parent: Prisma reads each relation with a
    // query of its own, and sends them together.
    const read = (client: PrismaClient) =>
      client.$transaction((tx) => tx.jurisdiction.findMany({ where: { kind: 'COUNTY' }, include: { children: { include: { agencies: true } }, agencies: true, parent: true }, take: 3, orderBy: { id: 'asc' } }));
    const plain = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    try {
      const counties = await read(db.prisma); // the portal's client (createPrismaClient)
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings.filter((message) => QUEUED.test(message))).toEqual([]);
      expect(counties).toHaveLength(3);
      expect(counties.every((county) => Array.isArray(county.children) && Array.isArray(county.agencies))).toBe(true);

      // The same read on a client with pg's plain connections shows what this guards against,
      // and that this test would see it.
      expect(await read(plain)).toEqual(counties);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.some((message) => QUEUED.test(message))).toBe(true);
    } finally {
      process.off('warning', listen);
      await plain.$disconnect();
      await db.drop();
    }
  });
});
