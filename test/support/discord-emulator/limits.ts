/**
 * The Discord payload limits of PLATFORMS.md §5 / §7.34–35, checked on every payload the
 * emulator receives. Each check returns human-readable violations; an empty list means
 * the payload would be accepted by Discord.
 *
 * Lengths are measured in UTF-16 code units, which is never more lenient than Discord's
 * own character count, so a payload passing here passes there.
 */

type Json = Record<string, unknown>;

const IS_COMPONENTS_V2 = 1 << 15;
export const FORUM_REQUIRE_TAG = 1 << 4;
export const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function len(v: unknown): number {
  return typeof v === 'string' ? v.length : 0;
}

function checkCustomId(where: string, v: unknown, out: string[], seen?: Set<string>): void {
  const id = str(v);
  if (id === undefined || id.length < 1 || id.length > 100) {
    out.push(`${where}: custom_id must be 1-100 characters (got ${id === undefined ? 'none' : id.length})`);
    return;
  }
  if (seen) {
    if (seen.has(id)) out.push(`${where}: duplicate custom_id ${id}`);
    seen.add(id);
  }
}

function checkButton(where: string, b: Json, out: string[], seen: Set<string>): void {
  if (len(b.label) > 80) out.push(`${where}: button label over 80 characters`);
  if (b.style === 5) {
    if (!str(b.url) || len(b.url) > 512) out.push(`${where}: link button url must be 1-512 characters`);
  } else if (b.style !== 6) {
    checkCustomId(where, b.custom_id, out, seen);
  }
  if (!b.label && !b.emoji) out.push(`${where}: button needs a label or an emoji`);
}

function checkStringSelect(where: string, s: Json, out: string[], seen: Set<string>): void {
  checkCustomId(where, s.custom_id, out, seen);
  if (len(s.placeholder) > 150) out.push(`${where}: select placeholder over 150 characters`);
  const options = Array.isArray(s.options) ? (s.options as Json[]) : [];
  if (options.length < 1 || options.length > 25)
    out.push(`${where}: select needs 1-25 options (got ${options.length})`);
  const values = new Set<string>();
  options.forEach((o, i) => {
    for (const key of ['label', 'value'] as const) {
      const n = len(o[key]);
      if (n < 1 || n > 100) out.push(`${where}.options[${i}]: ${key} must be 1-100 characters`);
    }
    if (len(o.description) > 100) out.push(`${where}.options[${i}]: description over 100 characters`);
    const value = str(o.value) ?? '';
    if (values.has(value)) out.push(`${where}.options[${i}]: duplicate value`);
    values.add(value);
  });
  const min = typeof s.min_values === 'number' ? s.min_values : 1;
  const max = typeof s.max_values === 'number' ? s.max_values : 1;
  if (min < 0 || min > 25 || max < 1 || max > 25 || min > max || max > options.length) {
    out.push(`${where}: invalid min_values/max_values`);
  }
}

function checkActionRow(where: string, row: Json, out: string[], seen: Set<string>): void {
  const children = Array.isArray(row.components) ? (row.components as Json[]) : [];
  const buttons = children.filter((c) => c.type === 2);
  const selects = children.filter(
    (c) => typeof c.type === 'number' && c.type >= 3 && c.type <= 8 && c.type !== 4,
  );
  if (children.length === 0) out.push(`${where}: empty action row`);
  if (buttons.length > 5) out.push(`${where}: ${buttons.length} buttons in one row (max 5)`);
  if (selects.length > 0 && children.length > 1) out.push(`${where}: a select menu must be alone in its row`);
  children.forEach((c, i) => {
    const at = `${where}.components[${i}]`;
    if (c.type === 2) checkButton(at, c, out, seen);
    else if (c.type === 3) checkStringSelect(at, c, out, seen);
    else if (selects.includes(c)) checkCustomId(at, c.custom_id, out, seen);
    else out.push(`${at}: component type ${String(c.type)} not allowed in a message action row`);
  });
}

