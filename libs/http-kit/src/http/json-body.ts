import { invalid } from '@ooh/eventing';
import sjson from 'secure-json-parse';

export const MAX_JSON_DEPTH = 32;
/** Above every DTO's own array maximum: a longer array is refused before the body is parsed at all. */
export const MAX_JSON_ARRAY_ITEMS = 1000;

interface Level {
  array: boolean;
  /** Items seen in an array so far (commas + 1 once it has one). */
  items: number;
  /** In an object: the key whose value is being read. */
  key: string | undefined;
}

/**
 * One pass over a JSON text, without parsing it, that finds what would make parsing and validating
 * it expensive: nesting deeper than MAX_JSON_DEPTH, or an array longer than MAX_JSON_ARRAY_ITEMS
 * (340,000 empty objects fit in 1 MB and cost a parse and a validation of each). Answers the
 * problem with the path of the offending value, or undefined.
 */
export function jsonShapeProblem(text: string): { code: string; field: string; message: string } | undefined {
  const stack: Level[] = [];
  let stringStart = -1;
  let lastString = '';
  // Where the innermost array sits: the keys and indexes of the levels around it.
  const path = () =>
    stack
      .slice(0, -1)
      .map((level) => (level.array ? String(level.items - 1) : (level.key ?? '?')))
      .join('.') || '(body)';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (stringStart >= 0) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) {
        lastString = text.slice(stringStart + 1, i);
        stringStart = -1;
      }
      continue;
    }
    const top = stack.at(-1);
    if (c === 34) {
      stringStart = i;
      if (top?.array && top.items === 0) top.items = 1;
    } else if (c === 58 /* : */ && top && !top.array) top.key = lastString.length <= 100 ? lastString : undefined;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (top?.array && top.items === 0) top.items = 1;
      stack.push({ array: c === 91, items: 0, key: undefined });
      if (stack.length > MAX_JSON_DEPTH) return { code: 'BODY_TOO_DEEP', field: '(body)', message: `nested deeper than ${MAX_JSON_DEPTH} levels` };
    } else if (c === 125 /* } */ || c === 93 /* ] */) stack.pop();
    else if (c === 44 /* , */ && top?.array) {
      top.items += 1;
      if (top.items > MAX_JSON_ARRAY_ITEMS) return { code: 'ARRAY_TOO_LONG', field: path(), message: `at most ${MAX_JSON_ARRAY_ITEMS} items` };
    } else if (top?.array && top.items === 0 && c > 32) top.items = 1;
  }
  return undefined;
}

/** JSON bodies: refused when nested absurdly deep or holding absurdly long arrays, parsed with prototype-poisoning protection. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  const problem = jsonShapeProblem(text);
  if (problem) {
    const detail = problem.code === 'BODY_TOO_DEEP' ? `JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused` : `${problem.field}: ${problem.message}`;
    throw invalid(problem.code, detail, [{ field: problem.field, message: problem.message }]);
  }
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw invalid('MALFORMED_JSON', 'The request body is not valid JSON', [{ field: '(body)', message: 'not valid JSON' }]);
  }
}
