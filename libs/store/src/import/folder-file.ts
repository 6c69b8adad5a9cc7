/**
 * Files of a folder being imported (a Hugging Face checkpoint), named by the folder's own files (shard names in
 * model.safetensors.index.json). A name must stay inside the folder: no absolute path, no '..' step, no NUL; and a
 * symbolic link is followed only when its target is inside the folder too, so an imported folder can never make
 * us read /etc/passwd or a colleague's home directory.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { BadInputError, printable } from '@alsatian/core';

/** The path of `name` inside `dir`, checked; a missing file is returned as is (the caller reports ENOENT). */
export async function folderFile(dir: string, name: string, namedBy: string): Promise<string> {
  if (name === '' || isAbsolute(name) || name.includes('\0') || name.split(/[\\/]/).includes('..')) {
    throw new BadInputError(
      `${namedBy}: the file name '${printable(name)}' leaves the folder ${dir}; names must be relative paths ` +
        `inside it.`,
    );
  }
  const path = join(dir, name);
  let target: string;
  try {
    target = await realpath(path);
  } catch {
    return path;
  }
  const home = await realpath(dir);
  const rel = relative(home, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new BadInputError(
      `${path} is a symbolic link to ${target}, outside the folder ${dir}; links are followed only inside an ` +
        `imported folder. Copy the file in (e.g. 'cp -L') and import again.`,
    );
  }
  return path;
}
