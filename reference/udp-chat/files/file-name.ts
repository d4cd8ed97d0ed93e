import path from 'node:path';

// The name a received file is saved under: the sender's base name, with separators and control
// characters replaced, never "." or ".." or empty, so it cannot leave the received/ folder.
export function sanitizeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const cleaned = base.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}
