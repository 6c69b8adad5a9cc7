// Entry point of `npm run reproduce`. Grows into running every experiment at quick scale (see issues).
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['alsatian', 'models', 'list'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
