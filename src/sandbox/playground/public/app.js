// The playground page: pick a person, pick a chat, read and answer the bot as in Feishu. Polls the server; no framework.
import { renderCard } from './cards.js';

const API = '/playground/api';
const $ = (sel) => document.querySelector(sel);

function h(tag, cls, ...children) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  for (const c of children) if (c != null) el.append(c);
  return el;
}

// ---------- server ----------

async function api(path, body) {
  const res = await fetch(
    `${API}/${path}`,
    body === undefined
      ? { cache: 'no-store' }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || json.message || `请求失败（${res.status}）`);
  return json;
}

// ---------- toasts ----------

export function toast(t) {
  if (!t?.content) return;
  const box = $('#toasts');
  box.replaceChildren();
  const el = h('div', `toast toast-${['info', 'success', 'error', 'warning'].includes(t.type) ? t.type : 'info'}`, String(t.content));
  el.setAttribute('role', 'status');
  box.append(el);
  setTimeout(() => el.remove(), 3000);
}

const fail = (err) => toast({ type: 'error', content: err?.message || '操作失败' });

// ---------- state ----------

const view = { state: null, stateJson: '', me: null, chatId: null };

const myChats = () => {
  const chats = (view.state?.chats ?? []).filter((c) => (c.members ?? []).includes(view.me));
  return [...chats.filter((c) => c.kind === 'p2p'), ...chats.filter((c) => c.kind !== 'p2p')];
};
const person = (id) => view.state?.people.find((p) => p.openId === id);
const currentChat = () => view.state?.chats.find((c) => c.chatId === view.chatId);

