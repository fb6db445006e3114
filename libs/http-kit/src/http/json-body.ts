import { invalid } from '@ooh/eventing';
import sjson from 'secure-json-parse';

export const MAX_JSON_DEPTH = 32;

/** How deeply a JSON text nests, counted without parsing it (strings are skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) max = Math.max(max, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** JSON bodies: refused when nested absurdly deep, parsed with prototype-poisoning protection. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw invalid('BODY_TOO_DEEP', `JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused`, [{ field: '(body)', message: 'nested too deep' }]);
  }
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw invalid('MALFORMED_JSON', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
  }
}
