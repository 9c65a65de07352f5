/**
 * Where the seeds' data files are: seeds/data in the project folder, whether the seeds run from
 * their sources (tsx) or bundled into the server (build/server.js), where `import.meta.url`
 * would point into build/.
 */
import path from 'node:path';
import { projectDir } from '../scripts/db/database';

export const seedDataPath = (...parts: string[]) => path.join(projectDir, 'seeds', 'data', ...parts);
