import path from 'node:path';

// Where a request target leads: a file path inside the document root, or the status that refuses it.
export type Resolved =
  { readonly ok: true; readonly file: string } | { readonly ok: false; readonly status: 400 | 403 };

// Maps "/img/logo.png?x=1" to <root>/img/logo.png. The target is percent-decoded first, so
// "%2e%2e" is the ".." it stands for; any ".." segment is refused outright (403), whatever it
// would resolve to, and the joined path is checked to stay inside the root all the same.
export function resolveTarget(root: string, target: string): Resolved {
  if (!target.startsWith('/')) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(target.replace(/[?#].*$/, ''));
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400 };
  if (decoded.split(/[/\\]/).includes('..')) return { ok: false, status: 403 };
  const base = path.resolve(root);
  const file = path.resolve(base, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  const relative = path.relative(base, file);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative))
    return { ok: false, status: 403 };
  return { ok: true, file };
}

// The Content-Type a browser needs to show a file, by its extension.
export function contentTypeOf(file: string): string {
  const types: Readonly<Record<string, string>> = {
    '.html': 'text/html; charset=utf-8',
    '.htm': 'text/html; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.json': 'application/json',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.gif': 'image/gif',
    '.ico': 'image/x-icon',
    '.pdf': 'application/pdf',
  };
  return types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