/** Keeps the selection valid (a person that exists, one of their chats) and mirrors it in the address (#as=…&chat=…). */
function settle() {
  const people = view.state?.people ?? [];
  // a first visit opens as a center manager (张伟 in the demo), who has the most to try
  if (!person(view.me)) view.me = (people.find((p) => (p.roles ?? []).includes('manager')) ?? people[0])?.openId ?? null;
  const chats = myChats();
  if (!chats.some((c) => c.chatId === view.chatId)) view.chatId = chats[0]?.chatId ?? null;
  const hash = `#as=${encodeURIComponent(view.me ?? '')}&chat=${encodeURIComponent(view.chatId ?? '')}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
  localStorage.setItem('playground.selection', JSON.stringify({ me: view.me, chatId: view.chatId }));
}

function restore() {
  const q = new URLSearchParams(location.hash.slice(1));
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem('playground.selection') || '{}');
  } catch {}
  view.me = q.get('as') || saved.me || null;
  view.chatId = q.get('chat') || saved.chatId || null;
}

async function loadState() {
  const s = await api('state');
  const json = JSON.stringify({ ...s, now: undefined, nowText: undefined });
  view.state = s;
  $('#clock').textContent = `现在：${s.nowText}`;
  $('#offline').hidden = true;
  if (json === view.stateJson) return;
  view.stateJson = json;
  settle();
  renderSide();
  if (opened !== `${view.me} ${view.chatId}`) openChat();
}

// ---------- side: people and chats ----------

/** "经理 · 阳光花园物业服务中心" (the server's title may start with the name: drop it). */
function titleOf(p) {
  const t = String(p.title ?? '');
  if (t === p.name) return '';
  return t.startsWith(`${p.name} · `) ? t.slice(p.name.length + 3) : t;
}

function renderSide() {
  const people = view.state.people;
  $('#people').replaceChildren(
    ...people.map((p) => {
      const el = h(
        'button',
        `person${p.openId === view.me ? ' active' : ''}`,
        h('span', 'avatar', initials(p.name)),
        h('span', 'person-text', h('b', '', p.name), titleOf(p) ? h('span', 'person-title', ` · ${titleOf(p)}`) : null),
      );
      el.type = 'button';
      el.dataset.person = p.openId;
      el.title = `${p.name}${titleOf(p) ? ` · ${titleOf(p)}` : ''}`;
      el.addEventListener('click', () => selectPerson(p.openId));
      return el;
    }),
  );
  const select = $('#person-select');
  select.replaceChildren(
    ...people.map((p) => Object.assign(h('option', '', `${p.name}${titleOf(p) ? ` · ${titleOf(p)}` : ''}`), { value: p.openId })),
  );
  select.value = view.me ?? '';
  $('#chats').replaceChildren(
    ...myChats().map((c) => {
      const group = c.kind !== 'p2p';
      const el = h(
        'button',
        `chat-entry${c.chatId === view.chatId ? ' active' : ''}`,
        h('span', `avatar${group ? ' avatar-group' : ' avatar-bot'}`, group ? '群' : '管'),
        h('span', 'chat-name', c.name),
      );
      el.type = 'button';
      el.dataset.chat = c.chatId;
      el.title = group ? `${c.name}（${c.members.length} 人）` : c.name;
      el.addEventListener('click', () => selectChat(c.chatId));
      return el;
    }),
  );
  const me = person(view.me);
  $('#whoami').textContent = me ? `当前身份：${me.name}` : '';
  renderPicks();
}

/** One line: whom to pick for each role ("经理 张伟 · 主管 王芳 · …"), each name a switch. */
function renderPicks() {
  const picks = view.state?.picks ?? [];
  const line = $('#role-hint');
  line.replaceChildren(h('span', 'hint-lead', '按角色体验：'));
  picks.forEach((p, i) => {
    if (i) line.append(h('span', 'hint-sep', ' · '));
    const b = h('button', `hint-pick${p.openId === view.me ? ' active' : ''}`, `${p.role} ${p.name}`);
    b.type = 'button';
    b.dataset.pick = p.openId;
    b.addEventListener('click', () => selectPerson(p.openId));
    line.append(b);
  });
  line.hidden = picks.length === 0;
}

function selectPerson(openId) {
  if (openId === view.me) return;
  view.me = openId;
  view.chatId = null;
  settle();
  renderSide();
  openChat();
}

function selectChat(chatId) {
  if (chatId === view.chatId) return;
  view.chatId = chatId;
  settle();
  renderSide();
  openChat();
}

// ---------- messages ----------

/** messageId → { key, el } for the chat on screen; a message is redrawn only when its key changes. */
let shown = new Map();
let pollToken = 0;
let opened = ''; // "<me> <chatId>" on screen

function openChat() {
  opened = `${view.me} ${view.chatId}`;
  shown = new Map();
  $('#messages').replaceChildren();
  const chat = currentChat();
  $('#chat-title').textContent = chat ? chat.name : '请选择会话';
  $('#chat-sub').textContent =
    chat && chat.kind !== 'p2p' ? `${chat.members.length} 人 · ${chat.members.map((m) => person(m)?.name ?? m).join('、')}` : '';
  $('#composer').placeholder = chat ? `发送给 ${chat.name}` : '';
  void pollChat(true);
}

/** A short hash of a string (FNV-1a). */
function hash(s) {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193);
  return (x >>> 0).toString(36);
}

const messageKey = (m) =>
  `${m.id}:${hash(JSON.stringify([m.msgType, m.text, m.card, m.fileName, m.fileKey, m.urgent, m.fromName, m.time]))}`;

let polling = false;
async function pollChat(first = false) {
  const chatId = view.chatId;
  if (!chatId || (polling && !first)) return;
  polling = true;
  const token = ++pollToken;
  try {
    const { messages = [] } = await api(`chat?chatId=${encodeURIComponent(chatId)}`);
    if (token === pollToken && chatId === view.chatId) renderMessages(messages, first);
    $('#offline').hidden = true;
  } catch {
    $('#offline').hidden = false;
  } finally {
    if (token === pollToken) polling = false;
  }
}

function renderMessages(messages, first) {
  const box = $('#messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  let added = false;
  let changed = false;
  const next = new Map();
  messages.forEach((m, i) => {
    const key = messageKey(m);
    let entry = shown.get(m.id);
    if (!entry || entry.key !== key) {
      const el = renderMessage(m);
      if (entry) entry.el.replaceWith(el);
      else added = true;
      changed = true;
      entry = { key, el };
    }
    next.set(m.id, entry);
    if (box.children[i] !== entry.el) box.insertBefore(entry.el, box.children[i] ?? null);
  });
  for (const [id, e] of shown) if (!next.has(id)) e.el.remove();
  shown = next;
  for (const t of box.querySelectorAll('.msg-time')) {
    const label = timeText(t.dataset.time); // "15:30" today, "11月30日 15:30" once the clock moved on
    if (t.textContent !== label) t.textContent = label;
  }
  if (!messages.length) box.replaceChildren(h('div', 'empty', '还没有消息。试试发送「帮助」。'));
  else box.querySelector(':scope > .empty')?.remove();
  if (first || added || (changed && atBottom)) box.scrollTop = box.scrollHeight;
}

const SHANGHAI = { timeZone: 'Asia/Shanghai' };
function timeText(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const day = (x) => x.toLocaleDateString('zh-CN', SHANGHAI);
  const hm = d.toLocaleTimeString('zh-CN', { ...SHANGHAI, hour: '2-digit', minute: '2-digit', hour12: false });
  if (day(d) === day(new Date(view.state?.now ?? Date.now()))) return hm;
  return `${d.toLocaleDateString('zh-CN', { ...SHANGHAI, month: 'long', day: 'numeric' })} ${hm}`;
}

const initials = (name) => (name ? String(name).slice(-2) : '?');

function renderMessage(m) {
  const bot = m.from === 'bot';
  const mine = m.from === view.me;
  const row = h('div', `msg ${mine ? 'msg-mine' : 'msg-other'}${bot ? ' msg-bot' : ''}${m.msgType === 'interactive' ? ' msg-card' : ''}`);
  row.dataset.message = m.id;
  const avatar = h('div', `avatar${bot ? ' avatar-bot' : ''}`, bot ? '管' : initials(m.fromName));
  const time = h('span', 'msg-time', timeText(m.time));
  time.dataset.time = m.time;
  const meta = h('div', 'msg-meta', h('span', 'msg-name', m.fromName || (bot ? view.state?.botName : '') || ''), time);
  if (m.urgent) meta.append(h('span', 'urgent', '加急'));
  row.append(avatar, h('div', 'msg-main', meta, renderContent(m)));
  return row;
}

function renderContent(m) {
  switch (m.msgType) {
    case 'interactive':
      return renderCard(m.card, {
        people: view.state?.people,
        onToast: toast,
        onSubmit: (buttonName, values) => act('submit', { messageId: m.id, buttonName, values }),
        onClick: (buttonName) => act('click', { messageId: m.id, buttonName }),
      });
    case 'file': {
      const ext = /\.(\w{1,5})$/.exec(m.fileName ?? '')?.[1].toLowerCase() ?? '';
      const kind = /^(xls|doc|pdf|ppt)/.exec(ext)?.[1] ?? 'other';
      const a = h(
        'a',
        'file-chip',
        h('span', `file-icon file-${kind}`, ext.toUpperCase() || '文件'),
        h('span', 'file-name', m.fileName || '文件'),
      );
      a.href = `${API}/file?key=${encodeURIComponent(m.fileKey ?? '')}`;
      a.download = m.fileName || '';
      return a;
    }
    case 'image': {
      if (!m.fileKey) return h('div', 'bubble', '[图片]');
      const img = h('img', 'msg-image');
      img.alt = '图片';
      img.src = `${API}/file?key=${encodeURIComponent(m.fileKey)}`;
      return h('div', 'bubble bubble-image', img);
    }
    default:
      return h('div', 'bubble', atText(m.text ?? ''));
  }
}

/** Lark text carries mentions as <at user_id="…">name</at>: show them as @name. */
const atText = (s) =>
  s.replace(
    /<at\s+user_id\s*=\s*["']?([\w-]+)["']?\s*>([^<]*)<\/at>/g,
    (_, id, name) => `@${name || (id === 'all' ? '所有人' : (person(id)?.name ?? id))}`,
  );

async function act(kind, body) {
  try {
    const res = await api(kind, { as: view.me, ...body });
    if (res.blocked) toast({ type: 'warning', content: res.blocked });
    else if (res.toast) toast(res.toast);
  } catch (err) {
    fail(err);
  }
  refreshSoon();
}

function refreshSoon() {
  void pollChat();
  setTimeout(() => pollChat(), 400);
}

// ---------- composer and clock ----------

async function send() {
  const input = $('#composer');
  const text = input.value.trim();
  if (!text || !view.me || !view.chatId) return;
  input.value = '';
  try {
    await api('send', { as: view.me, chatId: view.chatId, text });
  } catch (err) {
    input.value = text;
    fail(err);
  }
  refreshSoon();
}

async function clock(button) {
  const action = button.dataset.clock;
  const body = action === 'to-1530' ? { action: 'to-time', time: '15:30' } : { action };
  const buttons = document.querySelectorAll('[data-clock]');
  buttons.forEach((b) => (b.disabled = true));
  try {
    const res = await api('clock', body);
    if (res.nowText) $('#clock').textContent = `现在：${res.nowText}`;
    const note = $('#clock-note');
    note.textContent = res.sent ? `发出 ${res.sent} 条消息` : '没有新消息';
    clearTimeout(note.timer);
    note.timer = setTimeout(() => (note.textContent = ''), 4000);
    await loadState();
  } catch (err) {
    fail(err);
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
  refreshSoon();
}

function wire() {
  $('#send').addEventListener('click', send);
  $('#composer').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void send();
    }
  });
  $('#person-select').addEventListener('change', (e) => selectPerson(e.target.value));
  document.querySelectorAll('[data-clock]').forEach((b) => b.addEventListener('click', () => clock(b)));
  document.querySelectorAll('[data-suggest]').forEach((b) =>
    b.addEventListener('click', () => {
      $('#composer').value = b.dataset.suggest;
      void send();
    }),
  );
}

async function start() {
  restore();
  wire();
  try {
    await loadState();
  } catch (err) {
    $('#offline').hidden = false;
    fail(err);
  }
  setInterval(() => pollChat(), 1000);
  setInterval(() => loadState().catch(() => ($('#offline').hidden = false)), 5000);
}

void start();