/** components of a message (legacy: ≤5 action rows; Components V2: ≤40 in total). */
export function checkComponents(components: unknown, flags: number, out: string[]): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    out.push('components must be an array');
    return;
  }
  const seen = new Set<string>();
  if (flags & IS_COMPONENTS_V2) {
    if (countComponents(components) > 40) out.push('more than 40 components (Components V2)');
    return;
  }
  if (components.length > 5) out.push(`${components.length} action rows (max 5)`);
  (components as Json[]).forEach((row, i) => {
    if (row.type !== 1) out.push(`components[${i}]: top-level component must be an action row`);
    else checkActionRow(`components[${i}]`, row, out, seen);
  });
}

function countComponents(list: unknown[]): number {
  let n = 0;
  for (const c of list as Json[]) {
    n += 1;
    if (Array.isArray(c.components)) n += countComponents(c.components);
    if (c.component && typeof c.component === 'object') n += 1;
  }
  return n;
}

function checkEmbeds(embeds: unknown, out: string[]): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    out.push('embeds must be an array');
    return;
  }
  if (embeds.length > 10) out.push(`${embeds.length} embeds (max 10)`);
  let total = 0;
  (embeds as Json[]).forEach((e, i) => {
    const at = `embeds[${i}]`;
    const limit = (name: string, v: unknown, max: number) => {
      total += len(v);
      if (len(v) > max) out.push(`${at}: ${name} over ${max} characters`);
    };
    limit('title', e.title, 256);
    limit('description', e.description, 4096);
    const footer = (e.footer ?? {}) as Json;
    limit('footer.text', footer.text, 2048);
    const author = (e.author ?? {}) as Json;
    limit('author.name', author.name, 256);
    const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
    if (fields.length > 25) out.push(`${at}: ${fields.length} fields (max 25)`);
    fields.forEach((f, j) => {
      if (len(f.name) < 1) out.push(`${at}.fields[${j}]: empty name`);
      if (len(f.value) < 1) out.push(`${at}.fields[${j}]: empty value`);
      limit(`fields[${j}].name`, f.name, 256);
      limit(`fields[${j}].value`, f.value, 1024);
    });
  });
  if (total > 6000) out.push(`embeds carry ${total} characters in total (max 6000)`);
}

/** A message create/edit body (channel messages, webhook messages, interaction data). */
export function checkMessage(body: Json, opts: { requireSomething: boolean }): string[] {
  const out: string[] = [];
  const content = body.content;
  if (content !== undefined && content !== null && typeof content !== 'string')
    out.push('content must be a string');
  if (len(content) > 2000) out.push(`content is ${len(content)} characters (max 2000)`);
  const nonce = body.nonce;
  if (typeof nonce === 'string' && nonce.length > 25) out.push('nonce over 25 characters');
  checkEmbeds(body.embeds, out);
  checkComponents(body.components, typeof body.flags === 'number' ? body.flags : 0, out);
  if (opts.requireSomething) {
    const has =
      len(content) > 0 ||
      (Array.isArray(body.embeds) && body.embeds.length > 0) ||
      (Array.isArray(body.components) && body.components.length > 0) ||
      (Array.isArray(body.attachments) && body.attachments.length > 0) ||
      body.sticker_ids !== undefined;
    if (!has) out.push('Cannot send an empty message');
  }
  return out;
}

function checkTextInput(where: string, t: Json, out: string[], seen: Set<string>, labelled: boolean): void {
  if (t.type !== 4) {
    out.push(`${where}: only text inputs are checked by this emulator (type ${String(t.type)})`);
    return;
  }
  checkCustomId(where, t.custom_id, out, seen);
  if (!labelled) {
    const n = len(t.label);
    if (n < 1 || n > 45) out.push(`${where}: text input label must be 1-45 characters (got ${n})`);
  }
  if (t.style !== 1 && t.style !== 2) out.push(`${where}: text input style must be 1 or 2`);
  if (
    t.min_length !== undefined &&
    (typeof t.min_length !== 'number' || t.min_length < 0 || t.min_length > 4000)
  ) {
    out.push(`${where}: min_length must be 0-4000`);
  }
  if (
    t.max_length !== undefined &&
    (typeof t.max_length !== 'number' || t.max_length < 1 || t.max_length > 4000)
  ) {
    out.push(`${where}: max_length must be 1-4000`);
  }
  if (len(t.value) > 4000) out.push(`${where}: value over 4000 characters`);
  if (typeof t.max_length === 'number' && len(t.value) > t.max_length)
    out.push(`${where}: value longer than max_length`);
  if (len(t.placeholder) > 100) out.push(`${where}: placeholder over 100 characters`);
}

