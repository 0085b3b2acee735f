/**
 * Block Kit limits of PLATFORMS.md §1.7 / §7.9, checked on every payload the Slack emulator
 * receives. Returns human-readable problems with JSON-pointer-like paths; empty means valid.
 */

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const BLOCK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  blockId: 255,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  markdown: 12000,
  inputLabel: 2000,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  buttonUrl: 3000,
  accessibilityLabel: 75,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  inputMax: 3000,
  modalTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  viewBytes: 250_000,
  /** msg_blocks_too_long was observed at ~13.2k; we hold messages to 12k. */
  messageTextTotal: 12_000,
} as const;

const L = BLOCK_LIMITS;

class Checker {
  readonly problems: string[] = [];
  textTotal = 0;

  fail(path: string, msg: string) {
    this.problems.push(`${path}: ${msg}`);
  }

  max(path: string, value: unknown, limit: number) {
    const s = str(value);
    if (s !== undefined && s.length > limit) this.fail(path, `length ${s.length} > ${limit}`);
  }

  /** An optional number that must lie within min–max. */
  range(path: string, value: unknown, min: number, max: number) {
    if (value !== undefined && (typeof value !== 'number' || value < min || value > max))
      this.fail(path, `must be ${min}–${max}`);
  }

  text(path: string, obj: unknown, limit: number, types: readonly string[] = ['plain_text', 'mrkdwn']) {
    if (!isObj(obj)) return this.fail(path, 'text object missing');
    if (!types.includes(String(obj.type))) this.fail(`${path}/type`, `must be ${types.join(' or ')}`);
    const text = str(obj.text);
    if (text === undefined || text.length === 0)
      return this.fail(`${path}/text`, 'must be a non-empty string');
    this.textTotal += text.length;
    this.max(`${path}/text`, text, limit);
  }

  confirm(path: string, c: unknown) {
    if (c === undefined) return;
    if (!isObj(c)) return this.fail(path, 'confirm must be an object');
    this.text(`${path}/title`, c.title, L.confirmTitle, ['plain_text']);
    this.text(`${path}/text`, c.text, L.confirmText);
    this.text(`${path}/confirm`, c.confirm, L.confirmButton, ['plain_text']);
    this.text(`${path}/deny`, c.deny, L.confirmButton, ['plain_text']);
  }

  element(path: string, e: unknown) {
    if (!isObj(e)) return this.fail(path, 'element must be an object');
    this.max(`${path}/action_id`, e.action_id, L.actionId);
    switch (e.type) {
      case 'button':
        this.text(`${path}/text`, e.text, L.buttonText, ['plain_text']);
        this.max(`${path}/value`, e.value, L.buttonValue);
        this.max(`${path}/url`, e.url, L.buttonUrl);
        this.max(`${path}/accessibility_label`, e.accessibility_label, L.accessibilityLabel);
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
          this.fail(`${path}/style`, 'must be primary or danger');
        this.confirm(`${path}/confirm`, e.confirm);
        break;
      case 'static_select': {
        if (e.placeholder !== undefined)
          this.text(`${path}/placeholder`, e.placeholder, L.placeholder, ['plain_text']);
        const options = Array.isArray(e.options) ? e.options : [];
        if (options.length === 0 || options.length > L.selectOptions)
          this.fail(`${path}/options`, `needs 1–${L.selectOptions} options`);
        options.forEach((o, i) => {
          if (!isObj(o)) return this.fail(`${path}/options/${i}`, 'option must be an object');
          this.text(`${path}/options/${i}/text`, o.text, L.optionText, ['plain_text']);
          this.max(`${path}/options/${i}/value`, o.value, L.optionValue);
        });
        this.confirm(`${path}/confirm`, e.confirm);
        break;
      }
      case 'external_select': {
        // Options come from our options load URL (a block_suggestion), never inline.
        if (e.options !== undefined || e.option_groups !== undefined)
          this.fail(`${path}/options`, 'external_select takes no inline options');
        if (e.placeholder !== undefined)
          this.text(`${path}/placeholder`, e.placeholder, L.placeholder, ['plain_text']);
        if (
          e.min_query_length !== undefined &&
          (typeof e.min_query_length !== 'number' || e.min_query_length < 0)
        )
          this.fail(`${path}/min_query_length`, 'must be a number ≥ 0');
        if (e.initial_option !== undefined) this.option(`${path}/initial_option`, e.initial_option);
        this.confirm(`${path}/confirm`, e.confirm);
        break;
      }
      case 'plain_text_input': {
        const maxLength = e.max_length;
        this.range(`${path}/max_length`, maxLength, 1, L.inputMax);
        this.range(`${path}/min_length`, e.min_length, 0, L.inputMax);
        const initial = str(e.initial_value);
        const cap = typeof maxLength === 'number' ? Math.min(maxLength, L.inputMax) : L.inputMax;
        if (initial !== undefined && initial.length > cap)
          this.fail(`${path}/initial_value`, `length ${initial.length} > ${cap}`);
        if (e.placeholder !== undefined)
          this.text(`${path}/placeholder`, e.placeholder, L.placeholder, ['plain_text']);
        break;
      }
      case 'overflow':
      case 'datepicker':
      case 'checkboxes':
      case 'radio_buttons':
      case 'image':
        break;
      default:
        this.fail(`${path}/type`, `unsupported element type ${String(e.type)}`);
    }
  }

