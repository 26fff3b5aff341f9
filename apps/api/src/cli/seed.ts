import type { Db } from '../platform/db/client.ts';
import type { Vault } from '../platform/crypto/vault.ts';
import { generateCity } from '../seed/demo-city.ts';
import { isEmpty, loadCity } from '../seed/load.ts';

/** Seeds the demo city on an empty database; a database that has regions is left alone. */
export async function seedDemoIfEmpty(db: Db, vault: Vault): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const started = Date.now();
  process.stderr.write('Seeding the demo city (demo data, not real people)…\n');
  const counts = await loadCity(db, vault, generateCity());
  process.stderr.write(`Demo city ready: ${counts.households} households, ${counts.residents} residents in ${Math.round((Date.now() - started) / 100) / 10} s\n`);
  return true;
}
