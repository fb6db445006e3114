import { loadPlatformConfig, TokenService } from '@ooh/http-kit/token-minting';
import { parseArgs } from 'node:util';

/** Mints a bearer token for the embedded mode: `npm run -s token -- --sub alice --role ops-staff [--role …]`. */
function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string', multiple: true },
      'expires-in': { type: 'string', default: String(12 * 3600) },
    },
  });
  if (!values.sub || !values.role?.length) {
    process.stderr.write('usage: npm run -s token -- --sub <user> --role <role> [--role <role>] [--expires-in <seconds>]\n');
    process.exit(2);
  }
  const config = loadPlatformConfig();
  process.stdout.write(new TokenService(config.jwtSecret, config.tokens).mint({ sub: values.sub, roles: values.role }, Number(values['expires-in'])) + '\n');
}

main();