  option(path: string, o: unknown) {
    if (!isObj(o)) return this.fail(path, 'option must be an object');
    this.text(`${path}/text`, o.text, L.optionText, ['plain_text']);
    const value = str(o.value);
    if (!value) this.fail(`${path}/value`, 'must be a non-empty string');
    this.max(`${path}/value`, value, L.optionValue);
  }

  block(path: string, b: unknown) {
    if (!isObj(b)) return this.fail(path, 'block must be an object');
    this.max(`${path}/block_id`, b.block_id, L.blockId);
    switch (b.type) {
      case 'section': {
        if (b.text === undefined && b.fields === undefined) this.fail(path, 'section needs text or fields');
        if (b.text !== undefined) this.text(`${path}/text`, b.text, L.sectionText);
        if (b.fields !== undefined) {
          const fields = Array.isArray(b.fields) ? b.fields : [];
          if (fields.length === 0 || fields.length > L.fields)
            this.fail(`${path}/fields`, `needs 1–${L.fields} fields`);
          fields.forEach((f, i) => this.text(`${path}/fields/${i}`, f, L.fieldText));
        }
        if (b.accessory !== undefined) this.element(`${path}/accessory`, b.accessory);
        break;
      }
      case 'header':
        this.text(`${path}/text`, b.text, L.header, ['plain_text']);
        break;
      case 'context': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > L.contextElements)
          this.fail(`${path}/elements`, `needs 1–${L.contextElements}`);
        elements.forEach((e, i) => {
          if (isObj(e) && e.type === 'image') return;
          this.text(`${path}/elements/${i}`, e, L.sectionText);
        });
        break;
      }
      case 'actions': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > L.actionsElements)
          this.fail(`${path}/elements`, `needs 1–${L.actionsElements}`);
        elements.forEach((e, i) => this.element(`${path}/elements/${i}`, e));
        const ids = elements.map((e) => (isObj(e) ? e.action_id : undefined)).filter(Boolean);
        if (new Set(ids).size !== ids.length)
          this.fail(`${path}/elements`, 'action_id values must be unique');
        break;
      }
      case 'input':
        this.text(`${path}/label`, b.label, L.inputLabel, ['plain_text']);
        if (b.hint !== undefined) this.text(`${path}/hint`, b.hint, L.inputLabel, ['plain_text']);
        this.element(`${path}/element`, b.element);
        break;
      case 'markdown':
        this.max(`${path}/text`, b.text, L.markdown);
        break;
      case 'divider':
        break;
      default:
        this.fail(`${path}/type`, `unsupported block type ${String(b.type)}`);
    }
  }

  blocks(path: string, blocks: unknown, maxBlocks: number) {
    if (blocks === undefined) return;
    if (!Array.isArray(blocks)) return this.fail(path, 'blocks must be an array');
    if (blocks.length > maxBlocks) this.fail(path, `${blocks.length} blocks > ${maxBlocks}`);
    blocks.forEach((b, i) => this.block(`${path}/${i}`, b));
    const ids = blocks.map((b) => (isObj(b) ? b.block_id : undefined)).filter(Boolean);
    if (new Set(ids).size !== ids.length) this.fail(path, 'block_id values must be unique');
  }
}

/** Problems with a message payload's blocks (chat.postMessage, chat.update, response_url, ephemeral). */
export function checkMessageBlocks(blocks: unknown): string[] {
  const c = new Checker();
  c.blocks('/blocks', blocks, L.messageBlocks);
  if (c.textTotal > L.messageTextTotal)
    c.fail('/blocks', `msg_blocks_too_long: ${c.textTotal} characters > ${L.messageTextTotal}`);
  return c.problems;
}

/** Problems with a modal view (views.open / views.update / views.push). */
export function checkView(view: unknown): string[] {
  const c = new Checker();
  if (!isObj(view)) return ['/view: must be an object'];
  if (view.type !== 'modal') c.fail('/view/type', 'must be modal');
  c.text('/view/title', view.title, L.modalTitle, ['plain_text']);
  if (view.submit !== undefined) c.text('/view/submit', view.submit, L.modalTitle, ['plain_text']);
  if (view.close !== undefined) c.text('/view/close', view.close, L.modalTitle, ['plain_text']);
  c.max('/view/private_metadata', view.private_metadata, L.privateMetadata);
  c.max('/view/callback_id', view.callback_id, L.callbackId);
  c.max('/view/external_id', view.external_id, L.externalId);
  c.blocks('/view/blocks', view.blocks, L.modalBlocks);
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (hasInput && view.submit === undefined)
    c.fail('/view/submit', 'required when the view has an input block');
  const bytes = Buffer.byteLength(JSON.stringify(view));
  if (bytes > L.viewBytes) c.fail('/view', `view_too_large: ${bytes} bytes > ${L.viewBytes}`);
  return c.problems;
}

/** Problems with our answer to a block_suggestion (options load): ≤100 options, each a valid option. */
export function checkOptionsResponse(body: unknown): string[] {
  const c = new Checker();
  if (!isObj(body)) return ['/: must be an object'];
  if (body.option_groups !== undefined) c.fail('/option_groups', 'not expected here');
  if (!Array.isArray(body.options)) return ['/options: must be an array'];
  if (body.options.length > L.selectOptions)
    c.fail('/options', `${body.options.length} options > ${L.selectOptions}`);
  body.options.forEach((o, i) => c.option(`/options/${i}`, o));
  return c.problems;
}
