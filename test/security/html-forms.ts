/**
 * Reading pages as a browser does, with parse5 (a WHATWG-conformant HTML parser, not regexes): every <form> with
 * the values a person who changed nothing would send, every link, and any attribute that would run a script.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface FormField {
  name: string;
  /** input type (text, hidden, radio, checkbox, file, date...), or textarea, select, button. */
  kind: string;
  /** What the browser would send untouched: the value, the checked radio, the selected (or first) option. */
  value: string;
  /** Only for checkboxes and radios: whether it is ticked as the page comes. */
  checked?: boolean;
  /** Only for file inputs: the accept attribute (".csv,text/csv", "image/jpeg,image/png"). */
  accept?: string;
  /** Only for selects: every option's value. */
  options?: string[];
}

export interface HtmlForm {
  method: 'GET' | 'POST';
  /** As written in the page (may carry a query string, e.g. the CSRF token of a multipart form). */
  action: string;
  multipart: boolean;
  fields: FormField[];
}

const isElement = (node: Node): node is Element => 'tagName' in node;
const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;

function* walk(node: Node): Generator<Element> {
  if (isElement(node)) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* walk(child);
  if (isElement(node) && 'content' in node) yield* walk(node.content);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

function selectField(name: string, select: Element): FormField {
  const options = [...walk(select)].filter((e) => e.tagName === 'option' && attr(e, 'disabled') === undefined);
  const valueOf = (o: Element) => attr(o, 'value') ?? textOf(o).trim();
  const chosen = options.find((o) => attr(o, 'selected') !== undefined) ?? options[0];
  return { name, kind: 'select', value: chosen ? valueOf(chosen) : '', options: options.map(valueOf) };
}

function fieldOf(el: Element): FormField | null {
  const name = attr(el, 'name');
  if (!name || attr(el, 'disabled') !== undefined) return null;
  if (el.tagName === 'textarea') return { name, kind: 'textarea', value: textOf(el).replace(/^\n/, '') };
  if (el.tagName === 'select') return selectField(name, el);
  if (el.tagName === 'button') return (attr(el, 'type') ?? 'submit') === 'submit' ? { name, kind: 'button', value: attr(el, 'value') ?? '' } : null;
  if (el.tagName !== 'input') return null;
  const kind = (attr(el, 'type') ?? 'text').toLowerCase();
  if (kind === 'reset' || kind === 'image') return null;
  const field: FormField = { name, kind, value: attr(el, 'value') ?? (kind === 'checkbox' || kind === 'radio' ? 'on' : '') };
  if (kind === 'checkbox' || kind === 'radio') field.checked = attr(el, 'checked') !== undefined;
  if (kind === 'file') field.accept = attr(el, 'accept') ?? '';
  return field;
}

export function formsOf(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const el of walk(parse(html))) {
    if (el.tagName !== 'form') continue;
    const fields = [...walk(el)].map(fieldOf).filter((f): f is FormField => f !== null);
    forms.push({
      method: (attr(el, 'method') ?? 'get').toLowerCase() === 'post' ? 'POST' : 'GET',
      action: attr(el, 'action') || pageUrl,
      multipart: (attr(el, 'enctype') ?? '').toLowerCase() === 'multipart/form-data',
      fields,
    });
  }
  return forms;
}

/** Every link's address as written (href of <a>), for following them and finding query parameters. */
export function linksOf(html: string): string[] {
  return [...walk(parse(html))].filter((e) => e.tagName === 'a').map((e) => attr(e, 'href') ?? '').filter(Boolean);
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

/**
 * Attributes that would run a script carrying the marker: a javascript: address (escaping does not help there),
 * or an event handler (onerror=, onclick=...) that the page itself never writes.
 */
export function scriptAttributes(html: string, marker: string): string[] {
  const found: string[] = [];
  for (const el of walk(parse(html))) {
    for (const a of el.attrs) {
      if (!a.value.includes(marker)) continue;
      const runs = (URL_ATTRIBUTES.has(a.name) && /^\s*javascript:/i.test(a.value)) || /^on/i.test(a.name);
      if (runs) found.push(`<${el.tagName} ${a.name}="${a.value}">`);
    }
  }
  return found;
}

/**
 * The form's submission as a browser builds it untouched: name-value pairs in order (ticked boxes only). With
 * `answerRadios` (the default, for the injection tests) an unanswered radio question gets its first choice, so
 * the form is not refused for it before the payload matters; without it, exactly what a browser sends.
 */
export function defaultPairs(form: HtmlForm, options: { answerRadios?: boolean } = {}): [string, string][] {
  const answerRadios = options.answerRadios ?? true;
  const pairs: [string, string][] = [];
  const radiosDone = new Set<string>();
  let buttonSent = false;
  for (const f of form.fields) {
    if (f.kind === 'file') continue;
    if (f.kind === 'button' || f.kind === 'submit') {
      // The first submit button is the one a person presses.
      if (!buttonSent) pairs.push([f.name, f.value]);
      buttonSent = true;
      continue;
    }
    if (f.kind === 'radio') {
      if (radiosDone.has(f.name)) continue;
      // The ticked radio, or else the first one: an unanswered question would fail validation before the payload mattered.
      const group = form.fields.filter((g) => g.kind === 'radio' && g.name === f.name);
      const chosen = group.find((g) => g.checked) ?? (answerRadios ? f : undefined);
      if (chosen) pairs.push([f.name, chosen.value]);
      radiosDone.add(f.name);
      continue;
    }
    if (f.kind === 'checkbox' && !f.checked) continue;
    pairs.push([f.name, f.value]);
  }
  return pairs;
}

/**
 * The addresses a GET form leads to: as it comes, then with each other choice of its radios and selects, one at a
 * time (a report for another year, the correction form for another field).
 */
export function getFormUrls(form: HtmlForm, pageUrl: string): string[] {
  const base = defaultPairs(form);
  const target = new URL(form.action, `http://homeward.test${pageUrl}`).pathname;
  const urlOf = (pairs: [string, string][]) => `${target}?${new URLSearchParams(pairs).toString()}`;
  const urls = [urlOf(base)];
  for (const f of form.fields) {
    const choices = f.kind === 'select' ? (f.options ?? []) : f.kind === 'radio' ? [f.value] : [];
    for (const choice of choices) urls.push(urlOf(base.map(([n, v]) => [n, n === f.name ? choice : v])));
  }
  return [...new Set(urls)];
}