/** A modal (interaction callback type 9). */
export function checkModal(data: Json): string[] {
  const out: string[] = [];
  const title = len(data.title);
  if (title < 1 || title > 45) out.push(`modal title must be 1-45 characters (got ${title})`);
  checkCustomId('modal', data.custom_id, out);
  const components = Array.isArray(data.components) ? (data.components as Json[]) : [];
  if (components.length < 1 || components.length > 5)
    out.push(`modal needs 1-5 components (got ${components.length})`);
  const seen = new Set<string>();
  components.forEach((c, i) => {
    const at = `modal.components[${i}]`;
    if (c.type === 1) {
      const inner = Array.isArray(c.components) ? (c.components as Json[]) : [];
      if (inner.length !== 1) out.push(`${at}: a modal action row holds exactly one text input`);
      inner.forEach((t) => checkTextInput(at, t, out, seen, false));
    } else if (c.type === 18) {
      const n = len(c.label);
      if (n < 1 || n > 45) out.push(`${at}: label must be 1-45 characters (got ${n})`);
      if (len(c.description) > 100) out.push(`${at}: label description over 100 characters`);
      checkTextInput(`${at}.component`, (c.component ?? {}) as Json, out, seen, true);
    } else if (c.type !== 10) {
      out.push(`${at}: component type ${String(c.type)} not allowed at the top of a modal`);
    }
  });
  return out;
}

/** POST /channels/{forum}/threads: a forum post needs a name, a first message and valid tags. */
export function checkForumThread(body: Json, forum: { flags: number; tagIds: string[] }): string[] {
  const out: string[] = [];
  const name = len(body.name);
  if (name < 1 || name > 100) out.push(`thread name must be 1-100 characters (got ${name})`);
  const message = body.message as Json | undefined;
  if (!message || typeof message !== 'object') out.push('a forum post needs an initial message');
  else out.push(...checkMessage(message, { requireSomething: true }).map((v) => `message: ${v}`));
  out.push(...checkAppliedTags(body.applied_tags, forum));
  const archive = body.auto_archive_duration;
  if (archive !== undefined && !ARCHIVE_DURATIONS.includes(archive as number)) {
    out.push(`auto_archive_duration must be one of ${ARCHIVE_DURATIONS.join(', ')}`);
  }
  return out;
}

export function checkAppliedTags(tags: unknown, forum: { flags: number; tagIds: string[] }): string[] {
  const out: string[] = [];
  const list = Array.isArray(tags) ? (tags as unknown[]) : [];
  if (tags !== undefined && !Array.isArray(tags)) out.push('applied_tags must be an array');
  if (list.length > 5) out.push(`${list.length} applied tags (max 5)`);
  if (forum.flags & FORUM_REQUIRE_TAG && list.length < 1) out.push('this forum requires at least one tag');
  for (const t of list) if (!forum.tagIds.includes(String(t))) out.push(`unknown tag ${String(t)}`);
  return out;
}

/**
 * Files on one message [R discord.com/developers/docs/reference#uploading-files]: at most 10,
 * and 10 MiB together without a server boost (Discord lowered it from 25 MiB in 2024).
 */
export function uploadProblem(files: readonly { size: number }[]): string | undefined {
  if (files.length > 10) return `${files.length} files; at most 10 per message`;
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > 10 * 1024 * 1024) return `files total ${total} bytes; the upload limit is 10 MiB`;
  return undefined;
}
