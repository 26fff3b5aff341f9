import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Encrypts personal data (ID numbers, phones) at rest with AES-256-GCM and derives keyed hashes
 * (HMAC-SHA-256) for uniqueness checks and look-ups, so the database alone never reveals them.
 */
export class Vault {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(master: Buffer) {
    if (master.length !== 32) throw new Error('the secret key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'gongzhi/encrypt', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'gongzhi/hash', 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown ciphertext format');
    const d = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
  }

  /** Deterministic keyed hash of a normalised value (same input → same hash). */
  hash(value: string): string {
    return createHmac('sha256', this.macKey).update(value).digest('base64url');
  }
}

/**
 * The master key: `GONGZHI_SECRET_KEY` (base64, 32 bytes) when set, else `<dataDir>/secret.key`,
 * created on first use. Losing it makes stored ID numbers and phones unreadable: back it up.
 */
export function loadVault(dataDir: string, env: NodeJS.ProcessEnv = process.env): Vault {
  if (env.GONGZHI_SECRET_KEY) return new Vault(Buffer.from(env.GONGZHI_SECRET_KEY, 'base64'));
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process won the race
    }
  }
  return new Vault(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
}
