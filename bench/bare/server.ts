/** Serves the bare Remix app's build (bench/bare/build) with Express: PORT, default 3999. */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';

const dir = path.dirname(fileURLToPath(import.meta.url));
const build: ServerBuild = await import(pathToFileURL(path.join(dir, 'build', 'index.js')).href);
const app = express();
app.disable('x-powered-by');
app.use('/build', express.static(path.join(dir, 'public', 'build'), { immutable: true, maxAge: '1y' }));
app.all('*', createRequestHandler({ build, mode: 'production' }));
const port = Number(process.env.PORT || 3999);
app.listen(port, '127.0.0.1', () => console.log(`bare Remix app on http://127.0.0.1:${port}/`));
