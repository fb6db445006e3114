/**
 * The light entry point for minting tokens from a script: the token service and the platform's
 * configuration without NestJS, so `npm run token` starts in a tenth of the barrel's time.
 */
export { TokenService } from './auth/token.service';
export { loadPlatformConfig } from './runtime/platform-config';
