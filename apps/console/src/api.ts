/** Every call goes through the platform's own API, with the signed-in token: the same roles as any client. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; code?: string },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

const KEY = 'console.token';
export const token = (): string | null => sessionStorage.getItem(KEY);
export const signIn = (value: string): void => sessionStorage.setItem(KEY, value.trim());
export const signOut = (): void => sessionStorage.removeItem(KEY);

export async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token() ?? ''}`, accept: 'application/json' } });
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : {};
  if (!res.ok) throw new ApiError(res.status, body as ApiError['problem']);
  return body as T;
}

/** A file the API answers (an export), downloaded with the token. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, {});
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  URL.revokeObjectURL(url);
}

/** A photo of the evidence store, fetched with the token (an <img> cannot send it) and shown from memory. */
export async function photo(blobId: string): Promise<string> {
  const res = await fetch(`/api/evidence/${encodeURIComponent(blobId)}`, { headers: { authorization: `Bearer ${token() ?? ''}` } });
  if (!res.ok) throw new ApiError(res.status, {});
  return URL.createObjectURL(await res.blob());
}
